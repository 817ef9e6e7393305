// Asks a built language server which features it offers (its initialize result), so a UI step whose
// feature is not in this build is skipped with that reason instead of failing or passing blindly.
import { spawn } from 'node:child_process';
import { createProtocolConnection, ServerCapabilities, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { withTimeout } from './processes';

export async function serverCapabilities(serverJs: string): Promise<ServerCapabilities> {
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.listen();
  try {
    const result = await withTimeout(
      connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }) as Promise<{ capabilities: ServerCapabilities }>,
      20_000,
      `initialize of ${serverJs}`,
    );
    await withTimeout(connection.sendRequest('shutdown'), 5_000, 'shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    return result.capabilities;
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
}
