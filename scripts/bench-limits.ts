// The measurements behind the parse limits (maxFileSizeMB, maxDocuments, maxDocumentSizeKB, the
// nesting limit): for inputs at and around each limit, the time to analyse the file, the longest
// step that cannot pause (what a request may wait for in the editor), and the heap the parse
// holds. Best of a few runs, because the machine is shared: `node build/scripts/bench-limits.js`.
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Linter } from '../server/src/engine/linter';
import { DEFAULT_LIMITS, MAX_NESTING } from '../server/src/engine/parse';
import { DEFAULT_SETTINGS } from '../server/src/engine/settings';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
};

const service = (i: number) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}, namespace: ns${i % 20}}\nspec:\n  type: Nodeport\n  selector: {app: a${i}}\n  ports: [{name: http, port: 80, targetPort: http}]\n`;
const deployment = (i: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}, namespace: ns${i % 20}}\nspec:\n  replicas: 2\n  template:\n    metadata: {labels: {app: a${i}}}\n    spec:\n      containers:\n        - name: c\n          image: registry.example.com/app:${i}\n          ports: [{name: http, containerPort: 8080}]\n`;

function documents(count: number): string {
  return Array.from({ length: count }, (_, i) => (i % 2 ? deployment(i) : service(i))).join('---\n');
}

function upTo(bytes: number, make: (i: number) => string, join: string): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = make(i);
    parts.push(p);
    size += p.length + join.length;
  }
  return parts.join(join);
}

/** One `kind: List` document of ConfigMaps, `kib` KiB: a dense single document. */
function list(kib: number): string {
  return `apiVersion: v1\nkind: List\nitems:\n${upTo(kib * 1024, (i) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c${i}, labels: {app: a${i}}}\n  data: {key: "${'x'.repeat(40)}"}\n`, '')}`;
}

interface Result {
  ms: number;
  longestStepMs: number;
  heapMiB: number;
  findings: number;
}

function measure(text: string, runs: number, limits = { ...DEFAULT_LIMITS, maxFileBytes: Infinity, maxDocuments: Infinity, maxDocumentBytes: Infinity }): Result {
  let best: Result | undefined;
  for (let r = 0; r < runs; r++) {
    const linter = new Linter({ ...DEFAULT_SETTINGS, limits });
    const before = heap();
    const started = performance.now();
    let longest = 0;
    const steps = linter.prepareSteps('bench.yaml', text);
    let prepared;
    for (;;) {
      const t = performance.now();
      const step = steps.next();
      longest = Math.max(longest, performance.now() - t);
      if (step.done) {
        prepared = step.value;
        break;
      }
    }
    // Committing to the index and computing the findings to publish are separate steps in the server.
    let t = performance.now();
    linter.commit(prepared);
    longest = Math.max(longest, performance.now() - t);
    t = performance.now();
    const findings = linter.findings('bench.yaml').length;
    longest = Math.max(longest, performance.now() - t);
    const ms = performance.now() - started;
    const heapMiB = heap() - before; // the parse (AST) and the linter's state, as an open document keeps them
    if (!best || ms < best.ms) best = { ms, longestStepMs: longest, heapMiB: Math.max(heapMiB, best?.heapMiB ?? 0), findings };
    else best.heapMiB = Math.max(best.heapMiB, heapMiB);
    if (prepared.parsed.documents.length < 0) console.log(''); // keep `prepared` alive until the heap is measured
  }
  return best!;
}

const inputs: Array<[string, () => string, number]> = [
  ['1,000 documents', () => documents(1000), 3],
  ['10,000 documents (maxDocuments)', () => documents(10_000), 2],
  ['1 MiB of documents', () => upTo(1024 * 1024, (i) => (i % 2 ? deployment(i) : service(i)), '---\n'), 2],
  ['4 MiB of documents (maxFileSizeMB)', () => upTo(4 * 1024 * 1024, (i) => (i % 2 ? deployment(i) : service(i)), '---\n'), 1],
  ['8 MiB of documents (the old limit)', () => upTo(8 * 1024 * 1024, (i) => (i % 2 ? deployment(i) : service(i)), '---\n'), 1],
  ['one 64 KiB document', () => list(64), 3],
  ['one 256 KiB document (maxDocumentSizeKB)', () => list(256), 3],
  ['one 1 MiB document', () => list(1024), 2],
  ['one 4 MiB document', () => list(4096), 1],
  [`nesting ${MAX_NESTING} deep (the limit)`, () => `a: ${'['.repeat(MAX_NESTING - 1)}${']'.repeat(MAX_NESTING - 1)}\n`, 3],
  ['nesting 10,000 deep (skipped)', () => `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 3],
];

const only = process.argv[2];
console.log('input | size | analyse (best) | longest step | heap held | findings');
console.log('---|---|---|---|---|---');
for (const [name, make, runs] of inputs) {
  if (only && !name.includes(only)) continue;
  const text = make();
  const r = measure(text, runs);
  console.log(`${name} | ${(text.length / 1024).toFixed(0)} KiB | ${r.ms.toFixed(0)} ms | ${r.longestStepMs.toFixed(0)} ms | ${r.heapMiB.toFixed(0)} MiB | ${r.findings}`);
}
