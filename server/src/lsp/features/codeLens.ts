// A code lens above each Service ("→ 3 pods in 2 workloads · 2/2 ports resolved", "selects
// nothing") that runs "Show Routing" for it; lenses refresh when the index changes elsewhere.
import { CodeLens, CodeLensRefreshRequest } from 'vscode-languageserver';
import { routingLenses } from '../../engine/routing';
import { guard } from '../guard';
import type { Feature } from './feature';
import { routingContext } from './routingContext';

export const SHOW_ROUTING_COMMAND = 'kubeServiceLens.showRouting';

export const codeLensFeature: Feature = {
  name: 'codeLens',
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(connection, session, log) {
    connection.onCodeLens(
      guard(log, 'codeLens', [], (params): CodeLens[] => {
        const context = routingContext(session, params.textDocument.uri);
        if (!context) return [];
        return routingLenses(context).map((l) => ({
          range: l.range,
          command: { title: l.title, command: SHOW_ROUTING_COMMAND, arguments: [params.textDocument.uri, l.position] },
        }));
      }),
    );
    session.onIndexChanged(() => {
      if (session.clientCapabilities.workspace?.codeLens?.refreshSupport) {
        connection.sendRequest(CodeLensRefreshRequest.type).catch((e: unknown) => log.error(`codeLens refresh failed: ${String(e)}`));
      }
    });
  },
};
