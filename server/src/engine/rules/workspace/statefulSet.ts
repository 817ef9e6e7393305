// A StatefulSet's spec.serviceName names its governing Service: it must exist in the namespace, be
// headless and select the StatefulSet's pods, or the pods get no per-pod DNS names
// (`web-0.nginx.ns.svc.<domain>`), which is what the StatefulSet's stable network identity is.
import { selects } from '../../k8s/selection';
import type { Resource } from '../../resources';
import type { Fix, TextEdit } from '../../types';
import type { WorkspaceRule } from '../rule';
import { inFile, nameLocation, namespacePhrase, nearServiceNames } from './describe';
import { insertFirstKeyEdit, replaceEdit } from './edits';

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
      const { names: close, fixes } = nearServiceNames(index, ns, name, sn.range, (c) => `Change serviceName to "${c}"`);
      report({
        range: sn.range,
        message:
          `spec.serviceName: no Service "${name}" in ${namespacePhrase(index, resource)}${close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(' or ')}?)` : ''}; ` +
          `the pods get no per-pod DNS names such as ${podDns} until a headless Service of that name selects them.`,
        fixes,
      });
      return;
    }
    // The Service in the StatefulSet's own file is the intended one when there is one.
    const sameFile = all.filter((s) => s.file === resource.file);
    const candidates = sameFile.length > 0 ? sameFile : all;
    if (candidates.some((s) => s.service!.headless && selects(s, resource))) return;
    const svc = candidates.find((s) => selects(s, resource)) ?? candidates[0]!;
    const where = inFile(svc, resource.file).trimStart();
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
    if (!selects(svc, resource)) problems.push(svc.service!.selector ? 'does not select its pods' : 'has no selector, so its endpoints do not include the pods');
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
