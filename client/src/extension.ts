// The VS Code side is thin on purpose: start the server over IPC for YAML documents, forward the
// kubeServiceLens.* settings, log to an output channel, offer "Restart Server".
import * as path from 'node:path';
import { commands, ExtensionContext, window } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerCapabilities, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** What activate() returns to other extensions and to the extension-host tests. */
export interface KubeServiceLensApi {
  /** The running language server's capabilities (which language features it offers). */
  readonly serverCapabilities: ServerCapabilities | undefined;
}

export async function activate(context: ExtensionContext): Promise<KubeServiceLensApi> {
  const output = window.createOutputChannel('Kubernetes Service Lens', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));

  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    // The server pulls settings with workspace/configuration; this also notifies it of changes.
    synchronize: { configurationSection: 'kubeServiceLens' },
    outputChannel: output,
  };

  client = new LanguageClient('kubeServiceLens', 'Kubernetes Service Lens', serverOptions, clientOptions);
  context.subscriptions.push(
    commands.registerCommand('kubeServiceLens.restartServer', async () => {
      output.info('Restarting the language server');
      await client?.restart();
    }),
  );
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
  return {
    get serverCapabilities() {
      return client?.initializeResult?.capabilities;
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
