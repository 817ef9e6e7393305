// The language server in the test's own process, over in-memory streams: for tests that need to
// look inside the session (its per-document state) or measure the heap after a garbage collection.
import { PassThrough } from 'node:stream';
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createProtocolConnection,
  InitializeParams,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp/server';
import type { Session } from '../../server/src/lsp/session';

export interface InProcessServer {
  session: Session;
  client: ProtocolConnection;
  /** Latest diagnostics per URI. */
  diagnostics: Map<string, PublishDiagnosticsParams>;
  /** Waits for the session to finish its work, then closes both ends. */
  dispose(): Promise<void>;
}

export async function startInProcess(): Promise<InProcessServer> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const session = startServer(connection);
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void diagnostics.set(p.uri, p));
  client.onNotification('window/logMessage', () => undefined);
  client.listen();
  const params: InitializeParams = { processId: null, rootUri: null, workspaceFolders: null, capabilities: {} };
  await client.sendRequest('initialize', params);
  await client.sendNotification('initialized', {});
  return {
    session,
    client,
    diagnostics,
    dispose: async () => {
      await session.idle();
      client.dispose();
      connection.dispose();
      toServer.destroy();
      toClient.destroy();
    },
  };
}

let gcFunction: (() => void) | undefined;

/** Heap in use after a full garbage collection, in MiB. */
export function heapAfterGc(): number {
  if (!gcFunction) {
    v8.setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
  gcFunction();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}
