// Suppression comments in CI: the CLI honours the same markers as the editor.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { disableFileFix, disableLineFix } from '../../server/src/engine/edit/suppression';
import { applyEdits } from '../support/applyEdits';
import { repoPath } from '../support/repo';

const CLI = repoPath('server', 'out', 'cli.js');

const SERVICE = (marker: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
${marker}  type: Nodeport
  ports:
    - port: 80
      protocol: udp
`;

/** The exit code and the findings of the two rules under test (other rules may report on the fixture too). */
function lint(file: string): { code: number | null; rules: string[] } {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', file], { encoding: 'utf8' });
  const rules = (JSON.parse(r.stdout) as Array<{ rule: string }>).map((f) => f.rule).filter((rule) => rule === 'service-type' || rule === 'service-protocol');
  return { code: r.status, rules };
}

describe('cli suppression comments', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksl-cli-suppress-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports both problems without a marker', () => {
    assert.deepEqual(lint(write('plain.yaml', SERVICE(''))), { code: 1, rules: ['service-type', 'service-protocol'] });
  });

  it('disable-next-line silences only the named rule on the next line', () => {
    const file = write('line.yaml', SERVICE('  # kube-service-lens-disable-next-line service-type -- migrating\n'));
    assert.deepEqual(lint(file), { code: 1, rules: ['service-protocol'] });
    const other = write('other.yaml', SERVICE('  # kube-service-lens-disable-next-line service-protocol\n'));
    assert.deepEqual(lint(other), { code: 1, rules: ['service-type', 'service-protocol'] });
  });

  it('the file-level form silences the listed rules everywhere in the file, and exits 0 when nothing is left', () => {
    const file = write('file.yaml', `# kube-service-lens-disable service-type, service-protocol\n${SERVICE('')}`);
    assert.deepEqual(lint(file), { code: 0, rules: [] });
  });

  it('the comments the quick fixes insert are the ones the CLI honours', () => {
    const text = SERVICE('');
    const line = applyEdits(text, disableLineFix(text, 'service-protocol', 8).edits);
    assert.deepEqual(lint(write('fixed-line.yaml', line)), { code: 1, rules: ['service-type'] });
    const file = applyEdits(line, disableFileFix(line, 'service-type').edits);
    assert.deepEqual(lint(write('fixed-file.yaml', file)), { code: 0, rules: [] });
  });
});
