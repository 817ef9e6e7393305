// The CLI's output formats. JSON is a contract: one array, one object per finding, exactly these
// keys in this order, lines and columns 1-based.
import type { Rule } from '../engine/rules/rule';
import type { Finding, Severity } from '../engine/types';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
}

export function toJsonFinding(f: Finding): JsonFinding {
  return {
    file: f.file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
  };
}

export function formatJson(findings: readonly Finding[]): string {
  return JSON.stringify(findings.map(toJsonFinding), null, 2);
}

/** `file:line:col: severity: message [rule]`, like a compiler, plus a summary line. */
export function formatText(findings: readonly Finding[], fileCount: number): string {
  const lines = findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity}: ${f.message} [${f.rule}]`);
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const summary = `${fileCount} file${fileCount === 1 ? '' : 's'} checked: ${count('error')} errors, ${count('warning')} warnings, ${count('information')} information, ${count('hint')} hints`;
  return [...lines, summary].join('\n');
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 with real regions (1-based, end column exclusive as SARIF defines it). */
export function formatSarif(findings: readonly Finding[], rules: readonly Rule[], version: string, docUri: (id: string) => string): string {
  const used = new Set(findings.map((f) => f.rule));
  const ruleList = rules.filter((r) => used.has(r.id));
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-service-lens',
            version,
            rules: ruleList.map((r) => ({
              id: r.id,
              shortDescription: { text: r.title },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
              helpUri: docUri(r.id),
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                region: {
                  startLine: f.range.start.line + 1,
                  startColumn: f.range.start.character + 1,
                  endLine: f.range.end.line + 1,
                  endColumn: f.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
