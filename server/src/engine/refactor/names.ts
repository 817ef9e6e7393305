// Names that refactorings invent: container port names (IANA_SVC_NAME, what a named targetPort
// must be, k8s-service-validation.md P-1 / S-PORT-9) and Service names (DNS-1035 labels).
import { isIanaSvcName } from '../k8s/names';

const WELL_KNOWN: Record<number, string> = { 80: 'http', 8080: 'http', 8000: 'http', 443: 'https', 8443: 'https', 53: 'dns' };

/**
 * A port name for `port`/`protocol`, from the first usable hint (a Service port's name, an
 * appProtocol such as `kubernetes.io/h2c`), else a well-known name, else `tcp-8080`; made unique
 * against `taken` with a numeric suffix.
 */
export function derivePortName(port: number, protocol: string, taken: ReadonlySet<string>, hints: ReadonlyArray<unknown> = []): string {
  const candidates: string[] = [];
  for (const h of hints) {
    if (typeof h !== 'string') continue;
    const base = h.includes('/') ? h.slice(h.lastIndexOf('/') + 1) : h;
    const lower = base.toLowerCase();
    if (isIanaSvcName(lower)) candidates.push(lower);
  }
  const known = WELL_KNOWN[port];
  const proto = protocol.toLowerCase();
  if (known) candidates.push(proto === 'tcp' || known !== 'dns' ? known : `${known}-${proto}`);
  candidates.push(`${proto}-${port}`);
  for (const c of candidates) if (!taken.has(c)) return c;
  const base = candidates[candidates.length - 1]!;
  for (let i = 2; ; i++) {
    const suffix = `-${i}`;
    const name = `${base.slice(0, 15 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(name)) return name;
  }
}

/** A DNS-1035 label (what a Service name must be) close to `name`. */
export function serviceNameFrom(name: string): string {
  let s = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-');
  if (!/^[a-z]/.test(s)) s = `svc-${s}`;
  return s.slice(0, 63).replace(/-+$/, '') || 'service';
}
