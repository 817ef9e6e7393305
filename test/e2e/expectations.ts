// What a user must see on the bundled examples, shared by the extension-host suite, the UI test and
// the Neovim test. A finding is located by the one line that contains `line` and the exact `text`
// it covers on that line, so the expectations read like the manifests and survive edits above them.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface ExpectedFinding {
  rule: string;
  severity: Severity;
  /** A substring that identifies exactly one line of the file. */
  line: string;
  /** The exact text the finding covers on that line. */
  text: string;
  /** A substring of the message (the API server's words). */
  message: string;
}

/** 0-based line and UTF-16 columns, as LSP and the vscode API count. */
export interface Span {
  line: number;
  start: number;
  end: number;
}

export const BROKEN_SERVICES = 'broken-services.yaml';
export const SEED = 'service-backend.yaml';

/** examples/broken-services.yaml: one mistake per Service, each an error the API server would return. */
export const BROKEN_SERVICES_FINDINGS: ExpectedFinding[] = [
  { rule: 'service-type', severity: 'error', line: 'type: Nodeport', text: 'Nodeport', message: 'Unsupported value: "Nodeport"' },
  { rule: 'service-port-range', severity: 'error', line: 'port: 70000', text: '70000', message: 'must be between 1 and 65535' },
  { rule: 'service-port-range', severity: 'error', line: 'port: "4000"', text: '"4000"', message: 'cannot unmarshal string' },
  { rule: 'service-protocol', severity: 'error', line: 'protocol: udp', text: 'udp', message: 'Unsupported value: "udp"' },
];

/** The routing preview of the seed Service names these (examples/service-backend.yaml). */
export const SEED_ROUTING = ['service-backend.default.svc.cluster.local', '4000', '333', 'deployment-backend'];

export function locate(text: string, line: string, covered: string): Span {
  const lines = text.split(/\r?\n/);
  const hits = lines.flatMap((l, i) => (l.includes(line) ? [i] : []));
  if (hits.length !== 1) throw new Error(`expected exactly one line containing ${JSON.stringify(line)}, found ${hits.length}`);
  const n = hits[0]!;
  const start = lines[n]!.indexOf(covered);
  if (start < 0) throw new Error(`line ${n + 1} does not contain ${JSON.stringify(covered)}`);
  return { line: n, start, end: start + covered.length };
}

export function spanOf(text: string, f: ExpectedFinding): Span {
  return locate(text, f.line, f.text);
}

export const formatSpan = (s: Span): string => `${s.line + 1}:${s.start + 1}-${s.end + 1}`;
