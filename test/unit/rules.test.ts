// Every rule has fixtures that fire and fixtures that must stay quiet (test/fixtures/rules/<id>/),
// and a doc page; each fixture states its expected findings in comments (see support/fixtures.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/engine/rules';
import { check } from '../support/check';
import { fixtureSettings, loadFixture, parseExpectations, rangeOf, ruleFixtures } from '../support/fixtures';
import { repoPath } from '../support/repo';

const FIXTURES = repoPath('test', 'fixtures', 'rules');

describe('rule fixtures', () => {
  it('are all picked up: each folder is a rule id, each entry a fixture or its settings', () => {
    const ids = new Set(ALL_RULES.map((r) => r.id));
    const stray: string[] = [];
    for (const dir of fs.readdirSync(FIXTURES, { withFileTypes: true })) {
      if (!dir.isDirectory() || !ids.has(dir.name)) {
        stray.push(`${dir.name}: not a rule id`);
        continue;
      }
      const { fires, quiet } = ruleFixtures(FIXTURES, dir.name);
      const fixtures = new Set([...fires, ...quiet].map((p) => path.basename(p)));
      for (const entry of fs.readdirSync(path.join(FIXTURES, dir.name), { withFileTypes: true })) {
        const name = entry.name;
        const settingsOf = /^(.*)\.settings\.json$/.exec(name)?.[1];
        const ok =
          settingsOf !== undefined
            ? entry.isFile() && (fixtures.has(`${settingsOf}.yaml`) || fixtures.has(`${settingsOf}.yml`))
            : fixtures.has(name) && (entry.isDirectory() || /\.ya?ml$/.test(name));
        if (!ok) stray.push(`${dir.name}/${name}`);
      }
    }
    assert.deepEqual(stray, [], 'entries under test/fixtures/rules that no test reads (fires*, quiet* fixtures and <fixture>.settings.json only)');
  });

  for (const rule of ALL_RULES) {
    const { fires, quiet } = ruleFixtures(FIXTURES, rule.id);

    describe(rule.id, () => {
      it('has a doc page, a fixture that fires and one that stays quiet', () => {
        assert.ok(fs.existsSync(repoPath('docs', 'rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md is missing`);
        assert.ok(fires.length > 0, `no test/fixtures/rules/${rule.id}/fires* fixture`);
        assert.ok(quiet.length > 0, `no test/fixtures/rules/${rule.id}/quiet* fixture`);
      });

      for (const fixture of fires) {
        it(`fires exactly as expected: ${fixture.slice(FIXTURES.length + 1)}`, () => {
          const files = loadFixture(fixture);
          const result = check(files, fixtureSettings(fixture));
          const expected = Object.entries(files).flatMap(([file, text]) => parseExpectations(file, text));
          assert.ok(expected.length > 0, `${fixture} states no expectation for ${rule.id}`);
          // Only this rule's findings are compared, so an expectation for another rule would be ignored.
          const foreign = expected.filter((e) => e.rule !== rule.id);
          assert.deepEqual(foreign.map((e) => `${e.source}: ${e.rule}`), [], `a ${rule.id} fixture may only expect ${rule.id} findings`);
          const actual = result.findings.filter((f) => f.rule === rule.id);
          const show = (xs: Array<{ file: string; severity: string; range: string }>) => xs.map((x) => `${x.file} ${x.severity} ${x.range}`).sort();
          assert.deepEqual(
            show(actual.map((f) => ({ file: f.file, severity: f.severity, range: rangeOf(f) }))),
            show(expected),
            `findings of ${rule.id}:\n${actual.map((f) => `  ${f.file} ${rangeOf(f)} ${f.severity}: ${f.message}`).join('\n')}`,
          );
          for (const e of expected) {
            if (!e.message) continue;
            const match = actual.find((f) => f.file === e.file && rangeOf(f) === e.range && f.message.includes(e.message!));
            assert.ok(match, `${e.source}: no ${rule.id} finding at ${e.range} whose message contains "${e.message}"; got:\n${actual.map((f) => `  ${rangeOf(f)} ${f.message}`).join('\n')}`);
          }
        });
      }

      for (const fixture of quiet) {
        it(`stays quiet: ${fixture.slice(FIXTURES.length + 1)}`, () => {
          const files = loadFixture(fixture);
          const expectations = Object.entries(files).flatMap(([file, text]) => parseExpectations(file, text));
          assert.deepEqual(expectations.map((e) => `${e.source}: ${e.rule}`), [], 'a quiet fixture states no expectations (they would be ignored)');
          const result = check(files, fixtureSettings(fixture));
          const actual = result.findings.filter((f) => f.rule === rule.id);
          assert.deepEqual(actual.map((f) => `${f.file} ${rangeOf(f)} ${f.message}`), []);
        });
      }
    });
  }
});
