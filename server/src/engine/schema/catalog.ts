// The generated JSON Schemas (schemas/, `npm run schemas`), imported so that esbuild inlines them
// into the server and CLI bundles and tsc copies them beside the compiled tests: no file access,
// no path that depends on the working directory or on where the extension is installed.
import definitions from '../../../../schemas/_definitions.json';
import appsDaemonSet from '../../../../schemas/apps.v1.DaemonSet.json';
import appsDeployment from '../../../../schemas/apps.v1.Deployment.json';
import appsReplicaSet from '../../../../schemas/apps.v1.ReplicaSet.json';
import appsStatefulSet from '../../../../schemas/apps.v1.StatefulSet.json';
import batchCronJob from '../../../../schemas/batch.v1.CronJob.json';
import batchJob from '../../../../schemas/batch.v1.Job.json';
import coreEndpoints from '../../../../schemas/core.v1.Endpoints.json';
import corePod from '../../../../schemas/core.v1.Pod.json';
import coreReplicationController from '../../../../schemas/core.v1.ReplicationController.json';
import coreService from '../../../../schemas/core.v1.Service.json';
import discoveryEndpointSlice from '../../../../schemas/discovery.k8s.io.v1.EndpointSlice.json';
import index from '../../../../schemas/index.json';
import networkingIngress from '../../../../schemas/networking.k8s.io.v1.Ingress.json';
import networkingServiceCIDR from '../../../../schemas/networking.k8s.io.v1.ServiceCIDR.json';

/** A JSON Schema node as the generator writes it (draft-07 subset). */
export interface SchemaNode {
  $id?: string;
  $ref?: string;
  description?: string;
  type?: string | string[];
  format?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  allOf?: SchemaNode[];
  required?: string[];
  default?: unknown;
  definitions?: Record<string, SchemaNode>;
}

export interface KindSchema {
  apiVersion: string;
  kind: string;
  /** The OpenAPI definition of the kind, e.g. `io.k8s.api.core.v1.Service`. */
  definition: string;
  schema: SchemaNode;
}

const BY_FILE: Record<string, unknown> = {
  'apps.v1.DaemonSet.json': appsDaemonSet,
  'apps.v1.Deployment.json': appsDeployment,
  'apps.v1.ReplicaSet.json': appsReplicaSet,
  'apps.v1.StatefulSet.json': appsStatefulSet,
  'batch.v1.CronJob.json': batchCronJob,
  'batch.v1.Job.json': batchJob,
  'core.v1.Endpoints.json': coreEndpoints,
  'core.v1.Pod.json': corePod,
  'core.v1.ReplicationController.json': coreReplicationController,
  'core.v1.Service.json': coreService,
  'discovery.k8s.io.v1.EndpointSlice.json': discoveryEndpointSlice,
  'networking.k8s.io.v1.Ingress.json': networkingIngress,
  'networking.k8s.io.v1.ServiceCIDR.json': networkingServiceCIDR,
};

/** The Kubernetes version the schemas were generated from. */
export const SCHEMA_KUBERNETES_VERSION: string = index.kubernetes;

export const DEFINITIONS = definitions as unknown as SchemaNode & { $id: string; definitions: Record<string, SchemaNode> };

/** Every kind with a schema, keyed `apiVersion/kind` (`v1/Service`, `apps/v1/Deployment`). */
export const KIND_SCHEMAS: ReadonlyMap<string, KindSchema> = new Map(
  index.kinds.map((k) => {
    const schema = BY_FILE[k.file];
    if (!schema) throw new Error(`schemas/${k.file} is listed in schemas/index.json but not imported by catalog.ts`);
    return [`${k.apiVersion}/${k.kind}`, { apiVersion: k.apiVersion, kind: k.kind, definition: k.definition, schema: schema as SchemaNode }];
  }),
);

/** The files catalog.ts imports (a test compares them with the folder). */
export const CATALOG_FILES: readonly string[] = Object.keys(BY_FILE);

export function kindSchema(apiVersion: string, kind: string): KindSchema | undefined {
  return KIND_SCHEMAS.get(`${apiVersion}/${kind}`);
}
