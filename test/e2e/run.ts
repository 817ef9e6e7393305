// `npm run test:e2e`: installs what is missing (scripts/e2e/setup.sh), then runs
//   1. the extension-host suite (harness B) in code-server, or in the desktop VS Code at $VSCODE_EXECUTABLE;
//   2. `npm run package` and the UI test of the installed .vsix (harness A), screenshots to docs/images/;
//   3. the Neovim protocol-level test.
// A suite whose tools are missing is reported as SKIPPED with the reason, never as passed. On CI
// (CI set) or with KSL_E2E_REQUIRED=1 a skipped suite fails the run.
// usage: node build/test/e2e/run.js [ext] [ui] [nvim]   (default: all three)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { Writable } from 'node:stream';
import { runNvimTest } from './nvim/nvimTest';
import { stopAll, stopGroupsOnSignals } from './harness/processes';
import type { StepResult } from './harness/results';
import { toolsFromEnv } from './harness/tools';
import { runExtensionTests } from './runExtensionTests';
import { runUiTests } from './ui/uiTest';
import { repoPath } from '../support/repo';

type SuiteName = 'ext' | 'ui' | 'nvim';
const SUITES: Record<SuiteName, string> = {
  ext: 'extension-host tests (vscode API, harness B)',
  ui: 'UI tests of the installed .vsix (Playwright, harness A)',
  nvim: 'Neovim protocol-level test',
};

interface SuiteOutcome {
  suite: SuiteName;
  status: 'passed' | 'failed' | 'skipped';
  reason: string;
  steps: StepResult[];
  seconds: number;
}

const strict = !!process.env.CI || process.env.KSL_E2E_REQUIRED === '1';
const t0 = Date.now();
const say = (m: string) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}`);

/** Runs scripts/e2e/setup.sh and copies the tool paths it prints into process.env. */
function setup(): void {
  if (process.env.KSL_E2E_SKIP_SETUP === '1') {
    say('KSL_E2E_SKIP_SETUP=1: using the KSL_E2E_* tools from the environment');
    return;
  }
  say('setup: scripts/e2e/setup.sh (installs missing tools; cached between runs)');
  const res = spawnSync('bash', [repoPath('scripts', 'e2e', 'setup.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: 40 * 60_000,
    killSignal: 'SIGKILL',
  });
  for (const line of (res.stdout ?? '').split('\n')) {
    const m = /^(KSL_E2E_[A-Z0-9_]+)=(.*)$/.exec(line);
    if (m && !process.env[m[1]!]) process.env[m[1]!] = m[2];
  }
  if (res.error) say(`setup did not finish: ${res.error.message}`);
  say(`setup finished (exit ${res.status}) after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** Counts mocha's spec-reporter results while passing the output through. */
function mochaCounter(): { stream: Writable; steps: () => StepResult[] } {
  const steps: StepResult[] = [];
  const skipped = new Map<string, string>();
  let buffer = '';
  let listDone = false; // after "N passing" mocha repeats failures in detail: count them once
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      process.stdout.write(chunk);
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let m: RegExpExecArray | null;
        if (/^\s+\d+ passing/.test(line)) listDone = true;
        if ((m = /^SKIPPED: (.*) — (.*)$/.exec(line))) skipped.set(m[1]!, m[2]!);
        if (listDone) continue;
        if ((m = /^\s+✔ (.*?)(?: \(\d+ms\))?$/.exec(line))) steps.push({ name: m[1]!, status: 'passed', detail: '' });
        else if ((m = /^\s+\d+\) (.*)$/.exec(line))) steps.push({ name: m[1]!, status: 'failed', detail: '' });
        else if ((m = /^\s+- (.*)$/.exec(line))) steps.push({ name: m[1]!, status: 'skipped', detail: '' });
      }
      done();
    },
  });
  return {
    stream,
    steps: () =>
      steps.map((s) => {
        if (s.status !== 'skipped') return s;
        const reason = [...skipped].find(([title]) => title.endsWith(s.name))?.[1];
        return { ...s, detail: reason ?? 'skipped' };
      }),
  };
}

async function extensionHost(): Promise<Omit<SuiteOutcome, 'suite' | 'seconds'>> {
  if (!process.env.VSCODE_EXECUTABLE) {
    const tools = toolsFromEnv();
    if (typeof tools === 'string') return { status: 'skipped', reason: `no VSCODE_EXECUTABLE and code-server/Chromium ${tools}`, steps: [] };
  }
  const counter = mochaCounter();
  const code = await runExtensionTests({ stdout: counter.stream });
  const steps = counter.steps();
  const failed = code !== 0 || steps.some((s) => s.status === 'failed');
  if (!failed && !steps.some((s) => s.status === 'passed')) return { status: 'failed', reason: 'the suite reported no passing test', steps };
  return { status: failed ? 'failed' : 'passed', reason: failed ? `exit code ${code}` : '', steps };
}

function packageVsix(): { vsix?: string; error?: string } {
  say('npm run package');
  const res = spawnSync('npm', ['run', 'package'], { cwd: repoPath(), stdio: 'inherit', timeout: 10 * 60_000, killSignal: 'SIGKILL' });
  const vsix = repoPath('kube-service-lens.vsix');
  if (res.status !== 0 || !fs.existsSync(vsix)) return { error: `npm run package failed (${res.error?.message ?? `exit ${res.status}`})` };
  say(`packaged ${vsix}: ${(fs.statSync(vsix).size / 1024).toFixed(1)} KiB`);
  return { vsix };
}

async function ui(): Promise<Omit<SuiteOutcome, 'suite' | 'seconds'>> {
  const tools = toolsFromEnv();
  if (typeof tools === 'string') return { status: 'skipped', reason: `code-server/Chromium ${tools}`, steps: [] };
  const { vsix, error } = packageVsix();
  if (!vsix) return { status: 'failed', reason: error!, steps: [] };
  const steps = await runUiTests(tools, vsix, process.env.KSL_E2E_SCREENSHOTS || undefined);
  return { status: steps.some((s) => s.status === 'failed') ? 'failed' : 'passed', reason: '', steps };
}

function nvim(): Omit<SuiteOutcome, 'suite' | 'seconds'> {
  const nvimBin = process.env.KSL_E2E_NVIM;
  if (!nvimBin || !fs.existsSync(nvimBin)) return { status: 'skipped', reason: 'Neovim (nvim) is not installed (run scripts/e2e/setup.sh)', steps: [] };
  const steps = runNvimTest(nvimBin);
  return { status: steps.some((s) => s.status === 'failed') ? 'failed' : 'passed', reason: '', steps };
}

async function main(): Promise<number> {
  stopGroupsOnSignals();
  const wanted = process.argv.slice(2).filter((a): a is SuiteName => a in SUITES);
  const selected: SuiteName[] = wanted.length ? wanted : ['ext', 'ui', 'nvim'];
  setup();

  const outcomes: SuiteOutcome[] = [];
  for (const suite of selected) {
    say(`== ${SUITES[suite]}`);
    const start = Date.now();
    let outcome: Omit<SuiteOutcome, 'suite' | 'seconds'>;
    try {
      outcome = suite === 'ext' ? await extensionHost() : suite === 'ui' ? await ui() : nvim();
    } catch (error) {
      outcome = { status: 'failed', reason: error instanceof Error ? error.message : String(error), steps: [] };
    }
    await stopAll();
    outcomes.push({ suite, ...outcome, seconds: (Date.now() - start) / 1000 });
    say(`== ${SUITES[suite]}: ${outcome.status.toUpperCase()}${outcome.reason ? ` — ${outcome.reason}` : ''}`);
  }

  console.log('\nEnd-to-end summary');
  for (const o of outcomes) {
    console.log(`  ${o.status.toUpperCase().padEnd(7)} ${SUITES[o.suite]} (${o.seconds.toFixed(0)} s)${o.reason ? ` — ${o.reason}` : ''}`);
    for (const s of o.steps) console.log(`      ${s.status.padEnd(7)} ${s.name}${s.detail && s.status !== 'passed' ? ` — ${s.detail}` : ''}`);
  }
  const skippedSuites = outcomes.filter((o) => o.status === 'skipped');
  if (skippedSuites.length > 0) {
    const bar = '='.repeat(100);
    console.log(`\n${bar}\nE2E SKIPPED: ${skippedSuites.length} of ${outcomes.length} end-to-end suites did not run:`);
    for (const o of skippedSuites) console.log(`  - ${SUITES[o.suite]}: ${o.reason}`);
    console.log(`${strict ? 'This run requires them (CI or KSL_E2E_REQUIRED=1): failing.' : 'Nothing was tested by them. Install the tools (scripts/e2e/setup.sh, as root) or set VSCODE_EXECUTABLE.'}\n${bar}`);
  }
  const steps = outcomes.flatMap((o) => o.steps);
  const count = (st: StepResult['status']) => steps.filter((s) => s.status === st).length;
  const failed = outcomes.some((o) => o.status === 'failed') || (strict && skippedSuites.length > 0);
  // A suite can fail before any step (a crash, a required suite skipped): the count says so too.
  const failures = Math.max(count('failed'), failed ? 1 : 0);
  console.log(`\ne2e finished in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`e2e: ${count('passed')} passed, ${failures} failed, ${count('skipped') + skippedSuites.length} skipped`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error);
    await stopAll();
    process.exit(1);
  },
);
