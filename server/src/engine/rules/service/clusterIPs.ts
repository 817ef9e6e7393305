// clusterIP / clusterIPs / ipFamilies / ipFamilyPolicy as ValidateServiceClusterIPsRelatedFields
// and the allocator's family checks see them (k8s-service-validation.md §3.4-3.6, A-IP-1/2).
import { Pair } from 'yaml';
import { fix, removePairs, setValue } from '../../fixes';
import { duplicate, forbidden, invalid, IP_INVALID, q, shown } from '../../k8s/apiErrors';
import type { Loc } from '../../resources';
import type { Fix } from '../../types';
import type { ObjectRule } from '../rule';
import { effectivePolicy, RequestedIP, requestedClusterIPs } from './clusterIPList';
import { checkEnum, isUnset, removeSpecKeyFix, replaceLocFix, serviceContext, ServiceContext, specPair, typeError } from './common';

export const IP_FAMILIES = ['IPv4', 'IPv6'] as const;
export const IP_FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'] as const;

/** Removes `clusterIP` and `clusterIPs` together, so the allocator picks an address. */
export function removeClusterIPsFix(s: ServiceContext, title: string, preferred: boolean): Fix[] {
  const pairs = ['clusterIP', 'clusterIPs'].map((k) => specPair(s, k)).filter((p): p is Pair => !!p);
  return s.spec && pairs.length ? [fix(title, removePairs(s.src, s.spec, pairs), preferred)] : [];
}

function listValue(s: ServiceContext): unknown[] {
  return (s.view.clusterIPs ?? []).map((l) => l.value);
}

/** The server reports the list: `spec.clusterIPs: Invalid value: ["10.0.0.1","None"]: …`. */
function ipsPathValue(s: ServiceContext, requested: RequestedIP[]): unknown[] {
  return s.view.clusterIPs?.length ? listValue(s) : requested.map((r) => r.loc.value);
}

function policyFix(s: ServiceContext): Fix[] {
  return s.spec ? [fix('Set ipFamilyPolicy: PreferDualStack', [setValue(s.src, s.spec, 'ipFamilyPolicy', 'PreferDualStack')])] : [];
}

export const serviceClusterIP: ObjectRule = {
  scope: 'object',
  id: 'service-cluster-ip',
  defaultSeverity: 'error',
  title: 'clusterIP/clusterIPs must be "None" or valid IPs, agree with each other, hold one IP per family, and suit the Service type.',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    const { view } = s;
    const cip = view.clusterIP;
    if (!isUnset(cip) && typeof cip.value !== 'string') {
      rc.report({ range: cip.range, message: typeError('spec.clusterIP', cip.value, 'string', 'ServiceSpec.spec.clusterIP') });
      return;
    }
    for (const [i, l] of (view.clusterIPs ?? []).entries()) {
      if (typeof l.value !== 'string') {
        rc.report({ range: l.range, message: typeError(`spec.clusterIPs[${i}]`, l.value, 'string', 'ServiceSpec.spec.clusterIPs') });
        return;
      }
    }
    const requested = requestedClusterIPs(view);
    const first = requested[0];
    if (!first) return;

    if (view.type === 'ExternalName') {
      rc.report({
        range: first.loc.range,
        message: `${view.clusterIPs?.length ? 'spec.clusterIPs' : 'spec.clusterIP'}: an ExternalName Service is a DNS alias and gets no cluster IP; the API server answers ${forbidden('spec.clusterIPs', 'may not be set for ExternalName services')}`,
        fixes: removeClusterIPsFix(s, 'Remove clusterIP', true),
      });
      return;
    }

    const ips = ipsPathValue(s, requested);
    const clusterIPText = typeof cip?.value === 'string' ? cip.value : '';
    if (view.clusterIPs?.length) {
      const head = view.clusterIPs[0]!;
      if (clusterIPText === '') {
        rc.report({
          range: head.range,
          message: `spec.clusterIPs: set without spec.clusterIP; the API server answers ${invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified')}`,
          fixes: s.spec && typeof head.value === 'string' ? [fix(`Set clusterIP: ${head.value}`, [setValue(s.src, s.spec, 'clusterIP', head.value)], true)] : [],
        });
      } else if (head.value !== clusterIPText && cip) {
        rc.report({
          range: head.range,
          message: `spec.clusterIPs[0]: ${shown(head.value)} differs from spec.clusterIP ${q(clusterIPText)}; the API server answers ${invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`')}`,
          related: [{ file: rc.resource.file, range: cip.range, message: `spec.clusterIP is ${q(clusterIPText)}` }],
          fixes: [replaceLocFix(s, `Change clusterIPs[0] to ${clusterIPText}`, head, clusterIPText), replaceLocFix(s, `Change clusterIP to ${String(head.value)}`, cip, String(head.value))],
        });
      }
    }

    let invalidIPs = false;
    let noneReported = false;
    for (const r of requested) {
      const path = `spec.clusterIPs[${r.index}]`;
      if (r.none) {
        // One cause for the list, as the server gives it, on the first misplaced "None".
        if (requested.length > 1 && !noneReported) {
          invalidIPs = noneReported = true;
          rc.report({ range: r.loc.range, message: `${path}: "None" (headless) cannot be combined with other cluster IPs; the API server answers ${invalid('spec.clusterIPs', ips, "'None' must be the first and only value")}` });
        }
        if (requested.length > 1) invalidIPs = true;
        continue;
      }
      if (r.ip) {
        if (r.ip.nonStandard) {
          rc.report({
            range: r.loc.range,
            severity: 'warning',
            message: `${path}: ${q(r.loc.value)} is an IP written with ${r.ip.nonStandard}; the API server accepts it with a warning and reads it as ${r.ip.canonical}, and rejects it from Kubernetes 1.36 (StrictIPCIDRValidation)`,
            fixes: [replaceLocFix(s, `Change to ${r.ip.canonical}`, r.loc, r.ip.canonical, true)],
          });
        }
        continue;
      }
      invalidIPs = true;
      const text = String(r.loc.value);
      const isNone = text.trim().toLowerCase() === 'none';
      rc.report({
        range: r.loc.range,
        message: `${path}: ${q(text)} is not an IP address${isNone ? ' (headless is spelled "None", exactly)' : ''}; the API server answers ${invalid(path, text, IP_INVALID)}`,
        fixes: isNone ? [replaceLocFix(s, 'Change to None', r.loc, 'None', true)] : [],
      });
    }
    if (requested.length > 2) {
      rc.report({ range: requested[2]!.loc.range, message: `spec.clusterIPs: ${requested.length} cluster IPs, at most 2 (one per family); the API server answers ${invalid('spec.clusterIPs', ips, 'may only hold up to 2 values')}` });
    } else if (!invalidIPs && requested.length === 2) {
      const [a, b] = requested as [RequestedIP, RequestedIP];
      if (a.ip && b.ip && a.ip.family === b.ip.family) {
        rc.report({
          range: b.loc.range,
          message: `spec.clusterIPs: both addresses are ${a.ip.family}; a dual-stack Service has one IPv4 and one IPv6 address; the API server answers ${invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family')}`,
        });
      } else if (effectivePolicy(view) === 'SingleStack') {
        reportSingleStack(s, b.loc, 'multiple cluster IPs are specified', 'two cluster IPs');
      }
    }

    if (view.headless && (view.type === 'NodePort' || view.type === 'LoadBalancer')) {
      const fixes = removeClusterIPsFix(s, 'Remove clusterIP: None', false);
      if (s.spec) fixes.push(fix('Change the type to ClusterIP', [setValue(s.src, s.spec, 'type', 'ClusterIP')]));
      rc.report({
        range: first.loc.range,
        message:
          `spec.clusterIPs[0]: a ${view.type} Service needs a cluster IP, so it cannot be headless ("None"); ` +
          `the API server answers ${invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${view.type} services`)}`,
        fixes,
      });
    }
  },
};

/** A-IP-1/A-IP-2: a SingleStack policy (written or defaulted) with two IPs or two families. */
function reportSingleStack(s: ServiceContext, second: Loc, detailTail: string, what: string): void {
  const written = s.view.ipFamilyPolicy;
  const explicit = !isUnset(written) && written.value === 'SingleStack';
  s.rule.report({
    range: explicit ? written.range : second.range,
    message:
      `spec.ipFamilyPolicy: ${what} need PreferDualStack or RequireDualStack, but the policy is SingleStack${explicit ? '' : ' (the default when ipFamilyPolicy is not set)'}; ` +
      `the API server answers ${invalid('spec.ipFamilyPolicy', 'SingleStack', `must be 'RequireDualStack' or 'PreferDualStack' when ${detailTail}`)}`,
    fixes: policyFix(s),
  });
}

export const serviceIPFamilies: ObjectRule = {
  scope: 'object',
  id: 'service-ip-families',
  defaultSeverity: 'error',
  title: 'ipFamilies (IPv4/IPv6, no repeats) and ipFamilyPolicy must be valid, match clusterIPs, and are forbidden on ExternalName Services.',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    const { view } = s;
    const policy = view.ipFamilyPolicy;
    if (view.type === 'ExternalName') {
      for (const key of ['ipFamilies', 'ipFamilyPolicy'] as const) {
        const l = key === 'ipFamilies' ? view.ipFamilies[0] : policy;
        if (isUnset(l)) continue;
        rc.report({
          range: l.range,
          message: `spec.${key}: an ExternalName Service is a DNS alias without cluster IPs; the API server answers ${forbidden(`spec.${key}`, 'may not be set for ExternalName services')}`,
          fixes: removeSpecKeyFix(s, key, true),
        });
      }
      return;
    }

    checkEnum(s, { loc: policy, path: 'spec.ipFamilyPolicy', values: IP_FAMILY_POLICIES, noun: 'an IP family policy', goField: 'ServiceSpec.spec.ipFamilyPolicy', goType: 'v1.IPFamilyPolicy' });
    const seen = new Set<string>();
    let valid = 0;
    view.ipFamilies.forEach((l, i) => {
      const path = `spec.ipFamilies[${i}]`;
      if (typeof l.value === 'string' && (IP_FAMILIES as readonly string[]).includes(l.value)) {
        if (seen.has(l.value)) rc.report({ range: l.range, message: `${path}: ${q(l.value)} is listed twice; the API server answers ${duplicate(path, l.value)}` });
        else valid++;
        seen.add(l.value);
        return;
      }
      checkEnum(s, { loc: l, path, values: IP_FAMILIES, noun: 'an IP family', goField: 'ServiceSpec.spec.ipFamilies', goType: 'v1.IPFamily' });
    });

    // S-IP-11 (skipped when any cluster IP is invalid, S-IP-12).
    const requested = requestedClusterIPs(view);
    if (!view.headless && requested.every((r) => r.ip)) {
      requested.forEach((r, i) => {
        const fam = view.ipFamilies[i]?.value;
        if (!r.ip || (fam !== 'IPv4' && fam !== 'IPv6') || r.ip.family === fam) return;
        const path = `spec.clusterIPs[${i}]`;
        rc.report({
          range: r.loc.range,
          message: `${path}: ${q(r.loc.value)} is an ${r.ip.family} address, but spec.ipFamilies[${i}] is ${fam}; the API server answers ${invalid(path, r.loc.value, `expected an ${fam} value as indicated by \`ipFamilies[${i}]\``)}`,
          related: [{ file: rc.resource.file, range: view.ipFamilies[i]!.range, message: `spec.ipFamilies[${i}] is ${fam}` }],
        });
      });
    }
    if (valid === 2 && effectivePolicy(view) === 'SingleStack') reportSingleStack(s, view.ipFamilies[1]!, 'multiple IP families are specified', 'two IP families');
  },
};
