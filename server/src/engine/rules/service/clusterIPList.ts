// The cluster IPs a Service requests, after the registry's normalisation (F12: a lone `clusterIP`
// becomes `clusterIPs: [clusterIP]`), each with where it was written and how it parses.
import { parseIP, ParsedIP } from '../../k8s/ip';
import type { Loc, ServiceView } from '../../resources';

export interface RequestedIP {
  /** Index in clusterIPs (the server's path is `spec.clusterIPs[i]` even for a lone clusterIP). */
  index: number;
  loc: Loc;
  /** Parsed address; undefined for `None` and for text that is not an IP. */
  ip?: ParsedIP;
  none: boolean;
}

export function requestedClusterIPs(view: ServiceView): RequestedIP[] {
  const list: Loc[] = view.clusterIPs && view.clusterIPs.length > 0 ? view.clusterIPs : view.clusterIP && view.clusterIP.value !== '' && view.clusterIP.value !== null ? [view.clusterIP] : [];
  return list.map((loc, index) => {
    const text = typeof loc.value === 'string' ? loc.value : undefined;
    const ip = text === undefined ? undefined : parseIP(text);
    return { index, loc, none: text === 'None', ...(ip ? { ip } : {}) };
  });
}

/** The IP family policy the registry uses when none is written (F10). */
export function effectivePolicy(view: ServiceView): string {
  const written = view.ipFamilyPolicy?.value;
  if (typeof written === 'string' && written !== '') return written;
  return view.headless && !view.selector ? 'RequireDualStack' : 'SingleStack';
}
