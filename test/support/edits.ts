// Applies quick-fix edits to text, as an editor would: ranges are 0-based lines and UTF-16 columns.
import type { Finding, Fix, TextEdit } from '../../server/src/engine/types';

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) throw new Error(`line ${line} is past the end of the text`);
    offset = nl + 1;
  }
  return offset + character;
}

/** `edits` applied to `text` (last first, so earlier offsets stay valid). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e) => ({ from: offsetOf(text, e.range.start.line, e.range.start.character), to: offsetOf(text, e.range.end.line, e.range.end.character), newText: e.newText }))
    .sort((a, b) => b.from - a.from);
  let out = text;
  for (const s of spans) out = out.slice(0, s.from) + s.newText + out.slice(s.to);
  return out;
}

/** The files after applying `fix` of `finding`: each edit goes to its own file (default: the finding's). */
export function applyFix(files: Record<string, string>, finding: Finding, fix: Fix): Record<string, string> {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of fix.edits) {
    const file = e.file ?? finding.file;
    if (!(file in files)) throw new Error(`fix edits unknown file ${file}`);
    byFile.set(file, [...(byFile.get(file) ?? []), e]);
  }
  const out = { ...files };
  for (const [file, edits] of byFile) out[file] = applyEdits(files[file]!, edits);
  return out;
}
