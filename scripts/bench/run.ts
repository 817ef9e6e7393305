// `npm run bench [-- --apps 1000,5000 --runs 3 --edits 50]`: generates N-app workspaces and
// measures the CLI against a parse-only baseline, and the language server (initial diagnostics,
// edit latency across files, peak memory). Prints a table and writes JSON to bench-out/. It
// reports; it never fails on a slow figure. Wall times on a shared machine are noisy: every
// figure is the median of --runs runs, and CPU times are shown beside wall times.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../test/support/repo';
import { median, percentile, runNode } from './measure';
import { benchResponsiveness, ResponsivenessRun } from './responsiveness';
import { benchServer, ServerRun } from './serverBench';
import { generateWorkspace, writeWorkspace } from './workspace';

interface Options {
  apps: number[];
  runs: number;
  serverRuns: number;
  edits: number;
  gapMs: number;
  out: string;
  seed: number;
  skipServer: boolean;
  skipCli: boolean;
  skipResponsiveness: boolean;
  /** Service files opened and hovered per server run. */
  hovers: number;
  /** Write CPU profiles of the server runs to bench-out/profiles. */
  profile: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { apps: [1000, 5000], runs: 3, serverRuns: 3, edits: 50, gapMs: 60, out: 'bench-out', seed: 42, skipServer: false, skipCli: false, skipResponsiveness: false, hovers: 100, profile: false };
  let serverRunsSet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--apps') o.apps = value().split(',').map(Number);
    else if (a === '--runs') o.runs = Number(value());
    else if (a === '--server-runs') {
      o.serverRuns = Number(value());
      serverRunsSet = true;
    } else if (a === '--edits') o.edits = Number(value());
    else if (a === '--gap') o.gapMs = Number(value());
    else if (a === '--out') o.out = value();
    else if (a === '--seed') o.seed = Number(value());
    else if (a === '--no-server') o.skipServer = true;
    else if (a === '--no-cli') o.skipCli = true;
    else if (a === '--no-responsiveness') o.skipResponsiveness = true;
    else if (a === '--hovers') o.hovers = Number(value());
    else if (a === '--profile') o.profile = true;
    else throw new Error(`unknown option ${a}`);
  }
  if (!serverRunsSet) o.serverRuns = o.runs;
  if (o.apps.some((n) => !Number.isInteger(n) || n < 1) || !(o.runs >= 1) || !(o.serverRuns >= 1) || !(o.edits >= 2)) throw new Error('bad --apps, --runs or --edits');
  return o;
}

interface CliResult {
  runs: number;
  cliWallMs: number;
  baselineWallMs: number;
  ratioWall: number;
  cliCpuMs?: number;
  baselineCpuMs?: number;
  ratioCpu?: number;
  cliPeakRssMB?: number;
  samples: { cli: number[]; baseline: number[]; cliCpu: number[]; baselineCpu: number[] };
}

interface ServerResult {
  runs: number;
  files: number;
  initializeMs: number;
  openFileFirstMs: number;
  indexedMs: number;
  allDiagnosticsMs: number;
  dependentP50: number;
  dependentP95: number;
  editedP50: number;
  editedP95: number;
  hoverColdP50: number;
  hoverColdP95: number;
  hoverWarmP50: number;
  hoverWarmP95: number;
  peakRssMB?: number;
  cpuMs?: number;
  progress: ServerRun['progress'];
  samples: ServerRun[];
}

interface SizeResult {
  apps: number;
  files: number;
  bytes: number;
  documents: number;
  cli?: CliResult;
  server?: ServerResult;
}

const defined = (xs: Array<number | undefined>): number[] => xs.filter((x): x is number => x !== undefined);

async function benchCli(root: string, dir: string, runs: number): Promise<CliResult> {
  const cli = path.join(root, 'server', 'out', 'cli.js');
  const baseline = path.join(root, 'build', 'scripts', 'bench', 'parseOnly.js');
  const cliRuns = [];
  const baseRuns = [];
  // Interleaved, so that a burst of load from elsewhere hits both sides alike.
  for (let i = 0; i < runs; i++) {
    const b = await runNode([baseline, dir], root);
    if (b.exitCode !== 0) throw new Error(`baseline failed (${b.exitCode}): ${b.stderr}`);
    const c = await runNode([cli, '--format', 'json', dir], root);
    if (c.exitCode !== 0 && c.exitCode !== 1) throw new Error(`CLI failed (${c.exitCode}): ${c.stderr}`);
    baseRuns.push(b);
    cliRuns.push(c);
  }
  const cliWallMs = median(cliRuns.map((r) => r.wallMs));
  const baselineWallMs = median(baseRuns.map((r) => r.wallMs));
  const cliCpu = defined(cliRuns.map((r) => r.cpuMs));
  const baseCpu = defined(baseRuns.map((r) => r.cpuMs));
  const result: CliResult = {
    runs,
    cliWallMs,
    baselineWallMs,
    ratioWall: cliWallMs / baselineWallMs,
    samples: { cli: cliRuns.map((r) => r.wallMs), baseline: baseRuns.map((r) => r.wallMs), cliCpu, baselineCpu: baseCpu },
  };
  if (cliCpu.length && baseCpu.length) {
    result.cliCpuMs = median(cliCpu);
    result.baselineCpuMs = median(baseCpu);
    result.ratioCpu = result.cliCpuMs / result.baselineCpuMs;
  }
  const rss = defined(cliRuns.map((r) => r.maxRssMB));
  if (rss.length) result.cliPeakRssMB = median(rss);
  return result;
}

async function benchServerRuns(dir: string, ws: ReturnType<typeof generateWorkspace>, o: Options): Promise<ServerResult> {
  const samples: ServerRun[] = [];
  const profileDir = o.profile ? path.join(path.resolve(repoRoot(), o.out), 'profiles') : undefined;
  for (let i = 0; i < o.serverRuns; i++) samples.push(await benchServer(dir, ws, { edits: o.edits, gapMs: o.gapMs, hovers: o.hovers, ...(profileDir ? { profileDir } : {}) }));
  // Latency percentiles per run, then the median over runs.
  const per = (f: (r: ServerRun) => number) => median(samples.map(f));
  const peaks = defined(samples.map((s) => s.peakRssMB));
  const cpus = defined(samples.map((s) => s.cpuMs));
  return {
    runs: samples.length,
    files: samples[0]?.files ?? 0,
    initializeMs: per((r) => r.initializeMs),
    openFileFirstMs: per((r) => r.openFileFirstMs),
    indexedMs: per((r) => r.indexedMs),
    allDiagnosticsMs: per((r) => r.allDiagnosticsMs),
    dependentP50: per((r) => percentile(r.dependentLatencies, 50)),
    dependentP95: per((r) => percentile(r.dependentLatencies, 95)),
    editedP50: per((r) => percentile(r.editedLatencies, 50)),
    editedP95: per((r) => percentile(r.editedLatencies, 95)),
    hoverColdP50: per((r) => percentile(r.hoverColdLatencies, 50)),
    hoverColdP95: per((r) => percentile(r.hoverColdLatencies, 95)),
    hoverWarmP50: per((r) => percentile(r.hoverWarmLatencies, 50)),
    hoverWarmP95: per((r) => percentile(r.hoverWarmLatencies, 95)),
    ...(peaks.length ? { peakRssMB: median(peaks) } : {}),
    ...(cpus.length ? { cpuMs: median(cpus) } : {}),
    progress: samples[0]?.progress ?? { begin: 0, report: 0, end: 0 },
    samples,
  };
}

const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '-' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);
const mb = (n: number | undefined) => (n === undefined ? '-' : `${Math.round(n)} MB`);
const x = (n: number | undefined) => (n === undefined ? '-' : `${n.toFixed(2)}×`);

function table(results: SizeResult[]): string {
  const rows: Array<[string, ...string[]]> = [
    ['apps', ...results.map((r) => String(r.apps))],
    ['files / documents', ...results.map((r) => `${r.files} / ${r.documents}`)],
    ['CLI wall (whole workspace)', ...results.map((r) => ms(r.cli?.cliWallMs))],
    ['parse-only wall (yaml)', ...results.map((r) => ms(r.cli?.baselineWallMs))],
    ['CLI / parse-only, wall (≤ 1.5×)', ...results.map((r) => x(r.cli?.ratioWall))],
    ['CLI / parse-only, CPU', ...results.map((r) => (r.cli?.ratioCpu === undefined ? '-' : `${x(r.cli.ratioCpu)} (${ms(r.cli.cliCpuMs)} / ${ms(r.cli.baselineCpuMs)})`))],
    ['CLI peak RSS', ...results.map((r) => mb(r.cli?.cliPeakRssMB))],
    ['server: initialize → result', ...results.map((r) => ms(r.server?.initializeMs))],
    ['server: didOpen → its diagnostics, while indexing', ...results.map((r) => ms(r.server?.openFileFirstMs))],
    ['server: indexing done (progress end)', ...results.map((r) => ms(r.server?.indexedMs))],
    ['server: initialize → all findings published', ...results.map((r) => ms(r.server?.allDiagnosticsMs))],
    ['edit → dependent file published, p50', ...results.map((r) => ms(r.server?.dependentP50))],
    ['edit → dependent file published, p95 (≤ 50 ms)', ...results.map((r) => ms(r.server?.dependentP95))],
    ['edit → edited file published, p50 / p95', ...results.map((r) => (r.server ? `${ms(r.server.editedP50)} / ${ms(r.server.editedP95)}` : '-'))],
    ['hover on a Service name, first routing build: p50 / p95 (≤ 20 ms)', ...results.map((r) => (r.server ? `${ms(r.server.hoverColdP50)} / ${ms(r.server.hoverColdP95)}` : '-'))],
    ['hover on a Service name, built again: p50 / p95', ...results.map((r) => (r.server ? `${ms(r.server.hoverWarmP50)} / ${ms(r.server.hoverWarmP95)}` : '-'))],
    ['server peak RSS, VmHWM (≤ 300 MB)', ...results.map((r) => mb(r.server?.peakRssMB))],
    ['server CPU time (whole run)', ...results.map((r) => ms(r.server?.cpuMs))],
  ];
  return align(rows);
}

function align(rows: Array<[string, ...string[]]>): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function responsivenessTable(runs: ResponsivenessRun[]): string {
  const rows: Array<[string, ...string[]]> = [
    ['requests during validation (one file, 3 edits)', 'requests', 'p50', 'p95', 'max (≤ 100 ms)', 'edit → published'],
    ...runs.map((r): [string, ...string[]] => [
      r.scenario,
      String(r.latencies.length),
      ms(percentile(r.latencies, 50)),
      ms(percentile(r.latencies, 95)),
      ms(Math.max(...r.latencies)),
      r.publishMs.map((p) => ms(p)).join(', '),
    ]),
  ];
  return align(rows);
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const root = repoRoot();
  const outDir = path.resolve(root, o.out);
  fs.mkdirSync(outDir, { recursive: true });
  const results: SizeResult[] = [];
  for (const apps of o.apps) {
    const ws = generateWorkspace({ apps, seed: o.seed });
    const dir = path.join(outDir, `workspace-${apps}`);
    writeWorkspace(dir, ws);
    const texts = [...ws.files.values()];
    const result: SizeResult = {
      apps,
      files: ws.files.size,
      bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0),
      documents: texts.reduce((n, t) => n + t.split('\n---\n').length, 0),
    };
    process.stderr.write(`bench: ${apps} apps, ${result.files} files in ${path.relative(root, dir)}\n`);
    if (!o.skipCli) {
      process.stderr.write(`bench:   CLI and parse-only baseline, ${o.runs} runs each\n`);
      result.cli = await benchCli(root, dir, o.runs);
    }
    if (!o.skipServer) {
      process.stderr.write(`bench:   language server, ${o.serverRuns} runs of ${o.edits} edits\n`);
      result.server = await benchServerRuns(dir, ws, o);
    }
    results.push(result);
  }
  let responsiveness: ResponsivenessRun[] | undefined;
  if (!o.skipResponsiveness) {
    process.stderr.write('bench: requests while pathological documents are validated\n');
    responsiveness = await benchResponsiveness();
  }
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg(),
    options: o,
    results,
    responsiveness,
  };
  const json = JSON.stringify(report, null, 2);
  fs.writeFileSync(path.join(outDir, 'bench-latest.json'), json);
  fs.writeFileSync(path.join(outDir, `bench-${report.date.replace(/[:.]/g, '-')}.json`), json);
  process.stdout.write(
    `\n${table(results)}\n${responsiveness ? `\n${responsivenessTable(responsiveness)}\n` : ''}\nMedians of ${o.runs} CLI runs and ${o.serverRuns} server runs (${o.edits} edits each, ${o.gapMs} ms apart); ` +
      `load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs.\nJSON: ${path.relative(root, path.join(outDir, 'bench-latest.json'))}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
