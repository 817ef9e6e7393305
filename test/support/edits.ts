// Applies quick-fix edits to in-memory files, as an editor would (see applyEdits.ts).
import type { Finding, Fix, TextEdit } from '../../server/src/engine/types';
import { applyEdits } from './applyEdits';

/** The files after applying `fix` of `finding`: each edit goes to its own file (default: the finding's). */
export function applyFix(files: Record<string, string>, finding: Pick<Finding, 'file'>, fix: Fix): Record<string, string> {
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
