// The one helper most tests go through: lint in-memory files as one workspace.
import { Linter } from '../../server/src/engine/linter';
import { normalizeSettings } from '../../server/src/engine/settings';
import type { Finding } from '../../server/src/engine/types';

export interface CheckResult {
  findings: Finding[];
  linter: Linter;
  /** Findings of one file. */
  of(file: string): Finding[];
}

export function check(files: Record<string, string>, rawSettings: Record<string, unknown> = {}): CheckResult {
  const linter = new Linter(normalizeSettings(rawSettings), {
    onRuleError: (rule, file, error) => {
      throw new Error(`rule ${rule} threw on ${file}: ${(error as Error).stack ?? String(error)}`);
    },
  });
  for (const [file, text] of Object.entries(files)) linter.update(file, text);
  const findings = Object.keys(files).flatMap((f) => linter.findings(f));
  return { findings, linter, of: (file) => findings.filter((f) => f.file === file) };
}

/** `rule severity L:C-L:C` (1-based) for compact assertions. */
export function brief(f: Finding): string {
  const r = f.range;
  return `${f.rule} ${f.severity} ${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}
