// Two Services with one name in one namespace. In one file the later one replaces the earlier one
// on `kubectl apply` (and `kubectl create` fails with AlreadyExists); across files it is usually an
// overlay or an alternative bundle, so it is only worth knowing.
import { displayFile } from '../../k8s/selection';
import type { Resource } from '../../resources';
import type { WorkspaceRule } from '../rule';
import { capped, listText, nameLocation, namespacePhrase } from './describe';

function before(a: Resource, b: Resource): boolean {
  return a.docIndex < b.docIndex || (a.docIndex === b.docIndex && (a.itemIndex ?? -1) < (b.itemIndex ?? -1));
}

/** The other Services among `named` (servicesNamed holds only Services). */
function sameName(resource: Resource, named: Resource[]): Resource[] {
  return named.filter((s) => s !== resource);
}

export const serviceDuplicate: WorkspaceRule = {
  scope: 'workspace',
  id: 'service-duplicate',
  defaultSeverity: 'error',
  title: 'A file defines two Services with the same name in the same namespace; the second replaces the first.',
  kinds: ['Service'],
  check({ resource, index, report }) {
    if (!resource.name) return;
    const earlier = sameName(resource, index.servicesNamed(index.ns(resource), resource.name)).filter((s) => s.file === resource.file && before(s, resource));
    const first = earlier.sort((a, b) => (before(a, b) ? -1 : 1))[0];
    if (!first) return;
    const line = (first.nameRange ?? first.range).start.line + 1;
    report({
      range: resource.nameRange ?? resource.kindRange,
      message:
        `Service "${resource.name}" in ${namespacePhrase(index, resource)} is already defined in this file (line ${line}): ` +
        `kubectl apply replaces the first with this one, and kubectl create answers 409 AlreadyExists: services "${resource.name}" already exists.`,
      related: [nameLocation(first, `first definition of Service ${resource.name}`)],
    });
  },
};

export const serviceDuplicateAcrossFiles: WorkspaceRule = {
  scope: 'workspace',
  id: 'service-duplicate-across-files',
  defaultSeverity: 'information',
  title: 'Another file defines a Service with the same name in the same namespace (an overlay or an alternative bundle?).',
  kinds: ['Service'],
  check({ resource, index, report }) {
    if (!resource.name) return;
    const others = sameName(resource, index.servicesNamed(index.ns(resource), resource.name)).filter((s) => s.file !== resource.file);
    if (others.length === 0) return;
    const files = [...new Set(others.map((s) => displayFile(s.file)))].sort();
    report({
      range: resource.nameRange ?? resource.kindRange,
      message:
        `Service "${resource.name}" in ${namespacePhrase(index, resource)} is also defined in ${listText(capped(files))}: ` +
        'applied together, the last one applied wins (expected for overlays and alternative bundles).',
      related: others.slice(0, 5).map((s) => nameLocation(s, `Service ${resource.name} in ${displayFile(s.file)}`)),
    });
  },
};
