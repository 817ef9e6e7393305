// Generates the JSON Schemas (draft-07) in schemas/ from Kubernetes' own OpenAPI v3 documents
// (`npm run schemas`). Offline and deterministic: the same input always gives byte-identical files.
//
//   node scripts/gen-schemas.mjs [--openapi DIR] [--out DIR]
//
// Output: one schema per apiVersion/kind (`<group>.<version>.<Kind>.json`, `core` for the core
// group) holding that kind's top-level fields, and one `_definitions.json` with every definition the
// kinds reach, shared through `$ref` (nothing is inlined, so PodSpec exists once, not once per
// workload kind). Conversions, so that ajv checks what the API server's decoder checks:
// - int-or-string (`format: int-or-string` / `x-kubernetes-int-or-string`) → integer or string;
//   Quantity → string or number; int32 → integer within the int32 range (the decoder refuses more).
// - objects with declared properties get `additionalProperties: false`, so unknown fields are
//   reported; maps (`additionalProperties: {…}`), property-less objects and
//   `x-kubernetes-preserve-unknown-fields` stay open.
// - `#/components/schemas/X` refs become `#/definitions/X` (`_definitions.json#/definitions/X` from
//   a kind file); `x-kubernetes-*` extensions are dropped (ajv's strict mode knows no such keywords);
//   descriptions, defaults, formats and `required` lists are kept (hover text, and the engine decides
//   which `required` the API server really enforces).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : fallback;
};
const openapiDir = arg('--openapi', join(repo, '..', 'shared', 'k8s-openapi', 'v1.35'));
const outDir = arg('--out', join(repo, 'schemas'));
const KUBERNETES_VERSION = '1.35';

/** The kinds we validate, by OpenAPI document. ServiceCIDR and Endpoints are included when present. */
const KINDS = [
  { doc: 'api_v1.json', group: '', version: 'v1', kinds: ['Service', 'Pod', 'ReplicationController', 'Endpoints'] },
  { doc: 'apis_apps_v1.json', group: 'apps', version: 'v1', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] },
  { doc: 'apis_batch_v1.json', group: 'batch', version: 'v1', kinds: ['Job', 'CronJob'] },
  { doc: 'apis_networking.k8s.io_v1.json', group: 'networking.k8s.io', version: 'v1', kinds: ['Ingress', 'ServiceCIDR'] },
  { doc: 'apis_discovery.k8s.io_v1.json', group: 'discovery.k8s.io', version: 'v1', kinds: ['EndpointSlice'] },
];

const DEFINITIONS_FILE = '_definitions.json';
const BASE = 'https://kube-service-lens.invalid/schemas/';
const INT32 = { minimum: -2147483648, maximum: 2147483647 };

// Every component schema of the documents, by name. A name in several documents must mean one thing.
const components = new Map();
for (const { doc } of KINDS) {
  const json = JSON.parse(readFileSync(join(openapiDir, doc), 'utf8'));
  for (const [name, schema] of Object.entries(json.components?.schemas ?? {})) {
    const prev = components.get(name);
    if (prev && JSON.stringify(prev) !== JSON.stringify(schema)) throw new Error(`${name} differs between documents (${doc})`);
    components.set(name, schema);
  }
}

function gvkOf(schema) {
  return schema['x-kubernetes-group-version-kind'] ?? [];
}

// The root definition of each kind, chosen by its x-kubernetes-group-version-kind.
const roots = [];
for (const { group, version, kinds } of KINDS) {
  for (const kind of kinds) {
    const found = [...components].filter(([, s]) => gvkOf(s).some((g) => g.group === group && g.version === version && g.kind === kind));
    if (found.length === 0) {
      console.warn(`gen-schemas: ${group || 'core'}/${version} ${kind} is not in the documents; skipped`);
      continue;
    }
    if (found.length > 1) throw new Error(`${kind}: several definitions claim it: ${found.map(([n]) => n).join(', ')}`);
    const apiVersion = group ? `${group}/${version}` : version;
    roots.push({ apiVersion, kind, name: found[0][0], file: `${group || 'core'}.${version}.${kind}.json` });
  }
}

const refName = (ref) => {
  const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
  if (!m) throw new Error(`unexpected $ref ${ref}`);
  return decodeURIComponent(m[1]);
};

// Definitions reachable from the roots (the roots themselves only if something else refers to them).
const reachable = new Set();
const walkRefs = (node) => {
  if (Array.isArray(node)) return node.forEach(walkRefs);
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref') {
      const name = refName(v);
      if (!reachable.has(name)) {
        if (!components.has(name)) throw new Error(`dangling $ref ${v}`);
        reachable.add(name);
        walkRefs(components.get(name));
      }
    } else walkRefs(v);
  }
};
for (const r of roots) walkRefs(components.get(r.name));

function isIntOrString(s) {
  return s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string';
}

function isQuantity(name) {
  return name === 'io.k8s.apimachinery.pkg.api.resource.Quantity';
}

/** One OpenAPI schema node → draft-07; `refPrefix` is where definitions live seen from the output file. */
function convert(node, refPrefix, name) {
  if (Array.isArray(node)) return node.map((n) => convert(n, refPrefix));
  if (!node || typeof node !== 'object') return node;
  if (isIntOrString(node)) {
    return pick({ description: node.description, type: ['integer', 'string'], format: 'int-or-string', ...INT32 });
  }
  if (name && isQuantity(name)) return pick({ description: node.description, type: ['string', 'number'], format: 'quantity' });
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-') || k === 'nullable') continue;
    if (k === '$ref') out.$ref = `${refPrefix}${encodeURIComponent(refName(v))}`;
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, convert(s, refPrefix)]));
    else if (k === 'additionalProperties' || k === 'items' || k === 'not') out[k] = convert(v, refPrefix);
    else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') out[k] = v.map((s) => convert(s, refPrefix));
    else out[k] = v;
  }
  if (out.type === 'integer' && out.format === 'int32') Object.assign(out, INT32);
  const open = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.properties && out.additionalProperties === undefined && !open) out.additionalProperties = false;
  return out;
}

function pick(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function write(file, schema) {
  writeFileSync(join(outDir, file), `${JSON.stringify(schema, null, 2)}\n`);
}

mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (f.endsWith('.json')) rmSync(join(outDir, f));

const names = [...reachable].sort();
write(DEFINITIONS_FILE, {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${BASE}${DEFINITIONS_FILE}`,
  description: `Definitions shared by the kind schemas, generated from the Kubernetes ${KUBERNETES_VERSION} OpenAPI v3 documents by scripts/gen-schemas.mjs. Do not edit.`,
  definitions: Object.fromEntries(names.map((n) => [n, convert(components.get(n), '#/definitions/', n)])),
});
for (const r of roots) {
  const root = convert(components.get(r.name), `${DEFINITIONS_FILE}#/definitions/`, r.name);
  write(r.file, {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${BASE}${r.file}`,
    title: `${r.apiVersion} ${r.kind}`,
    ...root,
  });
}
write('index.json', {
  description: `The kind schemas of this folder by apiVersion and kind (Kubernetes ${KUBERNETES_VERSION}); generated by scripts/gen-schemas.mjs.`,
  kubernetes: KUBERNETES_VERSION,
  kinds: roots.map((r) => ({ apiVersion: r.apiVersion, kind: r.kind, file: r.file, definition: r.name })),
});
console.log(`schemas: ${roots.length} kinds, ${names.length} shared definitions → ${outDir}`);
