// The layout habits of a YAML text, so that generated YAML looks like the user's: the width of
// one indentation step, and whether sequences are indented under their key (`ports:\n  - port`)
// or not (`ports:\n- port`).
import { splitLines } from '../edit/text';

export interface YamlStyle {
  /** Spaces per nesting level. */
  indent: number;
  /** Spaces between a key's column and the `-` of its sequence items (0 = not indented). */
  sequenceIndent: number;
}

export function detectStyle(text: string, fromLine = 0, toLine = Number.MAX_SAFE_INTEGER): YamlStyle {
  const lines = splitLines(text).slice(fromLine, toLine + 1);
  const indents = new Map<number, number>();
  const seqOffsets = new Map<number, number>();
  for (let i = 0; i + 1 < lines.length; i++) {
    const key = /^(\s*)(?:-\s+)?[^\s#-][^:#]*:\s*(#.*)?$/.exec(lines[i]!);
    if (!key) continue;
    const keyCol = keyColumn(lines[i]!);
    let j = i + 1;
    while (j < lines.length && /^\s*(#.*)?$/.test(lines[j]!)) j++;
    const next = lines[j];
    if (next === undefined) continue;
    const col = /^\s*/.exec(next)![0].length;
    if (/^\s*-(\s|$)/.test(next)) {
      if (col >= keyCol) bump(seqOffsets, col - keyCol);
    } else if (col > keyCol) bump(indents, col - keyCol);
  }
  const indent = mostCommon(indents) ?? 2;
  return { indent, sequenceIndent: mostCommon(seqOffsets) ?? indent };
}

/** The column of a line's key, past a `- ` sequence dash. */
function keyColumn(line: string): number {
  const m = /^(\s*)(-\s+)?/.exec(line)!;
  return m[0].length;
}

function bump(m: Map<number, number>, k: number): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function mostCommon(m: Map<number, number>): number | undefined {
  let best: number | undefined;
  let count = 0;
  for (const [k, c] of m) if (c > count || (c === count && best !== undefined && k < best)) [best, count] = [k, c];
  return best;
}
