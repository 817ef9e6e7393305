// `kubeServiceLens/routing` {uri, position} → {title, markdown} | null: the routing preview of the
// Service (or the routes into the workload) under the cursor, for the "Show Routing" command.
import { RequestType } from 'vscode-languageserver';
import { routingAt } from '../../engine/routing';
import { guard } from '../guard';
import { ROUTING_METHOD, RoutingParams, RoutingResult } from '../protocol';
import type { Feature } from './feature';
import { routingContext } from './routingContext';

export type { RoutingParams, RoutingResult } from '../protocol';

export const RoutingRequest = new RequestType<RoutingParams, RoutingResult | null, void>(ROUTING_METHOD);

export const routingFeature: Feature = {
  name: 'routing',
  capabilities: {},
  register(connection, session, log) {
    connection.onRequest(
      RoutingRequest,
      guard(log, 'routing', null, (params: RoutingParams): RoutingResult | null => {
        if (!params || typeof params.uri !== 'string' || !params.position) return null;
        const context = routingContext(session, params.uri);
        return (context && routingAt(context, params.position)) ?? null;
      }),
    );
  },
};
