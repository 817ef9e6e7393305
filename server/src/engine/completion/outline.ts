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
  let indent = 0;
  while (line.charCodeAt(indent) === 32) indent++;
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
  const first = s[0];
  if (first === '{' || first === '[' || first === '#') return -1;
  let from = 0;
  if (first === '"' || first === "'") {
    const close = s.indexOf(first, 1);
    if (close < 0) return -1;
    from = close + 1;
  }
  const comment = s.indexOf(' #', from);
  for (let k = s.indexOf(':', from); k >= 0; k = s.indexOf(':', k + 1)) {
    if (comment >= 0 && comment < k) return -1;
    const next = s[k + 1];
    if (next === undefined || next === ' ' || next === '\t') return k;
  }
  return -1;
}

function stripComment(s: string): string {
  if (!s.includes('#')) return s.trimEnd();
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

const BLANK: LineInfo = { indent: 0, dash: false, keyCol: 0, value: '', blank: true };

export class DocumentOutline {
  private readonly infos: LineInfo[] = [];
  /** The nearest content line above each line (-1: none). */
  private readonly prevContent: number[] = [];
  /**
   * The nearest content line above each content line that is indented less. Every line between
   * the two is indented at least as deep, so upward walks can jump over whole blocks at once.
   */
  private readonly up: number[] = [];

  /** `lines` of the whole file; `start`..`end` (inclusive) bound the document. */
  constructor(
    readonly lines: readonly string[],
    readonly start: number,
    readonly end: number,
  ) {
    let prev = -1;
    for (let i = start; i <= end; i++) {
      const info = lineInfo(lines[i] ?? '');
      this.infos[i] = info;
      this.prevContent[i] = prev;
      if (info.blank) continue;
      let k = prev;
      while (k >= start && this.info(k).indent >= info.indent) k = this.up[k]!;
      this.up[i] = k;
      prev = i;
    }
    this.prevContent[end + 1] = prev;
  }

  info(line: number): LineInfo {
    return this.infos[line] ?? BLANK;
  }

  private previous(line: number): number {
    if (line > this.end) return this.prevContent[this.end + 1] ?? -1;
    return this.prevContent[line] ?? line - 1;
  }

  /**
   * The path of the collection that holds content at column `col` of line `line`, read from the
   * lines above it. `siblingDash` is the column of sequence items that are siblings (skipped).
   */
  containerPath(line: number, col: number, siblingDash = -1): PathStep[] {
    for (let j = this.previous(line); j >= this.start; ) {
      const l = this.info(j);
      if (l.indent >= col) {
        j = this.up[j] ?? j - 1;
        continue;
      }
      if (l.dash) {
        if (l.indent === siblingDash) {
          j = this.previous(j);
          continue;
        }
        const item: PathStep = { key: '[]', line: j, col: l.indent };
        const owner = this.containerPath(j, l.indent + 1, l.indent);
        if (l.key !== undefined && l.keyCol < col) return [...owner, item, { key: l.key, line: j, col: l.keyCol }];
        return [...owner, item];
      }
      if (l.key !== undefined) return [...this.containerPath(j, l.indent), { key: l.key, line: j, col: l.indent }];
      j = this.previous(j);
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
    if (path.length === 0) return [...this.topLevel()];
    let from = this.start;
    let to = this.end;
    {
      // Only the block of the top-level key can hold the path.
      const top = this.topLevel().filter((t) => t.key === path[0]).pop();
      if (!top) return out;
      from = top.line + 1;
      to = this.topLevel().find((t) => t.line > top.line)?.line ?? this.end;
    }
    for (let i = from; i <= to; i++) {
      const l = this.info(i);
      if (l.key === undefined || (l.keyCol === 0) !== (path.length === 0)) continue;
      const p = this.pathOf(i);
      if (p && p.length === path.length + 1 && path.every((k, n) => p[n]!.key === k)) out.push({ line: i, key: l.key, value: l.value });
    }
    return out;
  }

  private topLevelCache: Array<{ line: number; key: string; value: string }> | undefined;

  /** The keys at column 0, in order. */
  topLevel(): Array<{ line: number; key: string; value: string }> {
    if (!this.topLevelCache) {
      this.topLevelCache = [];
      for (let i = this.start; i <= this.end; i++) {
        const l = this.info(i);
        if (!l.blank && l.indent === 0 && !l.dash && l.key !== undefined) this.topLevelCache.push({ line: i, key: l.key, value: l.value });
      }
    }
    return this.topLevelCache;
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
  // On a `---` that is the last line, start is past the end: the document is empty, not out of bounds.
  let end = Math.min(Math.max(line, start), lines.length - 1);
  while (end + 1 < lines.length && !DOC_MARKER.test(lines[end + 1] ?? '')) end++;
  return { start, end };
}
