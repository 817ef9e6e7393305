// A StatefulSet's spec.serviceName names its governing Service: it must exist in the namespace, be
// headless and select the StatefulSet's pods, or the pods get no per-pod DNS names
// (`web-0.nginx.ns.svc.<domain>`), which is what the StatefulSet's stable network identity is.
import { displayFile, podsCarry } from '../../k8s/selection';
import type { Resource } from '../../resources';
import { nearest } from '../../text/similar';
import type { Fix, TextEdit } from '../../types';
import type { WorkspaceRule } from '../rule';
import { nameLocation, namespacePhrase } from './describe';
import { insertFirstKeyEdit, replaceEdit, yamlString } from './edits';

function selectsPods(svc: Resource, workload: Resource): boolean {
  const s = svc.service;
  return !!s && s.type !== 'ExternalName' && !!s.selector && s.selector.pairs.every((p) => podsCarry(workload, p));
}

/** The edit that makes `svc` headless, when that is a plain ClusterIP Service. */
function headlessEdit(svc: Resource, fromFile: string): TextEdit | undefined {
  const s = svc.service;
  if (!s || s.type !== 'ClusterIP' || s.clusterIPs !== undefined) return undefined;
  const file = svc.file === fromFile ? undefined : svc.file;
  if (s.clusterIP) return replaceEdit(s.clusterIP.range, 'None', file);
  if (s.specRange) return insertFirstKeyEdit(s.specRange, s.specFlow, 'clusterIP', 'None', file);
  return undefined;
}

export const statefulSetGoverningService: WorkspaceRule = {
  scope: 'workspace',
  id: 'statefulset-governing-service',
  defaultSeverity: 'warning',
  title: "A StatefulSet's spec.serviceName must name a headless Service in its namespace that selects its pods.",
  kinds: ['StatefulSet'],
  check({ resource, index, settings, report }) {
    const sn = resource.statefulSet?.serviceName;
    if (!sn || typeof sn.value !== 'string' || !sn.value || !resource.podTemplate) return;
    const name = sn.value;
    const ns = index.ns(resource);
    const podDns = `${resource.name ?? '<name>'}-0.${name}.${ns}.svc.${settings.clusterDomain}`;
    const all = index.servicesNamed(ns, name);
    if (all.length === 0) {
      const close = nearest(
        name,
        [...index.services(ns)].map((s) => s.name).filter((n): n is string => n !== undefined),
      );
      report({
        range: sn.range,
        message:
          `spec.serviceName: no Service "${name}" in ${namespacePhrase(index, resource)}${close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(' or ')}?)` : ''}; ` +
          `the pods get no per-pod DNS names such as ${podDns} until a headless Service of that name selects them.`,
        fixes: close.map((c, i) => ({ title: `Change serviceName to "${c}"`, edits: [replaceEdit(sn.range, yamlString(c))], ...(i === 0 && close.length === 1 ? { preferred: true } : {}) })),
      });
      return;
    }
    // The Service in the StatefulSet's own file is the intended one when there is one.
    const sameFile = all.filter((s) => s.file === resource.file);
    const candidates = sameFile.length > 0 ? sameFile : all;
    if (candidates.some((s) => s.service!.headless && selectsPods(s, resource))) return;
    const svc = candidates.find((s) => selectsPods(s, resource)) ?? candidates[0]!;
    const where = svc.file === resource.file ? 'in this file' : `in ${displayFile(svc.file)}`;
    const problems: string[] = [];
    const fixes: Fix[] = [];
    if (!svc.service!.headless) {
      problems.push(`is not headless (${svc.service!.type === 'ClusterIP' ? 'clusterIP: None is missing' : `its type is ${svc.service!.type}`})`);
      const edit = headlessEdit(svc, resource.file);
      if (edit) {
        fixes.push({
          title: `Make Service ${name} headless (clusterIP: None); clusterIP is immutable, so delete and recreate the Service to apply it`,
          edits: [edit],
          preferred: true,
        });
      }
    }
    if (!selectsPods(svc, resource)) problems.push(svc.service!.selector ? 'does not select its pods' : 'has no selector, so its endpoints do not include the pods');
    report({
      range: sn.range,
      message:
        `spec.serviceName: Service "${name}" ${where} ${problems.join(' and ')}; ` +
        `only a headless Service that selects the pods publishes per-pod DNS names such as ${podDns}.`,
      related: [nameLocation(svc, `governing Service ${name}`)],
      fixes,
    });
  },
};
