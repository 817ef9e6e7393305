// Where the cursor is in a YAML document that the user is still typing. yaml's parser sees
// `type: ` as null and `selector:\n    ap` as the string "ap", so the syntax tree cannot say what
// is being typed; block YAML's indentation can. This reads the key path of any line from the
// lines above it, and tolerates whatever is on the cursor's own line.
import { parse } from 'yaml';

export interface LineInfo {
  /** Column of the first non-blank character. */
  indent: number;
  /** The line starts a sequence item (`- …`). */
  dash: boolean;
  /** Column of the key (past the dash), or of the value of a bare `- value` item. */
  keyCol: number;
  key?: string;
  /** The value after `key:` (or after `- `), without a trailing comment; '' when none. */
  value: string;
  /** Blank or comment-only: not content. */
  blank: boolean;
}

export function lineInfo(line: string): LineInfo {
  const indent = /^ */.exec(line)![0].length;
  const rest = line.slice(indent);
  if (rest === '' || rest.startsWith('#')) return { indent, dash: false, keyCol: indent, value: '', blank: true };
  let keyCol = indent;
  let body = rest;
  const dash = /^-(\s+|$)/.exec(rest);
  if (dash) {
    keyCol = indent + dash[0].length;
    body = rest.slice(dash[0].length);
  }
  const colon = keyEnd(body);
  if (colon < 0) return { indent, dash: !!dash, keyCol, value: stripComment(body), blank: false };
  const key = unquote(body.slice(0, colon).trim());
  return { indent, dash: !!dash, keyCol, key, value: stripComment(body.slice(colon + 1)).trim(), blank: false };
}

/** Index of the `:` that ends a mapping key (followed by a blank or the end), outside quotes; -1 if none. */
function keyEnd(s: string): number {
  if (s.startsWith('{') || s.startsWith('[') || s.startsWith('#')) return -1;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (i === 0 && (c === '"' || c === "'")) quote = c;
    else if (c === '#' && i > 0 && s[i - 1] === ' ') return -1;
    else if (c === ':' && (i + 1 === s.length || s[i + 1] === ' ' || s[i + 1] === '\t')) return i;
  }
  return -1;
}

function stripComment(s: string): string {
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (i === 0 || s[i - 1] === ' ' || s[i - 1] === '[' || s[i - 1] === '{' || s[i - 1] === ',') quote = c;
    } else if (c === '#' && (i === 0 || s[i - 1] === ' ')) return s.slice(0, i).trimEnd();
  }
  return s.trimEnd();
}

export function unquote(s: string): string {
  if (s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")))) return s.slice(1, -1);
  return s;
}

/** One step of a key path: a mapping key, or `[]` for "an item of this sequence". */
export interface PathStep {
  key: string;
  /** Line and column of the key (for `[]`, of the item's dash). */
  line: number;
  col: number;
}

export class DocumentOutline {
  private readonly infos: LineInfo[];

  /** `lines` of the whole file; `start`..`end` (inclusive) bound the document. */
  constructor(
    readonly lines: readonly string[],
    readonly start: number,
    readonly end: number,
  ) {
    this.infos = lines.map((l, i) => (i >= start && i <= end ? lineInfo(l) : { indent: 0, dash: false, keyCol: 0, value: '', blank: true }));
  }

  info(line: number): LineInfo {
    return this.infos[line] ?? { indent: 0, dash: false, keyCol: 0, value: '', blank: true };
  }

  /**
   * The path of the collection that holds content at column `col` of line `line`, read from the
   * lines above it. `siblingDash` is the column of sequence items that are siblings (skipped).
   */
  containerPath(line: number, col: number, siblingDash = -1): PathStep[] {
    for (let j = line - 1; j >= this.start; j--) {
      const l = this.info(j);
      if (l.blank || l.indent >= col) continue;
      if (l.dash) {
        if (l.indent === siblingDash) continue;
        const item: PathStep = { key: '[]', line: j, col: l.indent };
        const owner = this.containerPath(j, l.indent + 1, l.indent);
        if (l.key !== undefined && l.keyCol < col) return [...owner, item, { key: l.key, line: j, col: l.keyCol }];
        return [...owner, item];
      }
      if (l.key !== undefined) return [...this.containerPath(j, l.indent), { key: l.key, line: j, col: l.indent }];
    }
    return [];
  }

  /** The path of the key on `line` (its container's path plus the key). */
  pathOf(line: number): PathStep[] | undefined {
    const l = this.info(line);
    if (l.blank || l.key === undefined) return undefined;
    const container = l.dash ? [...this.containerPath(line, l.indent + 1, l.indent), { key: '[]', line, col: l.indent }] : this.containerPath(line, l.keyCol);
    return [...container, { key: l.key, line, col: l.keyCol }];
  }

  /** Every `key: value` line of the document whose path (as strings) equals `path` plus one key. */
  entriesUnder(path: readonly string[]): Array<{ line: number; key: string; value: string }> {
    const out: Array<{ line: number; key: string; value: string }> = [];
    for (let i = this.start; i <= this.end; i++) {
      const l = this.info(i);
      if (l.key === undefined || (l.keyCol === 0) !== (path.length === 0)) continue;
      const p = this.pathOf(i);
      if (p && p.length === path.length + 1 && path.every((k, n) => p[n]!.key === k)) out.push({ line: i, key: l.key, value: l.value });
    }
    return out;
  }

  /**
   * The scalar entries of the mapping at `path`: its block lines, or a flow mapping written on the
   * key's own line (`metadata: {name: a, namespace: b}`).
   */
  mapAt(path: readonly string[]): Array<{ line: number; key: string; value: string }> {
    const block = this.entriesUnder(path);
    if (block.length > 0 || path.length === 0) return block;
    const owner = this.entriesUnder(path.slice(0, -1)).find((e) => e.key === path[path.length - 1] && e.value.startsWith('{'));
    if (!owner) return [];
    let parsed: unknown;
    try {
      parsed = parse(owner.value, { version: '1.1' });
    } catch {
      return [];
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
    return Object.entries(parsed as Record<string, unknown>)
      .filter(([, v]) => v === null || typeof v !== 'object')
      .map(([key, v]) => ({ line: owner.line, key, value: v === null ? '' : String(v) }));
  }

  /** The `key: value` lines of the mapping that holds the key at (`line`, `col`), that line excluded. */
  siblings(line: number, col: number): Map<string, string> {
    const out = new Map<string, string>();
    const take = (l: LineInfo) => {
      if (l.key !== undefined && !out.has(l.key)) out.set(l.key, l.value);
    };
    const self = this.info(line);
    // Upwards to the start of this mapping (a dash line opens a mapping that is a sequence item).
    if (!(self.dash && self.keyCol === col)) {
      for (let j = line - 1; j >= this.start; j--) {
        const l = this.info(j);
        if (l.blank) continue;
        if (l.keyCol === col && (!l.dash || l.indent < col)) {
          take(l);
          if (l.dash) break;
          continue;
        }
        if (l.indent < col) break;
      }
    }
    for (let j = line + 1; j <= this.end; j++) {
      const l = this.info(j);
      if (l.blank) continue;
      if (l.indent < col) break;
      if (l.keyCol === col && !l.dash) take(l);
    }
    return out;
  }
}

const DOC_MARKER = /^(---|\.\.\.)(\s|$)/;

/** The first and last line of the YAML document that holds `line`. */
export function documentAround(lines: readonly string[], line: number): { start: number; end: number } {
  let start = line;
  while (start > 0 && !DOC_MARKER.test(lines[start - 1] ?? '')) start--;
  if (DOC_MARKER.test(lines[line] ?? '') && line === start) start = line + 1;
  let end = Math.max(line, start);
  while (end + 1 < lines.length && !DOC_MARKER.test(lines[end + 1] ?? '')) end++;
  return { start, end };
}
