// Rule fixtures carry their expected findings in comments, so a fixture reads as a test case:
//   type: Nodeport   # expect: service-type error span=`Nodeport` msg: did you mean "NodePort"
//   # expect: service-ports-required error 3:1-3:8 msg: spec.ports: Required value
// `span` is the text the finding must cover exactly, on the comment's own line; an explicit
// range is 1-based `line:col-line:col`. `msg:` (optional) is a substring of the message.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../server/src/engine/types';

export interface Expectation {
  file: string;
  rule: string;
  severity: string;
  range: string; // 1-based L:C-L:C
  message?: string;
  source: string; // file:line of the expectation
}

const EXPECT = /#\s*expect:\s*(\S+)\s+(error|warning|information|hint)(?:\s+(\d+:\d+-\d+:\d+))?(?:\s+span=`([^`]*)`)?(?:\s+msg:\s*(.*?))?\s*$/;

export function parseExpectations(file: string, text: string): Expectation[] {
  const out: Expectation[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const m = EXPECT.exec(line);
    if (!m) return;
    const [, rule, severity, explicit, span, message] = m;
    let range = explicit;
    if (!range && span !== undefined) {
      const hashAt = line.indexOf('# expect:');
      const col = line.slice(0, hashAt).indexOf(span);
      if (col < 0) throw new Error(`${file}:${i + 1}: span \`${span}\` not found before the comment`);
      range = `${i + 1}:${col + 1}-${i + 1}:${col + 1 + span.length}`;
    }
    if (!range) throw new Error(`${file}:${i + 1}: an expectation needs span=\`…\` or an explicit L:C-L:C range`);
    out.push({ file, rule: rule!, severity: severity!, range, ...(message ? { message } : {}), source: `${file}:${i + 1}` });
  });
  return out;
}

export function rangeOf(f: Finding): string {
  const r = f.range;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** A fixture is a single YAML file or a folder of them (one workspace). */
export function loadFixture(fixturePath: string): Record<string, string> {
  const files: Record<string, string> = {};
  const add = (p: string) => {
    files[path.relative(path.dirname(fixturePath), p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
  };
  if (fs.statSync(fixturePath).isDirectory()) {
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(e.name)) add(p);
      }
    };
    walk(fixturePath);
  } else add(fixturePath);
  return files;
}

/** Fixture paths of a rule: test/fixtures/rules/<id>/{fires,quiet}[-*](.yaml|/). */
export function ruleFixtures(dir: string, id: string): { fires: string[]; quiet: string[] } {
  const ruleDir = path.join(dir, id);
  const out = { fires: [] as string[], quiet: [] as string[] };
  if (!fs.existsSync(ruleDir)) return out;
  for (const name of fs.readdirSync(ruleDir).sort()) {
    const m = /^(fires|quiet)(?:[-.].*)?$/.exec(name);
    if (m) out[m[1] as 'fires' | 'quiet'].push(path.join(ruleDir, name));
  }
  return out;
}

/** Optional settings for a fixture: `settings.json` beside it or inside its folder. */
export function fixtureSettings(fixturePath: string): Record<string, unknown> {
  const candidates = fs.statSync(fixturePath).isDirectory() ? [path.join(fixturePath, 'settings.json')] : [fixturePath.replace(/\.ya?ml$/, '.settings.json')];
  for (const c of candidates) if (c && fs.existsSync(c)) return JSON.parse(fs.readFileSync(c, 'utf8'));
  return {};
}
