// Opening and closing thousands of documents keeps memory bounded: closed documents leave nothing
// in the session (open set, parsed models, published diagnostics, interrupted work) nor in the
// linter and its index, and the heap after a garbage collection does not grow from round to round.
// The server runs in this process so that the test can look inside it and collect garbage.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { heapAfterGc, InProcessServer, startInProcess } from '../support/inProcessServer';

const FILES = 5000;
const ROUNDS = 3;

function manifest(round: number, i: number): string {
  return `apiVersion: v1
kind: Service
metadata: {name: s${i}, namespace: ns${i % 50}, labels: {round: r${round}}}
spec:
  type: Nodeport
  selector: {app: a${i}}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d${i}, namespace: ns${i % 50}}
spec:
  template:
    metadata: {labels: {app: a${i}}}
    spec:
      containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]
`;
}

async function until(what: string, predicate: () => boolean, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('memory with thousands of documents opened and closed', () => {
  let server: InProcessServer;
  before(async () => {
    server = await startInProcess();
  });
  after(async () => server.dispose());

  it(`keeps nothing of ${FILES} closed documents, round after round, and the heap bounded`, async () => {
    const { session, client } = server;
    const heaps: number[] = [];
    let peak = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // New URIs every round: state kept per URI would grow with every round.
      const uris = Array.from({ length: FILES }, (_, i) => `file:///memory/r${round}/f${i}.yaml`);
      uris.forEach((uri, i) => void client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: manifest(round, i) } }));
      await until('all documents open', () => session.stats().open === FILES);
      await session.idle();
      const open = session.stats();
      assert.deepEqual(open, { open: FILES, models: FILES, published: FILES, pending: 0, dirty: 0, linterFiles: FILES, indexFiles: FILES });
      await until('the diagnostics of the last document', () => server.diagnostics.get(uris[FILES - 1]!)?.version === 1);
      assert.equal(server.diagnostics.get(uris[0]!)?.diagnostics[0]?.code, 'service-type');
      peak = Math.max(peak, heapAfterGc());

      uris.forEach((uri) => void client.sendNotification('textDocument/didClose', { textDocument: { uri } }));
      await until('all documents closed', () => session.stats().linterFiles === 0);
      await session.idle();
      assert.deepEqual(session.stats(), { open: 0, models: 0, published: 0, pending: 0, dirty: 0, linterFiles: 0, indexFiles: 0 });
      assert.equal([...session.linter.index.namespaces()].length, 0, 'no namespace bucket is left behind');
      await until('cleared diagnostics', () => server.diagnostics.get(uris[FILES - 1]!)?.diagnostics.length === 0);
      assert.deepEqual(server.diagnostics.get(uris[0]!)?.diagnostics, [], 'closing a document that is not on disk clears its diagnostics');
      server.diagnostics.clear(); // the test's own record of what was published
      heaps.push(heapAfterGc());
    }
    console.log(`heap after GC with ${FILES} documents open: ${peak.toFixed(1)} MiB; after closing them, round by round: ${heaps.map((h) => h.toFixed(1)).join(', ')} MiB`);
    // What a round leaves behind must not accumulate: the last round ends where the first did.
    assert.ok(heaps.at(-1)! - heaps[0]! < 8, `the heap grew from ${heaps[0]!.toFixed(1)} to ${heaps.at(-1)!.toFixed(1)} MiB over ${ROUNDS} rounds`);
  });
});
