// In-file suppression comments, honoured by the editor and the CLI alike:
//   # kube-service-lens-disable-next-line RULE[, RULE…]   the next line that is not a comment
//   # kube-service-lens-disable RULE[, RULE…]             the whole file (no rule ids: every rule)
import type { Finding } from './types';

export const DISABLE_NEXT_LINE = 'kube-service-lens-disable-next-line';
export const DISABLE_FILE = 'kube-service-lens-disable';

export interface Suppressions {
  /** Rule ids disabled for the whole file; '*' for all. */
  file: Set<string>;
  /** 0-based line → rule ids ('*' for all). */
  lines: Map<number, Set<string>>;
}

const MARKER = /#\s*kube-service-lens-disable(-next-line)?(?=\s|$)([^\n]*)/;

export function parseSuppressions(text: string): Suppressions {
  const out: Suppressions = { file: new Set(), lines: new Map() };
  if (!text.includes(DISABLE_FILE)) return out;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i] ?? '');
    if (!m) continue;
    // Anything after "--" is a free-text reason.
    const rules = (m[2] ?? '').split('--')[0]!.split(/[\s,]+/).filter(Boolean);
    const set = new Set(rules.length ? rules : ['*']);
    if (m[1]) {
      let target = i + 1;
      while (target < lines.length && /^\s*(#.*)?\r?$/.test(lines[target] ?? '')) target++;
      const existing = out.lines.get(target);
      out.lines.set(target, existing ? new Set([...existing, ...set]) : set);
    } else {
      for (const r of set) out.file.add(r);
    }
  }
  return out;
}

export function isSuppressed(s: Suppressions, f: Finding): boolean {
  if (s.file.has('*') || s.file.has(f.rule)) return true;
  const line = s.lines.get(f.range.start.line);
  return !!line && (line.has('*') || line.has(f.rule));
}
