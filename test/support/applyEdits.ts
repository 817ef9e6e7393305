// Applies TextEdits (LSP positions: 0-based line, UTF-16 column) to a text, as an editor would,
// so fix tests can assert the resulting file byte for byte. The one implementation the tests use:
// like an editor, it rejects overlapping edits, and inserts at one point keep their array order.
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

export function applyEdits(text: string, edits: ReadonlyArray<Pick<TextEdit, 'range' | 'newText'>>): string {
  const spans = edits.map((e, i) => ({ i, start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }));
  // Last first, so earlier offsets stay valid; inserts at one point go last-in-array first, so
  // their texts end up in array order (LSP: "the order in the array defines the order").
  spans.sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  for (let i = 1; i < spans.length; i++) {
    const later = spans[i - 1]!;
    const earlier = spans[i]!;
    if (earlier.end > later.start) throw new Error(`overlapping edits at offsets ${earlier.start}-${earlier.end} and ${later.start}-${later.end}`);
  }
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}
