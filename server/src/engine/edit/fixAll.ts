// "Fix all": the preferred fix of every finding, combined into one set of edits. A fix whose
// edits would overlap an edit already taken is left out (applying both would corrupt the text);
// a second run picks it up once the first result is re-checked.
import type { Finding, TextEdit } from '../types';
import { rangesOverlap } from './text';

export interface CombinedFix {
  /** Every edit with its file filled in. */
  edits: Array<TextEdit & { file: string }>;
  /** How many findings the edits repair. */
  count: number;
}

/** The preferred fix of each finding (of `rule`, when given), combined without overlaps. */
export function combinePreferredFixes(findings: readonly Finding[], rule?: string): CombinedFix {
  const taken: Array<TextEdit & { file: string }> = [];
  let count = 0;
  for (const f of findings) {
    if (rule !== undefined && f.rule !== rule) continue;
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix || fix.edits.length === 0) continue;
    const edits = fix.edits.map((e) => ({ ...e, file: e.file ?? f.file }));
    const clash = edits.some((e) => taken.some((t) => t.file === e.file && rangesOverlap(t.range, e.range)));
    if (clash) continue;
    taken.push(...edits);
    count++;
  }
  return { edits: taken, count };
}
