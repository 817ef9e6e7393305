// The fuzzer: mutated manifests through the engine on the CLI's code path and through the built
// language server over stdio. Any exception, rule error, malformed finding, case over 2 s or
// server exit fails the run, which prints the seed and case number to replay it.
//   npm run fuzz -- --cases N --seed S [--server-cases M] [--case K]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FuzzCase, makeCase } from './fuzz/cases';
import { CASE_LIMIT_MS, runEngineCase } from './fuzz/engine';
import { ServerFuzzer } from './fuzz/server';
import { loadSources } from './fuzz/sources';

export interface FuzzOptions {
  seed: number;
  cases: number;
  serverCases: number;
  /** Replay this case only (engine and server). */
  only?: number;
  /** Progress and summary lines; silent when omitted. */
  log?: (line: string) => void;
  /** Stop after this many failures (default 10). */
  maxFailures?: number;
}

export interface Failure {
  side: 'engine' | 'server';
  index: number;
  reason: string;
  steps: string[];
  /** Where the case's files were saved. */
  saved?: string;
}

export interface SideReport {
  cases: number;
  ms: number;
  slowest?: { index: number; ms: number; steps: string[] };
}

export interface FuzzReport {
  seed: number;
  engine: SideReport & { findings: number; byRule: Record<string, number>; warnings: string[] };
  server: SideReport & { requests: string[] };
  failures: Failure[];
  notes: string[];
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const maxFailures = options.maxFailures ?? 10;
  const { sources, notes } = loadSources();
  for (const n of notes) log(`note: ${n}`);
  const report: FuzzReport = {
    seed: options.seed,
    engine: { cases: 0, ms: 0, findings: 0, byRule: {}, warnings: [] },
    server: { cases: 0, ms: 0, requests: [] },
    failures: [],
    notes,
  };
  const indexes = (n: number) => (n === 0 ? [] : options.only !== undefined ? [options.only] : Array.from({ length: n }, (_, i) => i));

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksl-fuzz-'));
  try {
    const started = Date.now();
    for (const index of indexes(options.cases)) {
      if (report.failures.length >= maxFailures) break;
      const c = makeCase(options.seed, index, sources, { bytes: true });
      const outcome = await runEngineCase(c, path.join(tmp, 'case'));
      report.engine.cases++;
      report.engine.findings += outcome.findings.length;
      for (const f of outcome.findings) report.engine.byRule[f.rule] = (report.engine.byRule[f.rule] ?? 0) + 1;
      for (const w of outcome.warnings) if (report.engine.warnings.length < 20 && !report.engine.warnings.includes(w)) report.engine.warnings.push(w);
      if (!report.engine.slowest || outcome.ms > report.engine.slowest.ms) report.engine.slowest = { index, ms: outcome.ms, steps: c.steps };
      if (outcome.failure) report.failures.push(fail('engine', c, outcome.failure, options.seed, log));
      if (report.engine.cases % 1000 === 0) log(`engine: ${report.engine.cases} cases, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    report.engine.ms = Date.now() - started;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const serverIndexes = indexes(options.serverCases);
  if (serverIndexes.length > 0 && report.failures.length < maxFailures) {
    const started = Date.now();
    const server = await ServerFuzzer.start(options.seed);
    report.server.requests = server.requests();
    try {
      for (const index of serverIndexes) {
        if (report.failures.length >= maxFailures) break;
        const c = makeCase(options.seed, index, sources, { bytes: false, stream: 1 });
        const outcome = await server.run(c);
        report.server.cases++;
        if (!report.server.slowest || outcome.ms > report.server.slowest.ms) report.server.slowest = { index, ms: outcome.ms, steps: c.steps };
        if (outcome.failure) {
          report.failures.push(fail('server', c, outcome.failure, options.seed, log));
          if (/server exited/.test(outcome.failure)) break;
        }
        if (report.server.cases % 100 === 0) log(`server: ${report.server.cases} cases, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
    } finally {
      await server.stop();
    }
    report.server.ms = Date.now() - started;
  }
  return report;
}

function fail(side: Failure['side'], c: FuzzCase, reason: string, seed: number, log: (line: string) => void): Failure {
  const dir = path.join(os.tmpdir(), `ksl-fuzz-failure-${seed}-${side}-${c.index}`);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const f of c.files) {
    fs.mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.name), f.bytes ?? f.text);
  }
  const failure: Failure = { side, index: c.index, reason, steps: c.steps, saved: dir };
  // A server case also depends on the documents earlier cases left open: replay the run up to it.
  const replay = side === 'engine' ? `--seed ${seed} --case ${c.index}` : `--seed ${seed} --cases 0 --server-cases ${c.index + 1}`;
  log(`FAIL ${side} case ${c.index} (replay: npm run fuzz -- ${replay})`);
  for (const s of c.steps) log(`  ${s}`);
  log(`  files: ${dir}`);
  log(`  ${reason.split('\n').join('\n  ')}`);
  return failure;
}

export function summary(r: FuzzReport): string[] {
  const rate = (s: SideReport) => (s.ms > 0 ? ((s.cases * 1000) / s.ms).toFixed(1) : '-');
  const slow = (s: SideReport) => (s.slowest ? `slowest case ${s.slowest.index} ${s.slowest.ms.toFixed(0)} ms (${s.slowest.steps.join(' | ').slice(0, 300)})` : '');
  const out = [`fuzz seed ${r.seed}`];
  if (r.engine.cases > 0) {
    out.push(
      `engine: ${r.engine.cases} cases in ${(r.engine.ms / 1000).toFixed(1)} s (${rate(r.engine)} cases/s), ${r.engine.findings} findings; ${slow(r.engine)}`,
      `  findings by rule: ${Object.entries(r.engine.byRule)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }
  if (r.server.cases > 0) {
    out.push(`server: ${r.server.cases} cases in ${(r.server.ms / 1000).toFixed(1)} s (${rate(r.server)} cases/s); requests sent: ${r.server.requests.join(', ') || 'none advertised'}; ${slow(r.server)}`);
  }
  for (const w of r.engine.warnings) out.push(`  suspicious message (not a failure): ${w}`);
  out.push(r.failures.length === 0 ? `clean: no failure (limit ${CASE_LIMIT_MS} ms per case)` : `${r.failures.length} failure(s): seed ${r.seed}, cases ${r.failures.map((f) => `${f.side} ${f.index}`).join(', ')}`);
  return out;
}

function parseArgs(argv: string[]): FuzzOptions {
  const options: FuzzOptions = { seed: 1, cases: 1000, serverCases: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = Number(inline ?? argv[++i]);
      if (!Number.isInteger(v) || v < 0) throw new Error(`${flag} needs a non-negative integer`);
      return v;
    };
    if (flag === '--cases') options.cases = value();
    else if (flag === '--seed') options.seed = value();
    else if (flag === '--server-cases') options.serverCases = value();
    else if (flag === '--case') options.only = value();
    else throw new Error(`unknown option ${flag} (use --cases N --seed S --server-cases M --case K)`);
  }
  return options;
}

if (require.main === module) {
  let options: FuzzOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(String((error as Error).message));
    process.exit(2);
  }
  const log = (line: string) => console.log(line);
  runFuzz({ ...options, log }).then(
    (report) => {
      for (const line of summary(report)) log(line);
      process.exitCode = report.failures.length === 0 ? 0 : 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
