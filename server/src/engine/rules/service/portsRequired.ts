// S-PORT-1: a Service needs ports unless it is headless or ExternalName. A workspace rule, because
// a Kustomize patch (a file a kustomization lists under patches) is a fragment that gets its ports
// from the base it is merged into, and only the workspace knows which files those are.
import { required } from '../../k8s/apiErrors';
import type { WorkspaceRule } from '../rule';

export const servicePortsRequired: WorkspaceRule = {
  scope: 'workspace',
  id: 'service-ports-required',
  defaultSeverity: 'error',
  title: 'spec.ports is required unless the Service is headless (clusterIP: None) or ExternalName; Kustomize patch files are exempt.',
  kinds: ['Service'],
  check({ resource, index, report }) {
    const v = resource.service;
    if (!v || v.ports.length > 0 || v.headless || v.type === 'ExternalName') return;
    if (index.isKustomizePatch(resource.file)) return;
    report({
      range: v.portsKeyRange ?? v.specKeyRange ?? resource.kindRange,
      message:
        `spec.ports: a ${v.type} Service needs at least one port; only headless (clusterIP: None) and ExternalName Services may omit them; ` +
        `the API server answers ${required('spec.ports')}`,
    });
  },
};
