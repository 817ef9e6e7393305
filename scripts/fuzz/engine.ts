// The engine side of the fuzzer, on the CLI's code path: the case is written to a folder, which
// is scanned, read and linted by the functions the CLI calls, with every registered rule, and
// printed in all three output formats. An exception, a rule error (onRuleError), a case over the
// time limit or a malformed finding is a failure.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/engine/rules';
import { normalizeSettings } from '../../server/src/engine/settings';
import { compareRanges, Finding, SEVERITIES } from '../../server/src/engine/types';
import { formatJson, formatSarif, formatText } from '../../server/src/report/formats';
import { collectFiles, lintFiles } from '../../server/src/workspace/lintPaths';
import type { FuzzCase } from './cases';

export const CASE_LIMIT_MS = 2000;

export interface CaseOutcome {
  index: number;
  ms: number;
  findings: Finding[];
  failure?: string;
  /** Suspicious but not failing: messages that print `undefined` or `[object Object]`. */
  warnings: string[];
}

const RULE_IDS = new Set(ALL_RULES.map((r) => r.id));
const decoder = new TextDecoder('utf-8');

export async function runEngineCase(c: FuzzCase, dir: string): Promise<CaseOutcome> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const texts = new Map<string, string>();
  for (const f of c.files) {
    const p = path.join(dir, f.name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.bytes ?? f.text);
    texts.set(p, f.bytes ? decoder.decode(f.bytes) : f.text.replace(/^\uFEFF/, ''));
  }
  if (c.symlinkLoop) fs.symlinkSync('.', path.join(dir, 'dir9'), 'dir'); // dir9 -> the folder itself

  const ruleErrors: string[] = [];
  const started = process.hrtime.bigint();
  let findings: Finding[] = [];
  try {
    const settings = normalizeSettings(c.settings);
    const { files } = await collectFiles([dir], settings.exclude);
    const run = await lintFiles(files, undefined, settings, (rule, file, error) => {
      ruleErrors.push(`rule ${rule} threw on ${path.relative(dir, file)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    });
    findings = run.findings;
    const json = JSON.parse(formatJson(findings)) as unknown[];
    if (!Array.isArray(json) || json.length !== findings.length) throw new Error('JSON output is not one array with one entry per finding');
    JSON.parse(formatSarif(findings, ALL_RULES, '0.0.0', (id) => `file:///docs/${id}.md`));
    formatText(findings, run.fileCount);
  } catch (error) {
    return { index: c.index, ms: elapsed(started), findings, failure: `exception: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, warnings: [] };
  }
  const ms = elapsed(started);
  const warnings: string[] = [];
  const problems = [...ruleErrors, ...findings.flatMap((f) => findingProblems(f, texts.get(f.file), warnings))];
  if (ms > CASE_LIMIT_MS) problems.push(`took ${ms.toFixed(0)} ms (limit ${CASE_LIMIT_MS} ms)`);
  const outcome: CaseOutcome = { index: c.index, ms, findings, warnings };
  if (problems.length > 0) outcome.failure = problems.join('\n');
  return outcome;
}

function elapsed(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** A finding must name a registered rule, a severity, and a range inside its file. */
function findingProblems(f: Finding, text: string | undefined, warnings: string[]): string[] {
  const out: string[] = [];
  const where = `${f.rule} ${JSON.stringify(f.range)}`;
  if (!RULE_IDS.has(f.rule)) out.push(`finding of unknown rule ${f.rule}`);
  if (!SEVERITIES.includes(f.severity)) out.push(`${where}: unknown severity ${f.severity}`);
  if (!f.message) out.push(`${where}: empty message`);
  const { start, end } = f.range;
  if (start.line < 0 || start.character < 0 || compareRanges({ start, end: start }, { start: end, end }) > 0) out.push(`${where}: bad range`);
  if (text !== undefined) {
    const lines = text.split('\n');
    const line = lines[end.line];
    if (line === undefined || end.character > line.length) out.push(`${where}: range ends outside the file (${lines.length} lines)`);
  }
  if (/\bundefined\b|\[object Object\]|\bNaN\b/.test(f.message)) warnings.push(`${f.rule}: ${f.message.slice(0, 200)}`);
  return out;
}
