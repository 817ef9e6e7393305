// The linter and its index drop what they know about a file when it is removed or replaced: after
// thousands of files come and go, nothing is left and the heap is where it started.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine/linter';
import { heapAfterGc } from '../support/inProcessServer';

const FILES = 2000;

function manifest(i: number, version: number): string {
  return `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}, namespace: ns${i % 100}}\nspec: {selector: {app: a${i}, v: "${version}"}, ports: [{port: 80}]}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}, namespace: ns${i % 100}}\nspec: {template: {metadata: {labels: {app: a${i}, v: "${version}"}}}}\n`;
}

describe('linter memory', () => {
  it(`keeps one version per file and nothing of removed files (${FILES} files, three rounds)`, () => {
    const linter = new Linter();
    const heaps: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < FILES; i++) linter.update(`r${round}/f${i}.yaml`, manifest(i, 0));
      // New versions of the same files replace the old ones.
      for (let i = 0; i < FILES; i++) linter.update(`r${round}/f${i}.yaml`, manifest(i, 1));
      assert.equal(linter.fileCount(), FILES);
      assert.equal([...linter.index.fileNames()].reduce((n, f) => n + linter.index.resources(f).length, 0), 2 * FILES);
      assert.equal([...linter.index.services('ns0')].length, FILES / 100);
      for (let i = 0; i < FILES; i++) linter.remove(`r${round}/f${i}.yaml`);
      assert.equal(linter.fileCount(), 0);
      assert.equal([...linter.files()].length, 0);
      assert.equal([...linter.index.namespaces()].length, 0);
      heaps.push(heapAfterGc());
    }
    console.log(`linter heap after GC, round by round: ${heaps.map((h) => h.toFixed(1)).join(', ')} MiB`);
    assert.ok(heaps[2]! - heaps[0]! < 5, `the heap grew from ${heaps[0]!.toFixed(1)} to ${heaps[2]!.toFixed(1)} MiB`);
  });
});
