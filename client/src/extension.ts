// The VS Code side is thin on purpose: start the server over IPC for YAML documents, forward the
// kubeServiceLens.* settings, log to an output channel, offer "Restart Server".
import * as path from 'node:path';
import { commands, ExtensionContext, window } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
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
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
