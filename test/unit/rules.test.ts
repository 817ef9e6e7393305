// Every rule has fixtures that fire and fixtures that must stay quiet (test/fixtures/rules/<id>/),
// and a doc page; each fixture states its expected findings in comments (see support/fixtures.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/engine/rules';
import { check } from '../support/check';
import { fixtureSettings, loadFixture, parseExpectations, rangeOf, ruleFixtures } from '../support/fixtures';
import { repoPath } from '../support/repo';

const FIXTURES = repoPath('test', 'fixtures', 'rules');

describe('rule fixtures', () => {
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
          const expected = Object.entries(files).flatMap(([file, text]) => parseExpectations(file, text)).filter((e) => e.rule === rule.id);
          assert.ok(expected.length > 0, `${fixture} states no expectation for ${rule.id}`);
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
          const result = check(loadFixture(fixture), fixtureSettings(fixture));
          const actual = result.findings.filter((f) => f.rule === rule.id);
          assert.deepEqual(actual.map((f) => `${f.file} ${rangeOf(f)} ${f.message}`), []);
        });
      }
    });
  }
});
