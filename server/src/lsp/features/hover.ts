// Hover: the routing preview on a Service, routes in on pod labels and container ports, field
// documentation and meaning on Service fields (engine/routing does the work).
import { Hover, MarkupKind } from 'vscode-languageserver';
import { hoverAt } from '../../engine/routing';
import { guard } from '../guard';
import type { Feature } from './feature';
import { routingContext } from './routingContext';

export const hoverFeature: Feature = {
  name: 'hover',
  capabilities: { hoverProvider: true },
  register(connection, session, log) {
    connection.onHover(
      guard(log, 'hover', null, (params): Hover | null => {
        const context = routingContext(session, params.textDocument.uri);
        const result = context && hoverAt(context, params.position);
        if (!result) return null;
        return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: result.range };
      }),
    );
  },
};
