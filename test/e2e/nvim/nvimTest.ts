// The language server in another editor: headless Neovim (Debian's) starts `server.js --stdio` with
// its built-in LSP client (lspCheck.lua), and this checks what Neovim received: the diagnostics of the
// broken examples, with rule codes and ranges, and a hover on the seed Service.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BROKEN_SERVICES, BROKEN_SERVICES_FINDINGS, formatSpan, locate, SEED, SEED_ROUTING, spanOf } from '../expectations';
import type { StepResult } from '../harness/results';
import { freshDir, isolatedEnv } from '../harness/tools';
import { repoPath } from '../../support/repo';

interface NvimDiagnostic {
  code: string | null;
  severity: number; // vim.diagnostic.severity: 1 error … 4 hint
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  message: string;
}

interface NvimOutput {
  diagnostics: NvimDiagnostic[];
  hover: string | null;
  hover_capability: boolean;
  errors: string[];
}

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

export function runNvimTest(nvim: string, serverJs = repoPath('server', 'out', 'server.js')): StepResult[] {
  const results: StepResult[] = [];
  const run = freshDir('nvim');
  const workspace = path.join(run, 'workspace');
  fs.mkdirSync(workspace);
  for (const f of [BROKEN_SERVICES, SEED]) fs.copyFileSync(repoPath('examples', f), path.join(workspace, f));
  const seedText = fs.readFileSync(path.join(workspace, SEED), 'utf8');
  const at = locate(seedText, 'name: service-backend', 'service-backend');
  const outFile = path.join(run, 'result.json');

  const t0 = Date.now();
  const res = spawnSync(nvim, ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${repoPath('test', 'e2e', 'nvim', 'lspCheck.lua')}`, path.join(workspace, BROKEN_SERVICES)], {
    cwd: workspace,
    env: isolatedEnv({
      KSL_NODE: process.execPath,
      KSL_SERVER: serverJs,
      KSL_ROOT: workspace,
      KSL_OUT: outFile,
      KSL_HOVER_FILE: path.join(workspace, SEED),
      KSL_HOVER_LINE: String(at.line),
      KSL_HOVER_CHAR: String(at.start + 3),
      KSL_HOVER_EXPECT: SEED_ROUTING[0],
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 90_000,
    killSignal: 'SIGKILL',
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (!fs.existsSync(outFile)) {
    return [{ name: 'Neovim runs the server', status: 'failed', detail: `no result from nvim (${res.error?.message ?? `exit ${res.status}`}): ${res.stderr}` }];
  }
  const out = JSON.parse(fs.readFileSync(outFile, 'utf8')) as NvimOutput;
  const diagnostics = Array.isArray(out.diagnostics) ? out.diagnostics : []; // json_encode writes {} for an empty table
  const errors = Array.isArray(out.errors) ? out.errors : [];

  // Diagnostics: exactly the errors a user of VS Code sees, at the same ranges.
  const brokenText = fs.readFileSync(path.join(workspace, BROKEN_SERVICES), 'utf8');
  const expected = BROKEN_SERVICES_FINDINGS.map((f) => `${f.rule} ${f.severity} ${formatSpan(spanOf(brokenText, f))}`).sort();
  const actual = diagnostics
    .filter((d) => d.severity === 1)
    .map((d) => `${d.code} ${SEVERITY[d.severity]} ${formatSpan({ line: d.lnum, start: d.col, end: d.end_col })}`)
    .sort();
  const same = JSON.stringify(actual) === JSON.stringify(expected);
  const messagesOk = BROKEN_SERVICES_FINDINGS.every((f) => diagnostics.some((d) => d.code === f.rule && d.message.includes(f.message)));
  results.push({
    name: 'Neovim shows the diagnostics of broken-services.yaml (rule codes, ranges, messages)',
    status: same && messagesOk && res.status === 0 ? 'passed' : 'failed',
    detail: same && messagesOk ? `${actual.length} errors in ${seconds} s: ${actual.join('; ')}` : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}; errors: ${errors.join('; ')}`,
  });

  const hoverStep = 'Neovim shows the routing preview on hover';
  if (!out.hover_capability) results.push({ name: hoverStep, status: 'failed', detail: 'the server announces no hoverProvider' });
  else {
    const text = out.hover ?? '';
    const lacking = SEED_ROUTING.filter((s) => !text.includes(s));
    results.push({
      name: hoverStep,
      status: lacking.length === 0 ? 'passed' : 'failed',
      detail: lacking.length === 0 ? text.replace(/\s+/g, ' ').slice(0, 120) : `hover lacks ${JSON.stringify(lacking)}: ${text}; errors: ${errors.join('; ')}`,
    });
  }
  return results;
}
