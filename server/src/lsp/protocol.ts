// The server's own requests, shared with the extension client: the client bundle includes this
// module, so it imports nothing at run time (types only).
import type { Position } from 'vscode-languageserver';

/** `kubeServiceLens/routing` {uri, position} → {title, markdown} | null: the "Show Routing" preview. */
export const ROUTING_METHOD = 'kubeServiceLens/routing';

export interface RoutingParams {
  uri: string;
  position: Position;
}

export interface RoutingResult {
  title: string;
  markdown: string;
}
