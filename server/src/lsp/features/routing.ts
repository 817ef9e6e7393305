// `kubeServiceLens/routing` {uri, position} → {title, markdown} | null: the routing preview of the
// Service (or the routes into the workload) under the cursor, for the "Show Routing" command.
import { Position, RequestType } from 'vscode-languageserver';
import { routingAt } from '../../engine/routing';
import { guard } from '../guard';
import type { Feature } from './feature';
import { routingContext } from './routingContext';

export interface RoutingParams {
  uri: string;
  position: Position;
}

export interface RoutingResult {
  title: string;
  markdown: string;
}

export const RoutingRequest = new RequestType<RoutingParams, RoutingResult | null, void>('kubeServiceLens/routing');

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
