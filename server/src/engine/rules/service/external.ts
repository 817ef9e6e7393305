// The names and addresses a Service is reached by from outside the cluster network:
// spec.externalName (S-EN-1/2) and spec.externalIPs (S-EIP-1..5).
import { all, invalid, IP_INVALID, q, required } from '../../k8s/apiErrors';
import { parseIP, ReservedKind, reservedKind } from '../../k8s/ip';
import { dns1123SubdomainErrors } from '../../k8s/names';
import type { ObjectRule } from '../rule';
import { isUnset, replaceLocFix, serviceContext, typeError } from './common';

/** The host of something written as a URL or host:port, lowercased, if that is a valid DNS name. */
function hostOf(value: string): string | undefined {
  let host = value.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  host = host.split('/')[0] ?? host;
  host = host.replace(/:\d+$/, '').toLowerCase();
  const trimmed = host.endsWith('.') ? host.slice(0, -1) : host;
  return trimmed && dns1123SubdomainErrors(trimmed).length === 0 ? host : undefined;
}

export const serviceExternalName: ObjectRule = {
  scope: 'object',
  id: 'service-external-name',
  defaultSeverity: 'error',
  title: 'An ExternalName Service needs spec.externalName, a lowercase DNS name (one trailing dot allowed).',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s || s.view.type !== 'ExternalName') return;
    const l = s.view.externalName;
    const path = 'spec.externalName';
    if (!isUnset(l) && typeof l.value !== 'string') {
      rc.report({ range: l.range, message: typeError(path, l.value, 'string', 'ServiceSpec.spec.externalName') });
      return;
    }
    const value = isUnset(l) ? '' : (l.value as string);
    // The server trims one trailing dot (an absolute DNS name) before checking.
    const trimmed = value.endsWith('.') ? value.slice(0, -1) : value;
    if (trimmed === '') {
      rc.report({
        range: l?.range ?? s.view.typeLoc?.range ?? rc.resource.kindRange,
        message: `${path}: an ExternalName Service is a DNS alias (CNAME) and needs the name it points to; the API server answers ${required(path)}`,
      });
      return;
    }
    const errs = dns1123SubdomainErrors(trimmed);
    if (!errs.length || !l) return;
    const host = hostOf(value);
    rc.report({
      range: l.range,
      message: `${path}: ${q(value)} is not a DNS name (lowercase letters, digits, '-' and '.', at most 253 characters; no scheme, port or path)${host && host !== value ? ` (did you mean ${q(host)}?)` : ''}; the API server answers ${all(errs.map((e) => invalid(path, value, e)))}`,
      fixes: host && host !== value ? [replaceLocFix(s, `Change to ${host}`, l, host, true)] : [],
    });
  },
};

function reservedDetail(kind: ReservedKind, value: string): string {
  switch (kind) {
    case 'unspecified':
      return `may not be unspecified (${value})`;
    case 'loopback':
      return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
    case 'link-local':
      return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
    case 'link-local multicast':
      return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
  }
}

export const serviceExternalIPs: ObjectRule = {
  scope: 'object',
  id: 'service-external-ips',
  defaultSeverity: 'error',
  title: 'spec.externalIPs must be IP addresses, not unspecified, loopback, link-local or link-local multicast.',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    s.view.externalIPs.forEach((l, i) => {
      const path = `spec.externalIPs[${i}]`;
      if (typeof l.value !== 'string') {
        rc.report({ range: l.range, message: typeError(path, l.value, 'string', 'ServiceSpec.spec.externalIPs') });
        return;
      }
      const ip = parseIP(l.value);
      if (!ip) {
        rc.report({ range: l.range, message: `${path}: ${q(l.value)} is not an IP address (externalIPs take addresses, not host names or CIDRs); the API server answers ${invalid(path, l.value, IP_INVALID)}` });
        return;
      }
      const kind = reservedKind(ip);
      if (kind) {
        rc.report({ range: l.range, message: `${path}: ${q(l.value)} is a ${kind} address, which no node can receive traffic for; the API server answers ${invalid(path, l.value, reservedDetail(kind, l.value))}` });
        return;
      }
      if (ip.nonStandard) {
        rc.report({
          range: l.range,
          severity: 'warning',
          message: `${path}: ${q(l.value)} is an IP written with ${ip.nonStandard}; the API server accepts it with a warning and reads it as ${ip.canonical}, and rejects it from Kubernetes 1.36 (StrictIPCIDRValidation)`,
          fixes: [replaceLocFix(s, `Change to ${ip.canonical}`, l, ip.canonical, true)],
        });
      }
    });
  },
};
