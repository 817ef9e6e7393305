// Which Service port an Ingress / HTTPRoute / GRPCRoute backend names: by number (Ingress
// `port.number`, a route's `port`) or by name (Ingress `port.name`). Navigation uses it; the same
// test is written out in selection.ts's backendsReferencing, which could call it too.
import type { ServicePortView } from '../resources';

/** Does a backend's port value (`want`, present) name Service port `p`? */
export function backendNamesPort(p: ServicePortView, want: unknown): boolean {
  return typeof want === 'number' ? p.port?.value === want : p.name?.value === want;
}
