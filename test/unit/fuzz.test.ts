// A short fuzz run on every `npm test`: 300 mutated cases through the engine on the CLI's code
// path (the long run, 10,000 engine and 500 server cases, is part of .ci/run).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeCase } from '../../scripts/fuzz/cases';
import { loadSources } from '../../scripts/fuzz/sources';
import { runFuzz, summary } from '../../scripts/fuzz';

describe('fuzzing the engine', () => {
  it('derives every case from the seed and its number alone, so any case can be replayed', () => {
    const { sources } = loadSources();
    const a = makeCase(7, 123, sources, { bytes: true });
    const b = makeCase(7, 123, sources, { bytes: true });
    assert.deepEqual(a, b);
    assert.notDeepEqual(makeCase(7, 124, sources, { bytes: true }).files, a.files);
    assert.notDeepEqual(makeCase(8, 123, sources, { bytes: true }).files, a.files);
    // Seed and case number are mixed separately: 1 xor 6 = 2 xor 5 = 7 must not give one case.
    assert.notDeepEqual(makeCase(1, 6, sources, { bytes: true }).files, makeCase(2, 5, sources, { bytes: true }).files);
  });

  it('runs 300 mutated cases without an exception, a rule error, a malformed finding or a slow case', async () => {
    const report = await runFuzz({ seed: 20_251_124, cases: 300, serverCases: 0 });
    for (const line of summary(report)) console.log(line);
    assert.equal(report.engine.cases, 300);
    assert.ok(report.engine.findings > 0, 'the mutated cases produce findings');
    assert.deepEqual(report.failures, []);
  });
});
