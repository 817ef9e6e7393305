// The workspace as one model. Each file's resources are replaced whole when it changes; derived
// per-namespace maps are updated in place; and `setFile` says which other files' findings may
// change, judged from what the file provides (pod labels and ports, Services, endpoints, CIDRs).
import { isControllerLabel, labelValue, podsCarry, SelectorPair } from './k8s/podLabels';
import type { Resource } from './resources';
import type { Range } from './types';

export interface NamespaceBucket {
  services: Set<Resource>;
  /** Services by metadata.name: rules look Services up by name once per Service or backend. */
  servicesByName: Map<string, Set<Resource>>;
  workloads: Set<Resource>;
  /** Ingress / HTTPRoute / GRPCRoute objects whose backends point into this namespace. */
  backendConsumers: Set<Resource>;
  statefulSets: Set<Resource>;
  endpoints: Set<Resource>;
  /** label key → value → workloads whose pod template carries that label. */
  templateLabels: Map<string, Map<string, Set<Resource>>>;
}

/**
 * What a file provides to other files' checks. `workloadRanges` / `serviceRanges` are the positions
 * that other files' findings point at (related locations, quick-fix edits such as naming a
 * container port or adding clusterIP: None): kept apart from the values so that typing a newline
 * re-checks only the files that refer to this one, not every consumer of the namespace.
 */
type FactKind = 'workloads' | 'services' | 'workloadRanges' | 'serviceRanges' | 'endpoints' | 'cidrs' | 'patches';

/**
 * `dependents: false` skips working out which other files a change affects (and returns none): for
 * loading many files whose findings are all asked for afterwards (the CLI, the server's first index).
 */
export interface SetFileOptions {
  dependents?: boolean;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, Resource[]>();
  private readonly buckets = new Map<string, NamespaceBucket>();
  private readonly cidrObjects = new Set<Resource>();
  /** Patch file → the kustomizations that list it. */
  private readonly patchedBy = new Map<string, Set<Resource>>();
  private readonly selectsNothingSet = new Set<Resource>();
  /** Namespaces whose entries in `selectsNothingSet` wait to be recomputed (it is only read when dependents are asked for). */
  private readonly selectsNothingStale = new Set<string>();
  /** Services with a selector, by its first pair a pod template can carry (see selectorHead), in every namespace. */
  private readonly selectorHeads = new Map<string, Set<Resource>>();
  /** Backend consumers by the Service name they refer to, in any namespace. */
  private readonly consumersByServiceName = new Map<string, Set<Resource>>();
  private readonly facts = new Map<string, Map<string, string>>();

  constructor(private defaultNamespace = 'default') {}

  /** Effective namespace of an object: metadata.namespace, else the configured default. */
  ns(r: Resource): string {
    return r.namespace ?? this.defaultNamespace;
  }

  /** Every file's findings may change with it: re-attached without working out dependents (that was quadratic). */
  setDefaultNamespace(ns: string): void {
    if (ns === this.defaultNamespace) return;
    const all = [...this.files.entries()];
    for (const [file] of all) this.detach(file);
    this.files.clear();
    this.defaultNamespace = ns;
    for (const [file, resources] of all) this.setFile(file, resources, { dependents: false });
  }

  fileNames(): IterableIterator<string> {
    return this.files.keys();
  }

  resources(file: string): readonly Resource[] {
    return this.files.get(file) ?? [];
  }

  namespaces(): IterableIterator<string> {
    return this.buckets.keys();
  }

  bucket(ns: string): NamespaceBucket | undefined {
    return this.buckets.get(ns);
  }

  services(ns: string): Iterable<Resource> {
    return this.buckets.get(ns)?.services ?? [];
  }

  workloads(ns: string): Iterable<Resource> {
    return this.buckets.get(ns)?.workloads ?? [];
  }

  endpoints(ns: string): Iterable<Resource> {
    return this.buckets.get(ns)?.endpoints ?? [];
  }

  serviceCIDRObjects(): Iterable<Resource> {
    return this.cidrObjects;
  }

  /** True when a kustomization in the workspace lists `file` as a patch: its objects are fragments. */
  isKustomizePatch(file: string): boolean {
    return (this.patchedBy.get(file)?.size ?? 0) > 0;
  }

  /** Services named `name` in `ns`, in every file. */
  servicesNamed(ns: string, name: string): Resource[] {
    const named = this.buckets.get(ns)?.servicesByName.get(name);
    return named ? [...named] : [];
  }

  /**
   * Workloads in `ns` whose pods carry every pair of `selector` (X-SEL-1): pod template labels,
   * through the label sets, and labels their controllers add (a StatefulSet's pod-name …).
   */
  selectWorkloads(ns: string, selector: readonly SelectorPair[]): Resource[] {
    const bucket = this.buckets.get(ns);
    if (!bucket || selector.length === 0) return [];
    let result: Set<Resource> | undefined;
    for (const { key, value } of selector) {
      if (isControllerLabel(key)) continue;
      const set = bucket.templateLabels.get(key)?.get(labelValue(value));
      if (!set) return [];
      if (!result) result = new Set(set);
      else for (const r of result) if (!set.has(r)) result.delete(r);
      if (result.size === 0) return [];
    }
    const byController = selector.filter((p) => isControllerLabel(p.key));
    const candidates = result ?? bucket.workloads;
    return byController.length === 0 ? [...candidates] : [...candidates].filter((w) => byController.every((p) => podsCarry(w, p)));
  }

  /**
   * Replaces the resources of `file`. Returns the other files whose workspace findings may change:
   * consumers of any fact (per namespace) that this file added, removed or changed (asking after
   * each file of a bulk load made loading N files quadratic: see SetFileOptions).
   */
  setFile(file: string, resources: Resource[], options: SetFileOptions = {}): Set<string> {
    const before = this.facts.get(file) ?? new Map<string, string>();
    const old = this.files.get(file) ?? [];
    const touched = this.namespacesOf(old);
    const names = serviceNamesOf(old);
    this.detach(file);
    this.files.set(file, resources);
    for (const r of resources) this.attach(r);
    for (const ns of this.namespacesOf(resources)) touched.add(ns);
    for (const n of serviceNamesOf(resources)) names.add(n);
    for (const ns of touched) this.selectsNothingStale.add(ns);
    const after = factsOf(resources, (r) => this.ns(r));
    this.facts.set(file, after);
    return options.dependents === false ? new Set() : this.consumersOfChanges(file, before, after, names, [...old, ...resources]);
  }

  removeFile(file: string): Set<string> {
    const before = this.facts.get(file);
    if (!before) return new Set();
    const old = this.files.get(file) ?? [];
    for (const ns of this.namespacesOf(old)) this.selectsNothingStale.add(ns);
    const names = serviceNamesOf(old);
    this.detach(file);
    this.files.delete(file);
    this.facts.delete(file);
    return this.consumersOfChanges(file, before, new Map(), names, old);
  }

  private namespacesOf(resources: readonly Resource[]): Set<string> {
    const out = new Set<string>();
    for (const r of resources) if (r.service || r.podTemplate) out.add(this.ns(r));
    return out;
  }

  /**
   * Services with a selector that matches no workload of their namespace, recomputed only for the
   * namespaces whose Services or workloads changed since it was last read (recomputing every
   * namespace on each change made opening 5,000 files quadratic).
   */
  private selectsNothing(): Set<Resource> {
    for (const ns of this.selectsNothingStale) {
      for (const s of this.services(ns)) {
        if (s.service?.selector && this.selectWorkloads(ns, s.service.selector.pairs).length === 0) this.selectsNothingSet.add(s);
        else this.selectsNothingSet.delete(s);
      }
    }
    this.selectsNothingStale.clear();
    return this.selectsNothingSet;
  }

  /**
   * Services of any namespace whose selector the pods of one of `workloads` of `ns` carry (found
   * from the template labels through `selectorHeads`, not by a scan); callers keep those of `ns`,
   * which select these pods, and those elsewhere that the pods concern.
   */
  private servicesSelecting(ns: string, workloads: readonly Resource[]): Set<Resource> {
    const out = new Set<Resource>();
    for (const w of workloads) {
      if (!w.podTemplate || this.ns(w) !== ns) continue;
      const candidates = w.podTemplate.labels.pairs.map((p) => this.selectorHeads.get(headKey(p.key, labelValue(p.value))));
      for (const set of [...candidates, this.selectorHeads.get(CONTROLLER_ONLY)]) {
        for (const s of set ?? []) if ((s.service?.selector?.pairs ?? []).every((p) => podsCarry(w, p))) out.add(s);
      }
    }
    return out;
  }

  /**
   * `names`: the Service names the file defined before or defines now (backends elsewhere may
   * refer to them); `resources`: the file's resources before and after the change.
   */
  private consumersOfChanges(file: string, before: Map<string, string>, after: Map<string, string>, names: Set<string>, resources: readonly Resource[]): Set<string> {
    const changed = new Set<string>();
    for (const [k, v] of before) if (after.get(k) !== v) changed.add(k);
    for (const [k, v] of after) if (before.get(k) !== v) changed.add(k);
    const out = new Set<string>();
    const addFiles = (rs: Iterable<Resource>) => {
      for (const r of rs) if (r.file !== file) out.add(r.file);
    };
    for (const key of changed) {
      const [kind, ns] = splitFact(key);
      if (kind === 'cidrs') {
        for (const b of this.buckets.values()) addFiles(b.services);
        continue;
      }
      if (kind === 'patches') {
        // The "namespace" part of a patches fact is the patch file itself.
        if (this.files.has(ns)) out.add(ns);
        continue;
      }
      const bucket = this.buckets.get(ns);
      if (kind === 'workloads') {
        // Services that selected or select a workload of this file; Services of this namespace
        // that select nothing (they name its workloads as near misses); Services elsewhere that
        // select nothing but whose selector these pods match (they say so); StatefulSets (their
        // governing Service's selection).
        const nothing = this.selectsNothing();
        for (const s of this.servicesSelecting(ns, resources)) if (this.ns(s) === ns || nothing.has(s)) out.add(s.file);
        for (const s of nothing) if (this.ns(s) === ns) out.add(s.file);
        if (bucket) addFiles(bucket.statefulSets);
      } else if (kind === 'services') {
        if (bucket) {
          addFiles(bucket.backendConsumers);
          addFiles(bucket.statefulSets);
          addFiles(bucket.services);
        }
        // A backend whose Service is missing names Services of that name in other namespaces:
        // consumers anywhere whose reference to a name this file defined or defines is missing.
        for (const name of names) {
          for (const r of this.consumersByServiceName.get(name) ?? []) {
            const missing = r.backends?.some((ref) => ref.serviceName.value === name && !this.buckets.get(ref.namespace ?? this.ns(r))?.servicesByName.has(name));
            if (missing) out.add(r.file);
          }
        }
      } else if (kind === 'workloadRanges' && bucket) {
        // Services that select a workload of this file, or select nothing (and may name one as a candidate).
        for (const s of this.servicesSelecting(ns, this.files.get(file) ?? [])) if (this.ns(s) === ns) out.add(s.file);
        for (const s of this.selectsNothing()) if (this.ns(s) === ns) out.add(s.file);
      } else if (kind === 'serviceRanges' && bucket) {
        // StatefulSets, backends and same-named Services that refer to a Service of this file.
        const here = new Set((this.files.get(file) ?? []).filter((r) => r.service && this.ns(r) === ns).map((r) => r.name));
        for (const st of bucket.statefulSets) if (here.has(st.statefulSet?.serviceName?.value as string | undefined)) out.add(st.file);
        for (const sv of bucket.services) if (here.has(sv.name)) out.add(sv.file);
        for (const c of bucket.backendConsumers) if (c.backends?.some((ref) => (ref.namespace ?? this.ns(c)) === ns && here.has(ref.serviceName.value))) out.add(c.file);
      } else if (kind === 'endpoints' && bucket) {
        addFiles(bucket.services);
      }
    }
    out.delete(file);
    return out;
  }

  private bucketFor(ns: string): NamespaceBucket {
    let b = this.buckets.get(ns);
    if (!b) {
      b = {
        services: new Set(),
        servicesByName: new Map(),
        workloads: new Set(),
        backendConsumers: new Set(),
        statefulSets: new Set(),
        endpoints: new Set(),
        templateLabels: new Map(),
      };
      this.buckets.set(ns, b);
    }
    return b;
  }

  private attach(r: Resource): void {
    const ns = this.ns(r);
    const b = this.bucketFor(ns);
    if (r.service) {
      b.services.add(r);
      const head = selectorHead(r);
      if (head !== undefined) addTo(this.selectorHeads, head, r);
      if (r.name !== undefined) addTo(b.servicesByName, r.name, r);
    }
    if (r.podTemplate) {
      b.workloads.add(r);
      for (const p of r.podTemplate.labels.pairs) {
        let byValue = b.templateLabels.get(p.key);
        if (!byValue) b.templateLabels.set(p.key, (byValue = new Map()));
        addTo(byValue, labelValue(p.value), r);
      }
    }
    if (r.statefulSet) b.statefulSets.add(r);
    if (r.endpointsFor !== undefined) b.endpoints.add(r);
    if (r.backends) {
      b.backendConsumers.add(r);
      for (const ref of r.backends) {
        addTo(this.consumersByServiceName, ref.serviceName.value, r);
        if (ref.namespace && ref.namespace !== ns) this.bucketFor(ref.namespace).backendConsumers.add(r);
      }
    }
    if (r.serviceCIDRs) this.cidrObjects.add(r);
    for (const f of r.kustomizePatches ?? []) addTo(this.patchedBy, f, r);
  }

  private detach(file: string): void {
    const old = this.files.get(file);
    if (!old) return;
    for (const r of old) {
      this.cidrObjects.delete(r);
      for (const f of r.kustomizePatches ?? []) deleteFrom(this.patchedBy, f, r);
      this.selectsNothingSet.delete(r);
      for (const ref of r.backends ?? []) deleteFrom(this.consumersByServiceName, ref.serviceName.value, r);
      // Only the buckets `attach` put it in: looping over every namespace made replacing a file
      // of N objects in N namespaces quadratic.
      const own = this.ns(r);
      const namespaces = new Set([own]);
      for (const ref of r.backends ?? []) if (ref.namespace) namespaces.add(ref.namespace);
      for (const ns of namespaces) {
        const b = this.buckets.get(ns);
        if (!b) continue;
        if (b.services.delete(r)) {
          const head = selectorHead(r);
          if (head !== undefined) deleteFrom(this.selectorHeads, head, r);
          if (r.name !== undefined) deleteFrom(b.servicesByName, r.name, r);
        }
        b.statefulSets.delete(r);
        b.endpoints.delete(r);
        b.backendConsumers.delete(r);
        if (b.workloads.delete(r)) {
          for (const p of r.podTemplate?.labels.pairs ?? []) {
            const byValue = b.templateLabels.get(p.key);
            if (!byValue) continue;
            deleteFrom(byValue, labelValue(p.value), r);
            if (byValue.size === 0) b.templateLabels.delete(p.key);
          }
        }
        if (isEmpty(b)) this.buckets.delete(ns);
      }
    }
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** Removes `value` from the set at `key`, and the key once its set is empty (no empty sets pile up). */
function deleteFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/** A label pair as one map key (a NUL cannot occur in a label key). */
function headKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** The `selectorHeads` key of Services whose selector has only labels that controllers add. */
const CONTROLLER_ONLY = '\u0000';

/** A Service's key in `selectorHeads`: its first pair that a pod template can carry, else CONTROLLER_ONLY. */
function selectorHead(r: Resource): string | undefined {
  const pairs = r.service?.selector?.pairs;
  if (!pairs || pairs.length === 0) return undefined;
  const head = pairs.find((p) => !isControllerLabel(p.key));
  return head ? headKey(head.key, labelValue(head.value)) : CONTROLLER_ONLY;
}

function serviceNamesOf(resources: readonly Resource[]): Set<string> {
  const out = new Set<string>();
  for (const r of resources) if (r.service && r.name !== undefined) out.add(r.name);
  return out;
}

function isEmpty(b: NamespaceBucket): boolean {
  return b.services.size + b.workloads.size + b.backendConsumers.size + b.statefulSets.size + b.endpoints.size === 0;
}

function splitFact(key: string): [FactKind, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i) as FactKind, key.slice(i + 1)];
}

/** What a file provides to other files' checks, per namespace, as comparable strings. */
function factsOf(resources: Resource[], nsOf: (r: Resource) => string): Map<string, string> {
  const parts = new Map<string, string[]>();
  const add = (kind: FactKind, ns: string, value: unknown) => {
    const key = `${kind}/${ns}`;
    let list = parts.get(key);
    if (!list) parts.set(key, (list = []));
    list.push(JSON.stringify(value));
  };
  const at = (r: Range | undefined) => (r ? [r.start.line, r.start.character, r.end.line, r.end.character] : null);
  for (const r of resources) {
    const ns = nsOf(r);
    if (r.podTemplate) {
      const t = r.podTemplate;
      add('workloads', ns, [
        r.kind,
        r.name,
        r.labels.pairs.map((p) => [p.key, p.value]),
        t.labels.pairs.map((p) => [p.key, p.value]),
        t.containers.map((c) => [c.name, c.kind, c.ports.map((p) => [p.name?.value, p.containerPort?.value, p.protocol, p.hostPort?.value])]),
      ]);
      add('workloadRanges', ns, [
        at(r.nameRange ?? r.kindRange),
        at(r.labels.range),
        at(t.labels.range),
        t.containers.map((c) => [at(c.nameRange ?? c.range), c.ports.map((p) => [at(p.range), p.flow])]),
      ]);
    }
    if (r.service) {
      const s = r.service;
      add('services', ns, [
        r.name,
        s.type,
        s.headless,
        s.selector?.pairs.map((p) => [p.key, p.value]),
        s.ports.map((p) => [p.name?.value, p.port?.value, p.protocol, p.targetPort?.value]),
      ]);
      add('serviceRanges', ns, [at(r.nameRange ?? r.kindRange), at(s.clusterIP?.range), s.clusterIPs?.length, at(s.specRange), s.specFlow]);
    }
    if (r.endpointsFor !== undefined) add('endpoints', ns, [r.kind, r.endpointsFor]);
    if (r.serviceCIDRs) add('cidrs', '*', r.serviceCIDRs.map((c) => c.value));
    for (const f of r.kustomizePatches ?? []) add('patches', f, r.file);
  }
  const out = new Map<string, string>();
  for (const [k, v] of parts) out.set(k, v.join('\n'));
  return out;
}
