// Mutations of real manifests: delete, duplicate or swap lines, change indentation, replace
// scalars with values of other types, truncate, insert YAML punctuation, splice documents, nest
// deeply, add anchors and aliases, change kinds, switch to CRLF. Each mutation names itself so a
// failing case can be read, not only replayed.
import type { Rng } from './rng';

export interface Source {
  name: string;
  text: string;
}

/** Values of every YAML type, and strings that mean something to Kubernetes or to a YAML parser. */
const VALUES = [
  '0', '-1', '65536', '80', '30000', '"80"', "'80'", '1.5', '1e400', '0x1F', '0755', '.inf', '.nan', '9007199254740993',
  'true', 'yes', 'no', 'on', 'null', '~', '""', "''", '[]', '{}', '[1, 2]', '{a: 1}', '[[[]]]', '{a: {b: [c]}}',
  '*a', '&a x', '!!str 5', '!!int "x"', '!!binary aGVsbG8=', '!!set {a, b}', '!custom x', '|\n  text', '>-\n  folded',
  '"é\\u00e9\\n"', '"{{ .Values.x }}"', '{{ .Values.x }}', 'None', 'TCP', 'UDP', 'SCTP', 'tcp', 'NodePort', 'LoadBalancer',
  'ExternalName', 'ClusterIP', 'Nodeport', 'http', 'grpc', '10.96.0.1', '10.96.0.0/12', '2001:db8::1', 'fd00::/108',
  '-', '? x', ': x', '#', '%', '@', '`', '=', '<<', '"', "'", '[', '{', '&', '*', '!', '|', '>', '- - -', 'a: b: c',
  'Service', 'Deployment', 'List', 'v1', 'apps/v1', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
];

const PUNCTUATION = [
  '[', ']', '{', '}', '"', "'", ':', ': ', '- ', '\t', '---\n', '...\n', '&a ', '*a', '? ', '%YAML 1.1\n', '!!str ', '\uFEFF',
  '\r', '#', '|', '>', ',', '{{ .Values.x }}', '{{- if .x }}', '<<: *a\n', '\n', '  ', '\\', '\u2028', '\u00a0', '💥', '\u0085',
];

const KINDS = [
  'Service', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'List', 'ServiceList',
  'Ingress', 'HTTPRoute', 'GRPCRoute', 'Endpoints', 'EndpointSlice', 'ServiceCIDR', 'ConfigMap', 'Rollout', 'Unknown',
];

const API_VERSIONS = ['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'gateway.networking.k8s.io/v1', 'discovery.k8s.io/v1', 'x/y/z', ''];

type Mutation = (text: string, rng: Rng, sources: readonly Source[]) => [string, string];

const lines = (text: string) => text.split('\n');

/** A value line: `key: value` or `- value`, and the column where its value starts. */
const VALUE_LINE = /^(\s*(?:- )?(?:[^#:\s][^:#]*:\s+|- ))(\S.*)$/;

const mutations: Array<[string, number, Mutation]> = [
  [
    'delete',
    3,
    (text, rng) => {
      const ls = lines(text);
      const at = rng.int(ls.length);
      const n = 1 + rng.int(3);
      ls.splice(at, n);
      return [ls.join('\n'), `delete lines ${at + 1}-${at + n}`];
    },
  ],
  [
    'duplicate',
    3,
    (text, rng) => {
      const ls = lines(text);
      const at = rng.int(ls.length);
      const n = 1 + rng.int(3);
      const block = ls.slice(at, at + n);
      const to = rng.chance(0.6) ? at + n : rng.int(ls.length + 1);
      ls.splice(to, 0, ...block);
      return [ls.join('\n'), `duplicate lines ${at + 1}-${at + n} at ${to + 1}`];
    },
  ],
  [
    'swap',
    3,
    (text, rng) => {
      const ls = lines(text);
      const a = rng.int(ls.length);
      const b = rng.chance(0.5) ? Math.min(ls.length - 1, a + 1) : rng.int(ls.length);
      [ls[a], ls[b]] = [ls[b] as string, ls[a] as string];
      return [ls.join('\n'), `swap lines ${a + 1} and ${b + 1}`];
    },
  ],
  [
    'indent',
    3,
    (text, rng) => {
      const ls = lines(text);
      const at = rng.int(ls.length);
      const n = 1 + rng.int(3);
      const how = rng.int(4);
      for (let i = at; i < Math.min(ls.length, at + n); i++) {
        const line = ls[i] as string;
        if (how === 0) ls[i] = ' '.repeat(1 + rng.int(4)) + line;
        else if (how === 1) ls[i] = line.replace(/^ {1,4}/, '');
        else if (how === 2) ls[i] = line.replace(/^( +)/, (m) => '\t'.repeat(Math.max(1, m.length >> 1)));
        else ls[i] = line.trimStart();
      }
      return [ls.join('\n'), `indent lines ${at + 1}-${at + n} (${['deeper', 'shallower', 'tabs', 'none'][how]})`];
    },
  ],
  [
    'scalar',
    6,
    (text, rng) => {
      const ls = lines(text);
      const candidates = ls.map((l, i) => (VALUE_LINE.test(l) ? i : -1)).filter((i) => i >= 0);
      if (candidates.length === 0) return [text, 'scalar (no value line)'];
      const at = rng.pick(candidates);
      const value = rng.chance(0.05) ? 'x'.repeat(1 + rng.int(20_000)) : rng.pick(VALUES);
      ls[at] = (ls[at] as string).replace(VALUE_LINE, (_m, head: string) => `${head}${value}`);
      return [ls.join('\n'), `line ${at + 1} value -> ${JSON.stringify(value.slice(0, 40))}`];
    },
  ],
  [
    'truncate',
    2,
    (text, rng) => {
      const at = rng.int(text.length + 1);
      return [text.slice(0, at), `truncate at ${at}`];
    },
  ],
  [
    'insert',
    4,
    (text, rng) => {
      const at = rng.int(text.length + 1);
      const what = rng.pick(PUNCTUATION);
      return [text.slice(0, at) + what + text.slice(at), `insert ${JSON.stringify(what)} at ${at}`];
    },
  ],
  [
    'splice',
    2,
    (text, rng, sources) => {
      const other = rng.pick(sources);
      const ls = lines(text);
      const at = rng.int(ls.length + 1);
      const part = rng.chance(0.5) ? other.text : lines(other.text).slice(0, 1 + rng.int(30)).join('\n');
      ls.splice(at, 0, rng.chance(0.7) ? `---\n${part}\n---` : part);
      return [ls.join('\n'), `splice ${other.name} at line ${at + 1}`];
    },
  ],
  [
    'repeat',
    1,
    (text, rng) => {
      const ls = lines(text);
      const at = rng.int(ls.length);
      const n = 1 + rng.int(6);
      const times = 2 + rng.int(200);
      const block = ls.slice(at, at + n);
      ls.splice(at, 0, ...Array.from({ length: times }, () => block).flat());
      return [ls.join('\n'), `repeat lines ${at + 1}-${at + n} x${times}`];
    },
  ],
  [
    'nest',
    1,
    (text, rng) => {
      const depth = rng.pick([50, 127, 128, 129, 300, 5000]);
      const ls = lines(text);
      const at = rng.int(ls.length + 1);
      const kind = rng.int(3);
      const nested =
        kind === 0
          ? `deep: ${'['.repeat(depth)}${rng.chance(0.5) ? ']'.repeat(depth) : ''}`
          : kind === 1
            ? `${'- '.repeat(depth)}x`
            : Array.from({ length: Math.min(depth, 400) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v';
      ls.splice(at, 0, nested);
      return [ls.join('\n'), `nest ${['flow', 'dash', 'block'][kind]} x${depth} at line ${at + 1}`];
    },
  ],
  [
    'alias',
    2,
    (text, rng) => {
      const ls = lines(text);
      const candidates = ls.map((l, i) => (VALUE_LINE.test(l) ? i : -1)).filter((i) => i >= 0);
      if (candidates.length < 2) return [text, 'alias (no value lines)'];
      const a = rng.pick(candidates);
      const b = rng.pick(candidates);
      ls[a] = (ls[a] as string).replace(VALUE_LINE, (_m, head: string, v: string) => `${head}&z ${v}`);
      ls[b] = (ls[b] as string).replace(VALUE_LINE, (_m, head: string) => `${head}*z`);
      return [ls.join('\n'), `anchor &z at line ${a + 1}, alias *z at line ${b + 1}`];
    },
  ],
  [
    'bomb',
    1,
    (text, rng) => {
      const width = 2 + rng.int(9);
      const levels = 2 + rng.int(9);
      const bomb = [`b0: &b0 [${Array(width).fill('"x"').join(',')}]`];
      for (let i = 1; i < levels; i++) bomb.push(`b${i}: &b${i} [${Array(width).fill(`*b${i - 1}`).join(',')}]`);
      return [`${bomb.join('\n')}\n${text}`, `alias bomb ${width}^${levels}`];
    },
  ],
  [
    'kind',
    2,
    (text, rng) => {
      const kind = rng.pick(KINDS);
      const api = rng.pick(API_VERSIONS);
      const which = rng.int(2);
      return which === 0
        ? [text.replace(/^(\s*kind:\s*).*$/m, `$1${kind}`), `kind -> ${kind}`]
        : [text.replace(/^(\s*apiVersion:\s*).*$/m, `$1${api}`), `apiVersion -> ${api}`];
    },
  ],
  [
    'endings',
    1,
    (text, rng) => {
      const how = rng.int(3);
      if (how === 0) return [text.replace(/\r?\n/g, '\r\n'), 'CRLF'];
      if (how === 1) return [`\uFEFF${text}`, 'BOM'];
      return [text.replace(/\r?\n/g, '\r'), 'CR only'];
    },
  ],
];

const TOTAL_WEIGHT = mutations.reduce((n, [, w]) => n + w, 0);

function pickMutation(rng: Rng): [string, Mutation] {
  let r = rng.int(TOTAL_WEIGHT);
  for (const [name, weight, fn] of mutations) {
    if (r < weight) return [name, fn];
    r -= weight;
  }
  const [name, , fn] = mutations[0]!;
  return [name, fn];
}

/**
 * Cases stay under 512 KiB: the 2 s limit is about robustness, and the YAML parser alone takes
 * 1 to 2 s per MiB of dense punctuation on a busy machine (the bench-limits figures).
 */
export const MAX_CASE_CHARS = 512 * 1024;

/** 1 to 4 mutations of `text`; returns the new text and what was done. */
export function mutate(text: string, rng: Rng, sources: readonly Source[]): { text: string; steps: string[] } {
  const steps: string[] = [];
  const n = 1 + rng.int(4);
  for (let i = 0; i < n; i++) {
    const [, fn] = pickMutation(rng);
    const [next, step] = fn(text, rng, sources);
    if (next.length > MAX_CASE_CHARS) {
      steps.push(`(${step}: over ${MAX_CASE_CHARS / 1024} KiB, not applied)`);
      continue;
    }
    text = next;
    steps.push(step);
  }
  return { text, steps };
}

/** Byte-level damage for files on disk: invalid UTF-8, a NUL, a cut multi-byte character. */
export function damageBytes(bytes: Buffer, rng: Rng): { bytes: Buffer; step: string } {
  const at = rng.int(bytes.length + 1);
  const what = rng.pick([[0xff], [0xc3], [0xe2, 0x82], [0x00], [0xfe, 0xff], [0xef, 0xbb, 0xbf]]);
  return { bytes: Buffer.concat([bytes.subarray(0, at), Buffer.from(what), bytes.subarray(at)]), step: `bytes ${what.map((b) => b.toString(16)).join(' ')} at ${at}` };
}
