// Engine findings as LSP diagnostics: code = rule id, codeDescription = the rule's doc, the fixes
// travel in `data` so code actions need no server-side table (Ruff's way).
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { Finding, Severity } from '../engine/types';

export const SOURCE = 'kube-service-lens';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface DiagnosticData {
  fixes?: Finding['fixes'];
}

export function toDiagnostic(f: Finding, docHref: (rule: string) => string | undefined): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: SOURCE,
    message: f.message,
  };
  const href = docHref(f.rule);
  if (href) d.codeDescription = { href };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: r.file, range: r.range }, message: r.message }));
  }
  if (f.fixes?.length) d.data = { fixes: f.fixes } satisfies DiagnosticData;
  return d;
}
