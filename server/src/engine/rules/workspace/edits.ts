// Text edits for the cross-file quick fixes. Workspace rules see views (values with ranges), not
// the YAML text, so every edit is computed from a range: replace a scalar, or insert a key before
// the first key of a map (block maps: at that key's line and column, then the same indentation;
// flow maps: right after `{`). Everything outside the edited range stays byte-identical.
import type { Range, TextEdit } from '../../types';

/** Replaces the text of `range` (in `file`, or the finding's own file when omitted). */
export function replaceEdit(range: Range, newText: string, file?: string): TextEdit {
  const edit: TextEdit = { range, newText };
  if (file !== undefined) edit.file = file;
  return edit;
}

/**
 * Adds `key: value` as the first entry of the map whose range is `mapRange`. For a block map the
 * range starts at its first key, so the new line goes there and the old first key moves down at
 * the same column.
 */
export function insertFirstKeyEdit(mapRange: Range, flow: boolean, key: string, value: string, file?: string): TextEdit {
  const at = mapRange.start;
  if (flow) {
    const after = { line: at.line, character: at.character + 1 };
    return replaceEdit({ start: after, end: after }, `${key}: ${value}, `, file);
  }
  return replaceEdit({ start: at, end: at }, `${key}: ${value}\n${' '.repeat(at.character)}`, file);
}
