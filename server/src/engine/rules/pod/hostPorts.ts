// Ports across the containers of one pod: host ports (P-7, hostNetwork) and the API server's
// warnings about duplicate and half-configured ports (P-8). All containers of a pod share one
// network namespace; with hostNetwork it is the node's.
import { duplicate, invalid, q } from '../../k8s/apiErrors';
import type { ContainerView, PodTemplateView, Resource } from '../../resources';
import type { Range, Severity } from '../../types';
import { replaceFix } from '../helpers';
import type { ObjectRule } from '../rule';
import { allPorts, containerPath, corePodTemplate, isInteger, POD_KINDS, PortRef, podPortPath, portPath } from './template';

function validPort(v: unknown): v is number {
  return isInteger(v) && v >= 1 && v <= 65535;
}

interface HostPort {
  value: number;
  /** True when written; false when defaulted from containerPort (hostNetwork: true). */
  explicit: boolean;
}

/**
 * The host port a port ends up with in a Pod: as written, or with hostNetwork: true and none
 * written, the containerPort (F14: Pod defaulting; templates keep 0 until their pods are created).
 */
function hostPortOf(t: PodTemplateView, ref: PortRef): HostPort | undefined {
  const hp = ref.port.hostPort?.value;
  if (validPort(hp)) return { value: hp, explicit: true };
  const cp = ref.port.containerPort?.value;
  if ((hp === undefined || hp === null || hp === 0) && t.hostNetwork && validPort(cp)) return { value: cp, explicit: false };
  return undefined;
}

function hostIPOf(ref: PortRef): string {
  const v = ref.port.hostIP?.value;
  return typeof v === 'string' ? v : '';
}

function containerLabel(ref: PortRef): string {
  return ref.container.name ? `container ${q(ref.container.name)}` : `${containerPath(ref.container)}`;
}

export const hostNetworkHostPort: ObjectRule = {
  scope: 'object',
  id: 'host-network-host-port',
  defaultSeverity: 'error',
  title: 'With hostNetwork: true, a container port\'s hostPort must equal its containerPort.',
  kinds: POD_KINDS,
  check({ resource, report }) {
    const t = corePodTemplate(resource);
    if (!t?.hostNetwork) return;
    for (const ref of allPorts(t)) {
      if (ref.container.kind !== 'container') continue; // validatePodHostNetworkDeps checks spec.containers only
      const hp = ref.port.hostPort;
      const cp = ref.port.containerPort?.value;
      if (!hp || !isInteger(hp.value) || hp.value === 0 || !validPort(cp) || hp.value === cp) continue;
      const path = `${portPath(ref)}.hostPort`;
      report({
        range: hp.range,
        message:
          `${path}: ${hp.value} differs from containerPort ${cp}, but with hostNetwork: true the container listens on the node's own interfaces, so there is no mapping between two ports; ` +
          `the API server answers ${invalid(path, hp.value, 'must match `containerPort` when `hostNetwork` is true')}`,
        fixes: [replaceFix(`Set hostPort to ${cp}`, hp.range, String(cp), true)],
      });
    }
  },
};

export const containerHostPortConflict: ObjectRule = {
  scope: 'object',
  id: 'container-host-port-conflict',
  defaultSeverity: 'error',
  title: 'Two containers of one pod claim the same hostPort, protocol and hostIP.',
  kinds: POD_KINDS,
  check({ resource, report }) {
    const t = corePodTemplate(resource);
    if (!t) return;
    // Regular containers are checked together; each init container only against itself (P-7).
    const groups: PortRef[][] = [allPorts(t).filter((r) => r.container.kind === 'container')];
    for (const c of t.containers) if (c.kind !== 'container') groups.push(c.ports.map((port) => ({ container: c, port })));
    for (const group of groups) {
      const seen = new Map<string, PortRef & { host: HostPort }>();
      for (const ref of group) {
        const host = hostPortOf(t, ref);
        if (!host) continue;
        const key = `${ref.port.protocol}/${hostIPOf(ref)}/${host.value}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, { ...ref, host });
          continue;
        }
        report(conflictReport(resource, ref, host, first, key));
      }
    }
  },
};

function conflictReport(resource: Resource, ref: PortRef, host: HostPort, first: PortRef & { host: HostPort }, key: string) {
  const range: Range = (host.explicit ? ref.port.hostPort?.range : ref.port.containerPort?.range) ?? ref.port.range;
  const what = `hostPort ${host.value}/${ref.port.protocol}${hostIPOf(ref) ? ` on ${hostIPOf(ref)}` : ''}`;
  const defaulted = !host.explicit || !first.host.explicit;
  const other = `${portPath(first)} (${containerLabel(first)})`;
  const related = [{ file: resource.file, range: first.port.hostPort?.range ?? first.port.containerPort?.range ?? first.port.range, message: `${what} is first claimed here` }];
  if (defaulted && resource.kind !== 'Pod') {
    const podPath = `${podPortPath(ref)}.hostPort`;
    return {
      range,
      related,
      message:
        `${portPath(ref)}: ${what} is also claimed by ${other}; with hostNetwork: true an unset hostPort becomes the containerPort, so the ${resource.kind} is accepted ` +
        `but every Pod created from it is rejected: ${duplicate(podPath, key)}`,
    };
  }
  const path = `${portPath(ref)}.hostPort`;
  return {
    range,
    related,
    message:
      `${portPath(ref)}: ${what} is also claimed by ${other}; a node port can be bound once${!host.explicit ? ' (with hostNetwork: true an unset hostPort becomes the containerPort)' : ''}; ` +
      `the API server answers ${duplicate(path, key)}`,
  };
}

export const containerPortDuplicate: ObjectRule = {
  scope: 'object',
  id: 'container-port-duplicate',
  defaultSeverity: 'warning',
  title: 'Two ports of one pod declare the same containerPort and protocol: only one process can listen on it.',
  kinds: POD_KINDS,
  check({ resource, report }) {
    const t = corePodTemplate(resource);
    if (!t) return;
    const isPod = resource.kind === 'Pod';
    // The API server's warning walks init containers first, then containers (VisitContainersWithPath),
    // on the object as defaulted: a Pod's unset hostPorts are filled with hostNetwork, a template's are not.
    const refs = [...allPorts(t).filter((r) => r.container.kind !== 'container'), ...allPorts(t).filter((r) => r.container.kind === 'container')];
    const hostPort = (r: PortRef) => (isPod ? (hostPortOf(t, r)?.value ?? 0) : validPort(r.port.hostPort?.value) ? r.port.hostPort!.value as number : 0);
    const byKey = new Map<string, PortRef[]>();
    for (const ref of refs) {
      const cp = ref.port.containerPort;
      if (!cp || !validPort(cp.value)) continue;
      const key = `${cp.value}/${ref.port.protocol}`;
      const matches: Match[] = [];
      for (const other of byKey.get(key) ?? []) {
        const [hp, ohp] = [hostPort(ref), hostPort(other)];
        const [ip, oip] = [hostIPOf(ref), hostIPOf(other)];
        if (conflicts(t, ref, other)) continue; // container-host-port-conflict's error says it
        if (ip === oip && hp === ohp) matches.push({ other, kind: 'duplicate', detail: '' });
        else if (hp === 0 || ohp === 0) {
          const detail = hp !== ohp ? ' (one of them also maps a hostPort, the other does not)' : ' (they differ only in hostIP, which means nothing without a hostPort)';
          matches.push({ other, kind: 'overlapping', detail });
        } else if (hp === ohp && (ip === '' || oip === '')) {
          matches.push({ other, kind: 'dangerously ambiguous', detail: ' (the same hostPort, once with a hostIP and once without: which one binds is undefined)' });
        }
      }
      // The server warns once per earlier port; one finding per port carries all of its warnings.
      if (matches.length > 0) report(duplicateReport(resource, ref, matches, key));
      byKey.set(key, [...(byKey.get(key) ?? []), ref]);
    }
  },
};

/**
 * Whether two containers of a pod can run at the same time. A regular init container exits before
 * the next init container or any app container starts; a sidecar (restartable init container) keeps
 * running beside everything that starts after it.
 */
function runTogether(a: ContainerView, b: ContainerView): boolean {
  if (a.kind === 'container' && b.kind === 'container') return true;
  if (a.kind === 'container' || b.kind === 'container') return (a.kind === 'container' ? b : a).kind === 'sidecar';
  const earlier = a.index < b.index ? a : b;
  return earlier.kind === 'sidecar';
}

/** True when P-7 rejects the pair (in the object or in its pods): the same host port, protocol and hostIP in one group. */
function conflicts(t: PodTemplateView, a: PortRef, b: PortRef): boolean {
  const sameGroup = (a.container.kind === 'container' && b.container.kind === 'container') || a.container === b.container;
  const [ha, hb] = [hostPortOf(t, a), hostPortOf(t, b)];
  return sameGroup && !!ha && !!hb && ha.value === hb.value && a.port.protocol === b.port.protocol && hostIPOf(a) === hostIPOf(b);
}

interface Match {
  other: PortRef;
  kind: string;
  detail: string;
}

function duplicateReport(resource: Resource, ref: PortRef, matches: Match[], port: string) {
  // Lead with a port that can listen at the same time as this one: that is the real clash.
  const concurrent = matches.find((m) => m.other.container === ref.container || runTogether(ref.container, m.other.container));
  const lead = concurrent ?? matches[0]!;
  const other = lead.other;
  let why: string;
  if (other.container === ref.container) why = `${containerLabel(ref)} declares ${port} twice`;
  else if (!concurrent) {
    why = `${containerLabel(ref)} and ${containerLabel(other)} both declare ${port}, but a regular init container exits before the next container starts, so they never listen at the same time`;
  } else {
    why = `${containerLabel(ref)} and ${containerLabel(other)} both declare ${port}; all containers of a pod share one network namespace, so only one of them can listen on it and the other fails to bind`;
  }
  why += lead.detail;
  const warnings = matches.map((m) => `${portPath(ref)}: ${m.kind} port definition with ${portPath(m.other)}`);
  const severity: Severity = concurrent ? 'warning' : 'information';
  return {
    range: ref.port.containerPort?.range ?? ref.port.range,
    severity,
    message: `${why}. The API server accepts it with ${warnings.length === 1 ? 'a warning' : 'warnings'}: ${warnings.join('; ')}`,
    related: matches.map((m) => ({ file: resource.file, range: m.other.port.containerPort?.range ?? m.other.port.range, message: `${port} is also declared here` })),
  };
}

export const containerHostIPWithoutHostPort: ObjectRule = {
  scope: 'object',
  id: 'container-host-ip-without-host-port',
  defaultSeverity: 'warning',
  title: 'A container port sets hostIP but no hostPort: the hostIP does nothing.',
  kinds: POD_KINDS,
  check({ resource, report }) {
    const t = corePodTemplate(resource);
    if (!t) return;
    for (const ref of allPorts(t)) {
      const ip = ref.port.hostIP;
      if (!ip || typeof ip.value !== 'string' || ip.value === '') continue;
      // With hostNetwork every pod port is bound on the node (its hostPort defaults to containerPort),
      // so the hostIP does apply; the server still warns on a template, where the default is not filled in yet.
      if (t.hostNetwork) continue;
      const hp = ref.port.hostPort?.value;
      if (isInteger(hp) && hp !== 0) continue;
      const cp = ref.port.containerPort?.value;
      const name = typeof ref.port.name?.value === 'string' ? ref.port.name.value : '';
      const goValue = `{Name:${name} HostPort:0 ContainerPort:${isInteger(cp) ? cp : 0} Protocol:${ref.port.protocol} HostIP:${ip.value}}`;
      report({
        range: ip.range,
        message:
          `${portPath(ref)}.hostIP: ${q(ip.value)} has no effect without a hostPort: the port is not bound on the node at all, only inside the pod. ` +
          `The API server accepts it with a warning: ${portPath(ref)}: hostIP set without hostPort: ${goValue}`,
      });
    }
  },
};
