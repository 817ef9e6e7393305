// Wires the LSP connection to the session. Only this folder imports vscode-languageserver.
import { Connection, InitializeResult, ServerCapabilities, TextDocumentSyncKind } from 'vscode-languageserver';
import { FEATURES } from './features';
import { guard } from './guard';
import { Session } from './session';

export function startServer(connection: Connection): Session {
  const session = new Session(connection);
  const log = { error: (m: string) => connection.console.error(m) };

  connection.onInitialize(
    (params): InitializeResult => {
      try {
        session.initialize(params);
      } catch (error) {
        log.error(`initialize: ${String(error)}`);
      }
      const capabilities: ServerCapabilities = {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        workspace: { workspaceFolders: { supported: true } },
      };
      for (const f of FEATURES) Object.assign(capabilities, f.capabilities);
      return { capabilities, serverInfo: { name: 'kube-service-lens' } };
    },
  );
  connection.onInitialized(guard(log, 'initialized', undefined, () => session.initialized()));
  connection.onDidChangeConfiguration(
    guard(log, 'didChangeConfiguration', undefined, (params) => {
      const pushed = (params.settings as { kubeServiceLens?: unknown } | undefined)?.kubeServiceLens;
      return session.reloadSettings(pushed);
    }),
  );
  connection.onDidChangeWatchedFiles(guard(log, 'didChangeWatchedFiles', undefined, (params) => session.watchedFilesChanged(params.changes)));

  for (const f of FEATURES) f.register(connection, session, log);

  const docs = session.documents;
  docs.onDidOpen(guard(log, 'didOpen', undefined, (e) => session.opened(e.document.uri)));
  docs.onDidChangeContent(guard(log, 'didChange', undefined, (e) => session.changed(e.document.uri)));
  docs.onDidClose(guard(log, 'didClose', undefined, (e) => session.closed(e.document.uri)));
  docs.listen(connection);
  connection.listen();
  return session;
}
