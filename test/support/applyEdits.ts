// Applies TextEdits (LSP positions: 0-based line, UTF-16 column) to a text, as an editor would,
// so fix tests can assert the resulting file byte for byte.
import type { Position, TextEdit } from '../../server/src/engine/types';

function offsetAt(text: string, pos: Position): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + pos.character, text.length);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }));
  spans.sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < spans.length; i++) {
    const later = spans[i - 1]!;
    const earlier = spans[i]!;
    if (earlier.end > later.start) throw new Error(`overlapping edits at offsets ${earlier.start}-${earlier.end} and ${later.start}-${later.end}`);
  }
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}
