import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { withTable } from '../../scripts/docs';
import { repoPath } from '../support/repo';

describe('README', () => {
  it('lists every rule of the registry (run `npm run docs` after adding a rule)', () => {
    const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
    assert.equal(readme, withTable(readme));
  });

  it('starts with the two commands for a fresh machine', () => {
    const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
    const firstBlock = readme.split('```')[1] ?? '';
    assert.match(firstBlock, /npm ci .*node server\/out\/cli\.js examples/);
    assert.match(firstBlock, /^npm test/m);
  });
});
