// Exclude globs: the usual semantics, and no pattern from an untrusted workspace can make
// matching slow (they are not regular expressions, so there is nothing to backtrack).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGlob, matchesAny } from '../../server/src/workspace/glob';

describe('exclude globs', () => {
  const cases: Array<[string, string, boolean]> = [
    ['charts/**', 'charts/a/b.yaml', true],
    ['charts/**', 'charts', false],
    ['charts/**', 'other/charts/a.yaml', false],
    ['**/templates/**', 'charts/x/templates/svc.yaml', true],
    ['**/templates/**', 'templates/svc.yaml', true],
    ['**/*.yaml', 'a.yaml', true],
    ['**/*.yaml', 'a/b/c.yaml', true],
    ['*.yaml', 'a/b.yaml', false],
    ['a?c.yml', 'abc.yml', true],
    ['a?c.yml', 'a/c.yml', false],
    ['{dev,prod}/*.yaml', 'prod/x.yaml', true],
    ['{dev,prod}/*.yaml', 'test/x.yaml', false],
    ['a.b+c(d)[e]$^|.yaml', 'a.b+c(d)[e]$^|.yaml', true],
    ['a.yaml', 'aXyaml', false],
    ['x/**y', 'x/a/b/y', true],
    ['{unclosed', '{unclosed', true],
  ];
  for (const [glob, p, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${p}`, () => assert.equal(compileGlob(glob).test(p), expected));
  }

  it('matches a folder and everything below it', () => {
    assert.equal(matchesAny('charts/x/templates/svc.yaml', [compileGlob('charts/*/templates')]), true);
    assert.equal(matchesAny('charts/x/svc.yaml', [compileGlob('charts/*/templates')]), false);
  });

  it('answers at once for patterns that make regular expressions backtrack', () => {
    const deep = `${Array(200).fill('a').join('/')}/c`;
    assert.equal(compileGlob('**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/b').test(deep), false);
    assert.equal(compileGlob(`${'*a'.repeat(30)}b`).test('a'.repeat(250)), false);
    assert.equal(matchesAny(deep, [compileGlob('**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/b')]), false);
  });
});
