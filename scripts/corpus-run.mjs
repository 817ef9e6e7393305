// Runs the CLI over a corpus folder as CI does: it must not crash (exit 0 or 1, never 2 or a
// signal) and must print one valid JSON array. Prints the time and the findings per rule.
import { spawnSync } from 'node:child_process';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/corpus-run.mjs CORPUS_DIR');
  process.exit(2);
}
const started = process.hrtime.bigint();
const r = spawnSync(process.execPath, ['server/out/cli.js', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
if (r.status !== 0 && r.status !== 1) {
  console.error(`CLI failed with exit ${r.status} signal ${r.signal}\n${r.stderr}`);
  process.exit(1);
}
if (r.stderr.trim()) {
  console.error(`CLI wrote to stderr:\n${r.stderr}`);
  process.exit(1);
}
let findings;
try {
  findings = JSON.parse(r.stdout);
} catch (error) {
  console.error(`CLI output is not valid JSON: ${error.message}`);
  process.exit(1);
}
if (!Array.isArray(findings)) {
  console.error('CLI output is not a JSON array');
  process.exit(1);
}
const byRule = new Map();
for (const f of findings) {
  const key = `${f.rule} (${f.severity})`;
  byRule.set(key, (byRule.get(key) ?? 0) + 1);
}
const files = new Set(findings.map((f) => f.file)).size;
console.log(`corpus: ${findings.length} findings in ${files} files, ${ms.toFixed(0)} ms, exit ${r.status}`);
for (const [k, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${k}`);
