// Quick fixes that insert suppression comments (suppress.ts reads them): one for the line of a
// finding, placed above it at its indentation, and one for the whole file, placed at the top.
// An existing marker is extended with the rule id rather than stacked with another comment.
import { DISABLE_FILE, DISABLE_NEXT_LINE } from '../suppress';
import type { Fix } from '../types';
import { eolOf, indentOf, point, splitLines } from './text';

const NEXT_LINE_MARKER = new RegExp(`#\\s*${DISABLE_NEXT_LINE}(?=\\s|$)`);
const FILE_MARKER = new RegExp(`#\\s*${DISABLE_FILE}(?=\\s|$)`);

/** "Disable RULE for this line": a `# kube-service-lens-disable-next-line RULE` comment above `line`. */
export function disableLineFix(text: string, rule: string, line: number): Fix {
  const lines = splitLines(text);
  const title = `Disable ${rule} for this line`;
  // A marker in the comment block right above already targets this line: add the rule to it.
  for (let i = line - 1; i >= 0 && /^\s*#/.test(lines[i] ?? ''); i--) {
    const extended = extendMarker(lines[i]!, NEXT_LINE_MARKER, rule, i);
    if (extended) return { title, edits: [extended] };
  }
  const target = lines[line] ?? '';
  return { title, edits: [{ range: point(line, 0), newText: `${indentOf(target)}# ${DISABLE_NEXT_LINE} ${rule}${eolOf(text)}` }] };
}

/** "Disable RULE for this file": a `# kube-service-lens-disable RULE` comment on the first line. */
export function disableFileFix(text: string, rule: string): Fix {
  const lines = splitLines(text);
  const title = `Disable ${rule} for this file`;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (NEXT_LINE_MARKER.test(l) || !FILE_MARKER.test(l)) continue;
    const extended = extendMarker(l, FILE_MARKER, rule, i);
    if (extended) return { title, edits: [extended] };
  }
  return { title, edits: [{ range: point(0, 0), newText: `# ${DISABLE_FILE} ${rule}${eolOf(text)}` }] };
}

/**
 * Adds `rule` to the rule list of a marker line (before a `-- reason`). Undefined when the line
 * holds no such marker, or a marker without rule ids (it already covers every rule).
 */
function extendMarker(line: string, marker: RegExp, rule: string, lineNo: number) {
  const m = marker.exec(line);
  if (!m) return undefined;
  const afterMarker = m.index + m[0].length;
  const rest = line.slice(afterMarker);
  const reason = rest.indexOf('--');
  const listEnd = afterMarker + (reason >= 0 ? rest.slice(0, reason).trimEnd().length : rest.trimEnd().length);
  const list = line.slice(afterMarker, listEnd).split(/[\s,]+/).filter(Boolean);
  if (list.length === 0 || list.includes(rule)) return undefined;
  return { range: point(lineNo, listEnd), newText: `, ${rule}` };
}
