// The VS Code side is thin on purpose: start the server over IPC for YAML documents, forward the
// kubeServiceLens.* settings, log to an output channel, offer "Restart Server" and "Show Routing"
// (the server renders the Markdown; the client only shows it in a read-only preview).
import * as path from 'node:path';
import { commands, EventEmitter, ExtensionContext, TextDocumentContentProvider, Uri, window, workspace } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerCapabilities, ServerOptions, TransportKind } from 'vscode-languageclient/node';
// The request's name and types, from the server's dependency-free protocol module (bundled in, a few bytes).
import { ROUTING_METHOD, type RoutingResult } from '../../server/src/lsp/protocol';

let client: LanguageClient | undefined;

/** What activate() returns to other extensions and to the extension-host tests. */
export interface KubeServiceLensApi {
  /** The running language server's capabilities (which language features it offers). */
  readonly serverCapabilities: ServerCapabilities | undefined;
}

/** Read-only documents holding the routing previews, by URI. */
const PREVIEW_SCHEME = 'kube-service-lens-routing';
const previews = new Map<string, string>();
const previewChanged = new EventEmitter<Uri>();
const previewProvider: TextDocumentContentProvider = {
  onDidChange: previewChanged.event,
  provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '',
};

/** Asks the server for the routing of the Service under the cursor (or at a code lens) and previews it. */
async function showRouting(uri?: string, position?: { line: number; character: number }): Promise<void> {
  const editor = window.activeTextEditor;
  const target = uri ?? editor?.document.uri.toString();
  const at = position ?? (editor ? { line: editor.selection.active.line, character: editor.selection.active.character } : undefined);
  if (!client || !target || !at) return void window.showInformationMessage('Put the cursor in a Kubernetes Service to show its routing.');
  const result = await client.sendRequest<RoutingResult | null>(ROUTING_METHOD, { uri: target, position: at });
  if (!result) return void window.showInformationMessage('No Kubernetes Service or workload under the cursor.');
  const doc = Uri.from({ scheme: PREVIEW_SCHEME, path: `/${result.title}.md` });
  previews.set(doc.toString(), result.markdown);
  previewChanged.fire(doc);
  await commands.executeCommand('markdown.showPreview', doc);
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
    commands.registerCommand('kubeServiceLens.showRouting', showRouting),
    workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previewProvider),
    previewChanged,
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
