// How long requests wait while the server validates pathological documents (10,000 documents in
// one file, an alias amplifier): the latency side of the soak tests in test/heavy/load.test.ts,
// which assert only that requests are answered during validation. Each edit is followed by a
// request every 10 ms until that edit's diagnostics are published.
import { performance } from 'node:perf_hooks';
import { TestClient } from '../../test/support/lspClient';
import { aliasAmplifier, ONE_FINDING_PER_SERVICE, tenThousandDocuments } from '../../test/support/pathological';
import { sleep } from './measure';

export interface ResponsivenessRun {
  scenario: string;
  /** Each edit → its diagnostics published, ms. */
  publishMs: number[];
  /** Every request's wait, ms. */
  latencies: number[];
}

const SCENARIOS: Array<{ scenario: string; edits: () => string[]; method: string; position?: { line: number; character: number } }> = [
  { scenario: '10,000 documents, ping', edits: () => [tenThousandDocuments(), tenThousandDocuments('LoadBalance'), tenThousandDocuments()], method: 'kubeServiceLens/ping' },
  { scenario: '10,000 documents, hover', edits: () => [tenThousandDocuments(), tenThousandDocuments('LoadBalance')], method: 'textDocument/hover', position: { line: 3, character: 14 } },
  { scenario: '10,000 documents, completion', edits: () => [tenThousandDocuments(), tenThousandDocuments('LoadBalance')], method: 'textDocument/completion', position: { line: 3, character: 14 } },
  { scenario: 'alias amplifier (2,000 × 2,000), ping', edits: () => [aliasAmplifier(), aliasAmplifier('NodePort'), aliasAmplifier()], method: 'kubeServiceLens/ping' },
];

export async function benchResponsiveness(): Promise<ResponsivenessRun[]> {
  const client = await TestClient.start({ settings: ONE_FINDING_PER_SERVICE });
  const out: ResponsivenessRun[] = [];
  try {
    for (const [n, s] of SCENARIOS.entries()) {
      const uri = `file:///bench/responsiveness-${n}.yaml`;
      const run: ResponsivenessRun = { scenario: s.scenario, publishMs: [], latencies: [] };
      for (const [i, text] of s.edits().entries()) {
        const sent = performance.now();
        let version = 1;
        if (i === 0) client.open(uri, text);
        else version = client.change(uri, text);
        while (client.diagnostics.get(uri)?.version !== version) {
          const started = performance.now();
          await client.request(s.method, s.position ? { textDocument: { uri }, position: s.position } : {}).catch(() => undefined);
          run.latencies.push(performance.now() - started);
          await sleep(10);
        }
        run.publishMs.push(performance.now() - sent);
      }
      client.close(uri);
      out.push(run);
    }
  } finally {
    await client.stop();
  }
  return out;
}
