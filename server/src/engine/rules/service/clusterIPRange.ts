// What the IP allocator checks on create (k8s-service-validation.md A-IP-3..8): requested cluster
// IPs must lie inside the cluster's service CIDRs (setting serviceCIDRs plus ServiceCIDR objects
// of the workspace), not on a range's network or broadcast address, not on the `kubernetes`
// Service's address; requested families and RequireDualStack need the cluster to serve them.
import { invalid, q } from '../../k8s/apiErrors';
import { cidrContains, IPFamily, isBroadcastAddress, isNetworkAddress, nthAddress, parseCIDR, ParsedCIDR } from '../../k8s/ip';
import { displayFile } from '../../k8s/selection';
import type { Loc, Resource } from '../../resources';
import type { Settings } from '../../settings';
import type { Fix, RelatedLocation } from '../../types';
import type { WorkspaceIndex } from '../../index';
import type { WorkspaceRule } from '../rule';
import { requestedClusterIPs } from './clusterIPList';

interface ServiceRange {
  cidr: ParsedCIDR;
  text: string;
  /** The ServiceCIDR object that declares it; undefined for the setting. */
  object?: Resource;
  loc?: Loc<string>;
}

// The setting's CIDRs are parsed once per settings value, not once per Service.
const parsedSettings = new WeakMap<readonly string[], ServiceRange[]>();

function clusterRanges(settings: Settings, index: WorkspaceIndex): ServiceRange[] {
  let fromSettings = parsedSettings.get(settings.serviceCIDRs);
  if (!fromSettings) {
    fromSettings = [];
    for (const text of settings.serviceCIDRs) {
      const cidr = parseCIDR(text);
      if (cidr) fromSettings.push({ cidr, text });
    }
    parsedSettings.set(settings.serviceCIDRs, fromSettings);
  }
  const out = [...fromSettings];
  for (const object of index.serviceCIDRObjects()) {
    for (const loc of object.serviceCIDRs ?? []) {
      const cidr = parseCIDR(loc.value);
      if (cidr) out.push({ cidr, text: loc.value, object, loc });
    }
  }
  return out;
}

function describe(ranges: ServiceRange[]): string {
  const setting = ranges.filter((r) => !r.object).map((r) => r.text);
  const objects = ranges.filter((r) => r.object).map((r) => `${r.text} (ServiceCIDR ${r.object!.name ?? '?'} in ${displayFile(r.object!.file)})`);
  return [setting.length ? `${setting.join(', ')} (setting serviceCIDRs)` : '', ...objects].filter(Boolean).join(', ');
}

export const serviceClusterIPRange: WorkspaceRule = {
  scope: 'workspace',
  id: 'service-cluster-ip-range',
  defaultSeverity: 'error',
  title: "Requested cluster IPs and IP families must fit the cluster's service CIDRs (setting serviceCIDRs and ServiceCIDR objects).",
  kinds: ['Service'],
  check({ resource, index, settings, report }) {
    const v = resource.service;
    if (!v || v.type === 'ExternalName') return;
    const ranges = clusterRanges(settings, index);
    if (ranges.length === 0) return;
    const families = new Set<IPFamily>(ranges.map((r) => r.cidr.family));
    const configured = [...families].sort().join(' and ');
    // Whether the cluster is dual-stack is only known when someone said so; with the default
    // (single-stack IPv4) a manifest written for a dual-stack cluster is not wrong, just specific.
    const familiesKnown = settings.serviceCIDRsConfigured || ranges.some((r) => r.object);
    const familySeverity = familiesKnown ? 'error' : 'information';
    const assumed = familiesKnown ? '' : ' (the default; set the serviceCIDRs setting to your cluster\'s ranges)';
    // Headless Services without selector skip the allocator's family checks (no IPs to allocate).
    const headlessSelectorless = v.headless && !v.selector;

    const policy = v.ipFamilyPolicy;
    if (!headlessSelectorless && policy?.value === 'RequireDualStack' && families.size < 2) {
      report({
        range: policy.range,
        severity: familySeverity,
        message: `spec.ipFamilyPolicy: RequireDualStack needs IPv4 and IPv6 service CIDRs, and the cluster has only ${configured} (${describe(ranges)}${assumed}); the API server answers ${invalid('spec.ipFamilyPolicy', 'RequireDualStack', 'this cluster is not configured for dual-stack services')}`,
      });
    }
    if (!headlessSelectorless) {
      v.ipFamilies.forEach((l, i) => {
        if ((l.value === 'IPv4' || l.value === 'IPv6') && !families.has(l.value)) {
          report({
            range: l.range,
            severity: familySeverity,
            message: `spec.ipFamilies[${i}]: the cluster has no ${l.value} service CIDR, only ${configured} (${describe(ranges)}${assumed}); the API server answers ${invalid(`spec.ipFamilies[${i}]`, l.value, 'not configured on this cluster')}`,
          });
        }
      });
    }
    if (v.headless) return;

    const requested = requestedClusterIPs(v);
    const shownList = v.clusterIPs?.length ? v.clusterIPs.map((l) => l.value) : requested.map((r) => r.loc.value);
    const removal: Fix[] = v.clusterIPRemoval ? [{ title: 'Remove clusterIP (let the allocator choose)', edits: v.clusterIPRemoval, preferred: true }] : [];
    const primary = ranges.find((r) => !r.object);
    for (const r of requested) {
      if (!r.ip) continue; // not an IP: service-cluster-ip reports it
      const path = `spec.clusterIPs[${r.index}]`;
      const ip = r.ip;
      if (!families.has(ip.family)) {
        if (v.ipFamilies[r.index] !== undefined) continue; // reported on ipFamilies above
        report({
          range: r.loc.range,
          severity: familySeverity,
          message: `${path}: ${q(r.loc.value)} is ${ip.family}, and the cluster has only ${configured} service CIDRs (${describe(ranges)}${assumed}); the API server answers ${invalid(path, r.loc.value, `${ip.family} is not configured on this cluster`)}`,
          fixes: removal,
        });
        continue;
      }
      const containing = ranges.filter((x) => cidrContains(x.cidr, ip)).sort((a, b) => b.cidr.prefix - a.cidr.prefix);
      const best = containing[0];
      if (!best) {
        report({
          range: r.loc.range,
          message:
            `${path}: ${ip.canonical} is outside the cluster's service CIDRs ${describe(ranges.filter((x) => x.cidr.family === ip.family))}; ` +
            `the API server answers ${invalid('spec.clusterIPs', shownList, `failed to allocate IP ${ip.canonical}: the provided network does not match the current range`)}`,
          fixes: removal,
        });
        continue;
      }
      const related: RelatedLocation[] = best.object && best.loc ? [{ file: best.object.file, range: best.loc.range, message: `ServiceCIDR ${best.object.name ?? ''} declares ${best.text}` }] : [];
      const network = isNetworkAddress(best.cidr, ip);
      if (network || isBroadcastAddress(best.cidr, ip)) {
        report({
          range: r.loc.range,
          message:
            `${path}: ${ip.canonical} is the ${network ? 'network' : 'broadcast'} address of ${best.cidr.canonical}, which is never allocated; ` +
            `the API server answers ${invalid('spec.clusterIPs', shownList, `failed to allocate IP ${ip.canonical}: the provided IP (${ip.canonical}) is not in the valid range. The range of valid IPs is ${best.cidr.canonical}`)}`,
          related,
          fixes: removal,
        });
        continue;
      }
      const isKubernetes = resource.name === 'kubernetes' && index.ns(resource) === 'default';
      if (primary && primary.cidr.family === ip.family && !isKubernetes && nthAddress(primary.cidr, 1).toString() === ip.addr.toString()) {
        report({
          range: r.loc.range,
          message:
            `${path}: ${ip.canonical} is the first address of the primary service CIDR ${primary.cidr.canonical}, which the built-in default/kubernetes Service always holds; ` +
            `the API server answers ${invalid('spec.clusterIPs', shownList, `failed to allocate IP ${ip.canonical}: provided IP is already allocated`)}`,
          fixes: removal,
        });
      }
    }
  },
};
