// Plain-text helpers for computing edits. Positions are 0-based lines and UTF-16
// columns (see types.ts), so they index JavaScript strings directly.
import type { Position, Range } from '../types';
import { compareRanges } from '../types';

/** Offsets at which each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function offsetAt(text: string, pos: Position, starts = lineStarts(text)): number {
  if (pos.line >= starts.length) return text.length;
  const start = starts[Math.max(0, pos.line)] ?? 0;
  const next = pos.line + 1 < starts.length ? (starts[pos.line + 1] ?? text.length) : text.length;
  return Math.min(start + Math.max(0, pos.character), next);
}

export function positionAt(text: string, offset: number, starts = lineStarts(text)): Position {
  const o = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: o - (starts[lo] ?? 0) };
}

/** The lines of a text without their line breaks (a trailing `\r` is dropped too). */
export function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** The file's line break: CRLF when its first line break is one, else LF. */
export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

export function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

export function point(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

export function rangesOverlap(a: Range, b: Range): boolean {
  const before = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character < y.character);
  // Two insertions at the same point conflict too (their order would be arbitrary).
  if (compareRanges(a, b) === 0) return true;
  return before(a.start, b.end) && before(b.start, a.end);
}
