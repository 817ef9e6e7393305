// A short fuzz run through the built server over stdio on every `npm test`: 20 cases of mutated
// documents opened, changed and closed; each final version gets diagnostics, every advertised
// request answers, and the server neither exits nor logs a failure.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runFuzz, summary } from '../../scripts/fuzz';

describe('fuzzing the language server', () => {
  it('survives 20 cases of mutated documents', async () => {
    const report = await runFuzz({ seed: 20_251_124, cases: 0, serverCases: 20 });
    for (const line of summary(report)) console.log(line);
    assert.equal(report.server.cases, 20);
    assert.deepEqual(report.failures, []);
  });
});
