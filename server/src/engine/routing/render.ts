// RoutingModel → compact Markdown (hover, "Show Routing" preview) and a one-line summary (code lens).
// A hover is not a document: bold labels, short bullets, code spans for names, lists capped.
import type { Resolution } from '../k8s/selection';
import type { Landing, PortRouting, RoutingModel, WorkloadRef } from './model';
import { code, DEFAULT_MAX_ITEMS, place, plural, problemLine, refLink, RenderOptions } from './markdown';

export function renderRoutingMarkdown(model: RoutingModel, options: RenderOptions = {}): string {
  const blocks = [title(model)];
  const problems = model.problems.map(problemLine);
  if (problems.length > 0) blocks.push(problems.join('\n\n'));
  blocks.push(['**Entry points**', ...entryPoints(model, options)].join('\n'));
  if (model.mode !== 'external-name' && model.ports.length > 0) blocks.push(['**Port chain** — client → port → targetPort → container', ...portChain(model, options)].join('\n'));
  if (model.mode !== 'external-name') blocks.push(backends(model, options).join('\n'));
  if (model.policies.length > 0) {
    blocks.push(['**Policies**', ...model.policies.map((p) => `- ${code(`${p.field}: ${p.value}`)} — ${p.effect}`)].join('\n'));
  }
  return blocks.join('\n\n');
}

function title(m: RoutingModel): string {
  const type =
    m.mode === 'headless'
      ? `headless ${m.type === 'ClusterIP' ? '' : `${m.type} `}(${code('clusterIP: None')})`.replace('  ', ' ')
      : `${m.type}${m.typeDefaulted ? ' (default type)' : ''}`;
  return `**Service ${code(m.service.name)}** · ${type} · namespace ${code(m.service.namespace)}`;
}

function entryPoints(m: RoutingModel, options: RenderOptions): string[] {
  const out: string[] = [];
  const [short, withNs, withSvc, fqdn] = m.dnsNames.map(code);
  if (m.mode === 'external-name') {
    out.push(
      `- ${fqdn} (also ${short}, ${withNs}, ${withSvc}) → CNAME ${m.externalName ? code(m.externalName) : '(empty)'}: DNS only, no cluster IP, no proxying; clients connect to the external host on the port they choose`,
    );
    return out;
  }
  for (const p of m.ports) if (p.url) out.push(`- ${code(p.url)}${portLabel(p)}`);
  if (m.mode === 'headless') {
    out.push(`- DNS: ${fqdn} (also ${short} in the namespace, ${withNs}, ${withSvc}) resolves to the pods’ IPs: no cluster IP, no proxying, clients connect to the pod’s port`);
    for (const pp of m.perPodNames.filter((x) => x.names.length > 0)) {
      const more = pp.total !== undefined && pp.total > pp.names.length ? `, … (${plural(pp.total, 'pod')})` : '';
      out.push(`- Per pod (StatefulSet ${code(pp.statefulSet.name)}): ${pp.names.map(code).join(', ')}${more}`);
    }
  } else {
    out.push(`- DNS: ${short} (same namespace) · ${withNs} · ${withSvc} · ${fqdn}`);
    out.push(`- Cluster IP: ${m.clusterIP.kind === 'written' ? m.clusterIP.values.map(code).join(', ') : m.clusterIP.kind === 'allocated' ? `allocated from ${m.clusterIP.cidrs.map(code).join(', ')}` : 'none'}`);
  }
  const srv = m.ports.filter((p) => p.srv).map((p) => code(p.srv));
  if (srv.length > 0) out.push(`- SRV: ${srv.join(', ')}`);
  const nodePorts = m.ports.filter((p) => p.nodePort);
  if (nodePorts.length > 0) {
    const node = m.nodeAddresses.length === 1 ? m.nodeAddresses[0]! : `{${m.nodeAddresses.join(',')}}`;
    const items = nodePorts.map((p) =>
      p.nodePort?.value !== undefined ? `${code(`${node}:${p.nodePort.value}`)} → ${p.port ?? '?'}` : `${code(`${node}:<nodePort>`)} → ${p.port ?? '?'} (nodePort allocated from ${p.nodePort?.allocatedFrom})`,
    );
    out.push(`- Node ports, on every node: ${items.join(', ')}${m.nodeAddressPlaceholder ? ' — set `kubeServiceLens.nodeAddresses` to see real addresses' : ''}`);
  }
  if (m.loadBalancer) {
    const lb = m.loadBalancer;
    const addr = lb.loadBalancerIP ? `requested IP ${code(lb.loadBalancerIP)}` : 'an external address from the cloud provider';
    const ports = m.ports.map((p) => p.port).filter((n) => n !== undefined);
    const sources = lb.sourceRanges.length > 0 ? `allowed from ${lb.sourceRanges.map(code).join(', ')}` : 'open to any source (no `loadBalancerSourceRanges`)';
    out.push(
      `- Load balancer: ${addr}${lb.loadBalancerClass ? ` (class ${code(lb.loadBalancerClass)})` : ''}, ports ${ports.join(', ') || '—'}; ${sources}${lb.nodePorts ? '' : '; no node ports (`allocateLoadBalancerNodePorts: false`)'}`,
    );
  }
  if (m.externalIPs.length > 0) {
    const ports = m.ports.map((p) => p.port).filter((n) => n !== undefined);
    out.push(`- External IPs: ${m.externalIPs.flatMap((ip) => (ports.length > 0 ? ports.map((n) => code(`${ip}:${n}`)) : [code(ip)])).join(', ')}${m.mode === 'headless' ? ' — ignored for headless Services' : ''}`);
  }
  for (const r of m.routesIn) {
    const ports = r.ports.length > 0 ? ` → port ${r.ports.join(', ')}` : ' → no matching port';
    out.push(`- From ${refLink(r.consumer, options)} (${code(r.path)})${ports}`);
  }
  return out;
}

function portLabel(p: PortRouting): string {
  const bits: string[] = [];
  if (p.name) bits.push(`port ${code(p.name)}`);
  if (p.schemeSource === 'default' || p.schemeSource === 'well-known port') bits.push(`scheme assumed`);
  return bits.length > 0 ? ` (${bits.join(', ')})` : '';
}

/** `name: `svc.ns.svc.cluster.local:80` TCP → targetPort …`: what the client dials, then where it goes. */
function portHead(p: PortRouting, m: RoutingModel): string {
  const name = p.name ? `${code(p.name)}: ` : '';
  const dialled = m.mode === 'virtual-ip' && p.port !== undefined ? code(`${m.fqdn}:${p.port}`) : `port ${code(p.port ?? '?')}`;
  const port = `${dialled} ${p.protocol}`;
  const protoDefault = p.protocolDefaulted ? ' (by default)' : '';
  let target: string;
  if (p.target.kind === 'number') target = `targetPort ${code(p.target.value)}${p.target.defaulted ? ' (= port, by default)' : ''}`;
  else if (p.target.kind === 'name') target = `targetPort ${code(p.target.value)} (a name, looked up in each pod)`;
  else target = 'targetPort not usable (see the diagnostic)';
  return `${name}${port}${protoDefault} → ${target}`;
}

function resolutionText(r: Resolution, protocol: string): string {
  switch (r.kind) {
    case 'declared':
      return `container ${code(r.container.name ?? `#${r.container.index}`)}${r.container.kind === 'sidecar' ? ' (sidecar)' : ''} ${code(`${r.number}/${r.port.protocol}`)}`;
    case 'named':
      return `container ${code(r.container.name ?? `#${r.container.index}`)}${r.container.kind === 'sidecar' ? ' (sidecar)' : ''} port ${code(r.port.name?.value)} = ${code(`${r.number}/${r.port.protocol}`)}`;
    case 'undeclared':
      return `${code(r.number)} — ℹ️ no container declares it; traffic is sent there anyway`;
    case 'missing': {
      const other = r.sameNameOtherProtocol ? ` (${code(r.name)} is ${r.sameNameOtherProtocol.port.protocol} on container ${code(r.sameNameOtherProtocol.container.name ?? '?')})` : '';
      return `⚠️ no container port named ${code(r.name)} with protocol ${protocol}${other}: these pods get no traffic on this port`;
    }
    default:
      return '⚠️ targetPort is not usable';
  }
}

function portChain(m: RoutingModel, options: RenderOptions): string[] {
  const max = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const out: string[] = [];
  for (const p of m.ports) {
    const head = portHead(p, m);
    if (p.landings.length === 0) {
      out.push(`- ${head}`);
      continue;
    }
    const groups = groupLandings(p);
    if (groups.length === 1 && groups[0]!.landings.length === 1) {
      const l = groups[0]!.landings[0]!;
      out.push(`- ${head} → ${l.workload.kind} ${code(l.workload.name)}: ${groups[0]!.text}`);
      continue;
    }
    out.push(`- ${head}`);
    let shown = 0;
    for (const g of groups) {
      if (shown >= max) break;
      if (g.landings.length > 2) {
        out.push(`  - ${g.text} — in ${plural(g.landings.length, 'workload')} (${g.landings.slice(0, 2).map((l) => `${l.workload.kind} ${code(l.workload.name)}`).join(', ')}, …)`);
        shown++;
        continue;
      }
      for (const l of g.landings) {
        if (shown >= max) break;
        out.push(`  - ${l.workload.kind} ${code(l.workload.name)}: ${g.text}`);
        shown++;
      }
    }
    const listed = countListed(groups, max);
    if (listed < p.landings.length) out.push(`  - … and ${plural(p.landings.length - listed, 'more workload')}`);
  }
  return out;
}

interface LandingGroup {
  text: string;
  landings: Landing[];
  problem: boolean;
}

/** Workloads that land the same way share a line; problems first. */
function groupLandings(p: PortRouting): LandingGroup[] {
  const byText = new Map<string, LandingGroup>();
  for (const l of p.landings) {
    const text = resolutionText(l.resolution, p.protocol);
    let g = byText.get(text);
    if (!g) byText.set(text, (g = { text, landings: [], problem: l.resolution.kind === 'missing' || l.resolution.kind === 'invalid' }));
    g.landings.push(l);
  }
  return [...byText.values()].sort((a, b) => Number(b.problem) - Number(a.problem));
}

function countListed(groups: LandingGroup[], max: number): number {
  let shown = 0;
  let listed = 0;
  for (const g of groups) {
    if (shown >= max) break;
    if (g.landings.length > 2) {
      shown++;
      listed += g.landings.length;
      continue;
    }
    const take = Math.min(g.landings.length, max - shown);
    shown += take;
    listed += take;
  }
  return listed;
}

function backends(m: RoutingModel, options: RenderOptions): string[] {
  const max = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const sel = m.selection;
  const selector = sel.kind === 'selector' ? `selector ${sel.pairs.map(([k, v]) => code(`${k}: ${v}`)).join(' ')}` : 'no selector';
  const out = [`**Backends** — ${selector}${m.backends.length > 0 ? ` → ${podsText(m.backends)}` : ''}`];
  if (m.indexing) out.push('- ⏳ The workspace is still being indexed: backends in other files may be missing.');
  for (const w of m.backends.slice(0, max)) {
    const pods = w.pods !== undefined ? (w.kind === 'Pod' ? '' : ` · ${plural(w.pods, 'replica')}`) : w.kind === 'DaemonSet' ? ' · one pod per node' : '';
    out.push(`- ${refLink(w, options)}${pods} · ${place(w)}`);
  }
  if (m.backends.length > max) out.push(`- … and ${plural(m.backends.length - max, 'more workload')}`);
  if (sel.kind === 'selector' && m.backends.length === 0 && !m.indexing) out.push('- none');
  if (sel.kind === 'manual') for (const e of sel.endpoints.slice(0, max)) out.push(`- ${refLink(e, options)} · ${place(e)}`);
  return out;
}

/** `3 pods in 2 workloads`; `3+ pods` when some counts are not in the manifests (DaemonSet, Job). */
export function podsText(workloads: WorkloadRef[]): string {
  const known = workloads.reduce((n, w) => n + (w.pods ?? 0), 0);
  const unknown = workloads.some((w) => w.pods === undefined);
  const where = `in ${plural(workloads.length, 'workload')}`;
  if (unknown && known === 0) return `pods ${where}`;
  return `${known}${unknown ? '+' : ''} ${known === 1 && !unknown ? 'pod' : 'pods'} ${where}`;
}

/** One line for a code lens above the Service. */
export function routingSummary(m: RoutingModel): string {
  if (m.mode === 'external-name') return `→ CNAME ${m.externalName ?? '(empty externalName)'}`;
  if (m.selection.kind === 'manual') {
    const n = m.selection.endpoints.length;
    return `no selector · endpoints managed by hand${n > 0 ? ` (${plural(n, 'object')})` : ''}`;
  }
  if (m.backends.length === 0) return m.indexing ? 'backends still being indexed…' : 'selects nothing';
  const prefix = m.mode === 'headless' ? 'headless → ' : '→ ';
  const ports = m.ports.length === 0 ? 'no ports' : `${m.ports.filter((p) => p.resolved).length}/${m.ports.length} ${m.ports.length === 1 ? 'port' : 'ports'} resolved`;
  return `${prefix}${podsText(m.backends)} · ${ports}${m.indexing ? ' (indexing…)' : ''}`;
}
