// A Service selector that matches no pod template in the Service's namespace (X-SEL-1), and a
// Service without selector whose hand-made endpoints are nowhere in the workspace (X-SEL-4).
import type { WorkspaceIndex } from '../../index';
import { isControllerLabel, labelValue, podsCarry, SelectorPair } from '../../k8s/podLabels';
import { displayFile } from '../../k8s/selection';
import type { LabelPair, Resource } from '../../resources';
import { editDistance, nearest } from '../../text/similar';
import { compareRanges, Fix, Range, RelatedLocation, TextEdit } from '../../types';
import type { WorkspaceRule } from '../rule';
import { capped, inFile, listText, namespacePhrase, templateLabelsLocation, workloadName } from './describe';
import { yamlString } from '../helpers';
import { replaceEdit } from './edits';

const pairText = (key: string, value: unknown) => `"${key}: ${labelValue(value)}"`;

/** How a workload's label could stand in for a selector pair it lacks. */
interface Replacement {
  pair: LabelPair;
  key: string;
  value: string;
  changesKey: boolean;
  changesValue: boolean;
  distance: number;
}

interface Candidate {
  workload: Resource;
  replacements: Replacement[];
  distance: number;
}

/** The label of `w`'s pod template nearest to `pair` (same key with a close value, or a close key), if any. */
function nearestLabel(w: Resource, pair: LabelPair): Replacement | undefined {
  const labels = w.podTemplate?.labels.pairs ?? [];
  const value = labelValue(pair.value);
  const sameKey = labels.find((l) => l.key === pair.key);
  if (sameKey) {
    const v = labelValue(sameKey.value);
    if (!close(value, v)) return undefined;
    return { pair, key: pair.key, value: v, changesKey: false, changesValue: true, distance: editDistance(value.toLowerCase(), v.toLowerCase()) };
  }
  let best: Replacement | undefined;
  for (const l of labels) {
    if (!close(pair.key, l.key)) continue;
    const v = labelValue(l.value);
    const sameValue = v === value;
    if (!sameValue && !close(value, v)) continue;
    const distance = editDistance(pair.key.toLowerCase(), l.key.toLowerCase()) + (sameValue ? 0 : editDistance(value.toLowerCase(), v.toLowerCase()));
    if (!best || distance < best.distance) best = { pair, key: l.key, value: v, changesKey: true, changesValue: !sameValue, distance };
  }
  return best;
}

/** Whether `b` is within the "did you mean" distance of `a` (cheap length test first). */
function close(a: string, b: string): boolean {
  return Math.abs(a.length - b.length) <= 3 && nearest(a, [b]).length > 0;
}

/**
 * Workloads of `ns` carrying a label near some pair (a close value under the same key, or a close
 * key), found through the index's label map so a large namespace is not scanned workload by workload.
 */
function nearLabelWorkloads(index: WorkspaceIndex, ns: string, pairs: LabelPair[]): Set<Resource> {
  const out = new Set<Resource>();
  const byKey = index.bucket(ns)?.templateLabels;
  if (!byKey) return out;
  for (const p of pairs) {
    const value = labelValue(p.value);
    for (const [key, byValue] of byKey) {
      const sameKey = key === p.key;
      if (!sameKey && !close(p.key, key)) continue;
      for (const [v, ws] of byValue) {
        if (sameKey ? v !== value && close(value, v) : v === value || close(value, v)) for (const w of ws) out.add(w);
      }
    }
  }
  return out;
}

/** Workloads that a small edit of the selector would select: every pair they lack has a near label. */
function candidatesFor(workloads: Iterable<Resource>, pairs: LabelPair[]): Candidate[] {
  const out: Candidate[] = [];
  for (const w of workloads) {
    const missing = pairs.filter((p) => !podsCarry(w, p));
    if (missing.length === 0) continue;
    const replacements = missing.map((p) => nearestLabel(w, p));
    if (replacements.some((r) => r === undefined)) continue;
    const rs = replacements as Replacement[];
    out.push({ workload: w, replacements: rs, distance: rs.reduce((a, r) => a + r.distance, 0) });
  }
  return out;
}

function replacementText(r: Replacement): string {
  return r.changesKey ? pairText(r.key, r.value) : `"${r.value}"`;
}

function fixFor(c: Candidate, file: string): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const r of c.replacements) {
    if (r.changesKey) edits.push(replaceEdit(r.pair.keyRange, yamlString(r.key)));
    if (r.changesValue) {
      // `app:` with no value has no value node to replace.
      if (r.pair.value === null && compareRanges(r.pair.valueRange, r.pair.keyRange) === 0) return undefined;
      edits.push(replaceEdit(r.pair.valueRange, yamlString(r.value)));
    }
  }
  const labels = c.replacements.map((r) => `${r.key}: ${r.value}`).join(', ');
  return { title: `Select the pods of ${workloadName(c.workload)}${c.workload.file === file ? '' : ` (${displayFile(c.workload.file)})`}: ${labels}`, edits };
}

/** From the first key to the last value of the selector (a block map's own range runs on to the next line). */
function pairsSpan(pairs: LabelPair[]): Range | undefined {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
  let span: Range | undefined;
  for (const p of pairs) {
    if (!span) span = { start: p.keyRange.start, end: p.valueRange.end };
    else {
      if (before(p.keyRange.start, span.start)) span = { ...span, start: p.keyRange.start };
      if (before(span.end, p.valueRange.end)) span = { ...span, end: p.valueRange.end };
    }
  }
  return span;
}

/** Whether `w`'s own metadata.labels (not its pod template) supply what the template lacks. */
function metadataOnly(w: Resource, pairs: LabelPair[]): boolean {
  const meta = new Map(w.labels.pairs.map((l) => [l.key, labelValue(l.value)]));
  let viaMetadata = false;
  for (const p of pairs) {
    if (podsCarry(w, p)) continue;
    if (meta.get(p.key) !== labelValue(p.value)) return false;
    viaMetadata = true;
  }
  return viaMetadata;
}

function otherNamespaceMatches(index: WorkspaceIndex, ns: string, pairs: SelectorPair[]): Resource[] {
  const out: Resource[] = [];
  for (const other of index.namespaces()) if (other !== ns) out.push(...index.selectWorkloads(other, pairs));
  return out;
}

export const selectorMatchesNothing: WorkspaceRule = {
  scope: 'workspace',
  id: 'selector-matches-nothing',
  defaultSeverity: 'warning',
  title: 'The Service selector matches no pod template in its namespace, so the Service has no endpoints.',
  kinds: ['Service'],
  check({ resource, index, report }) {
    const s = resource.service;
    if (!s || s.type === 'ExternalName' || !s.selector) return;
    // Labels added by controllers (pod-template-hash, statefulset.kubernetes.io/pod-name …) are
    // never in a template: such pairs count as satisfiable and are not judged.
    const pairs = s.selector.pairs.filter((p) => !isControllerLabel(p.key));
    if (pairs.length === 0) return;
    const ns = index.ns(resource);
    if (index.selectWorkloads(ns, pairs).length > 0) return;

    const file = resource.file;
    const workloads = [...index.workloads(ns)];
    const reasons: string[] = [];
    const related: RelatedLocation[] = [];
    const failing = pairs.filter((p) => !workloads.some((w) => podsCarry(w, p)));

    const candidates = candidatesFor(nearLabelWorkloads(index, ns, pairs), pairs).sort(
      (a, b) => a.distance - b.distance || Number(b.workload.file === file) - Number(a.workload.file === file) || (a.workload.name ?? '').localeCompare(b.workload.name ?? ''),
    );
    for (const c of candidates.slice(0, 3)) related.push(templateLabelsLocation(c.workload, `pod template labels of ${workloadName(c.workload)}`));

    const viaMetadata = workloads.filter((w) => metadataOnly(w, pairs));
    const elsewhere = otherNamespaceMatches(index, ns, pairs);
    if (workloads.length === 0 && elsewhere.length === 0) reasons.push('the workspace has no pod template in this namespace');
    if (failing.length === 0 && workloads.length > 0) {
      const carriers = pairs.map((p) => {
        const ws = workloads.filter((w) => podsCarry(w, p));
        for (const w of ws.slice(0, 2)) related.push(templateLabelsLocation(w, `pod template of ${workloadName(w)}: carries ${pairText(p.key, p.value)}`));
        return `${pairText(p.key, p.value)} (${listText(capped(ws.map((w) => `${workloadName(w)}${inFile(w, file)}`), 2))})`;
      });
      reasons.push(`each pair is on some pod template, but none carries them all: ${listText(carriers)}`);
    }
    const unknownKeys: string[] = [];
    for (const p of workloads.length > 0 ? failing : []) {
      const near = candidates.flatMap((c) => c.replacements.filter((r) => r.pair === p).map((r) => ({ r, w: c.workload })));
      if (near.length > 0) {
        const seen = new Set<string>();
        const options = near
          .filter(({ r }) => !seen.has(replacementText(r)) && seen.add(replacementText(r)))
          .slice(0, 3)
          .map(({ r, w }) => `${replacementText(r)}, the pod template of ${workloadName(w)}${inFile(w, file)}`);
        reasons.push(`${pairText(p.key, p.value)} is on no pod template — did you mean ${options.join(', or ')}?`);
        continue;
      }
      const values = [...new Set(workloads.flatMap((w) => (w.podTemplate?.labels.pairs ?? []).filter((l) => l.key === p.key).map((l) => `"${labelValue(l.value)}"`)))];
      if (values.length > 0) reasons.push(`${pairText(p.key, p.value)} is on no pod template (the ${p.key} values there are ${listText(capped(values.sort(), 4))})`);
      else unknownKeys.push(`"${p.key}"`);
    }
    if (unknownKeys.length > 0) reasons.push(`no pod template there has the label ${unknownKeys.length === 1 ? 'key' : 'keys'} ${listText(unknownKeys)}`);
    for (const w of viaMetadata.slice(0, 3)) {
      reasons.push(`${workloadName(w)}${inFile(w, file)} carries these labels in its metadata.labels but not in its pod template (${w.podTemplate?.path ? `${w.podTemplate.path}.metadata.labels` : 'metadata.labels'}), and a Service selects pods`);
      related.push({ file: w.file, range: w.labels.range, message: `metadata.labels of ${workloadName(w)} (not its pod template)` });
    }
    if (elsewhere.length > 0) {
      const named = elsewhere.map((w) => `${workloadName(w)} in namespace "${index.ns(w)}" (${displayFile(w.file)})`);
      reasons.push(`it matches ${listText(capped(named, 2))}, but a Service selects pods only in its own namespace`);
      for (const w of elsewhere.slice(0, 3)) related.push(templateLabelsLocation(w, `matching pod template of ${workloadName(w)} in namespace "${index.ns(w)}"`));
    }

    const only = failing.length === 1 && workloads.length > 0 && viaMetadata.length === 0 && elsewhere.length === 0 ? failing[0] : undefined;
    const keyKnown = only !== undefined && workloads.some((w) => w.podTemplate?.labels.pairs.some((l) => l.key === only.key));
    const range = only ? (keyKnown ? only.valueRange : only.keyRange) : pairsSpan(s.selector.pairs) ?? s.selector.range;

    // One fix per candidate workload (identical edits once), the closest first; preferred only
    // when it is clearly closer than the next.
    const fixes: Array<{ fix: Fix; distance: number }> = [];
    const seenEdits = new Set<string>();
    for (const c of candidates) {
      const fix = fixFor(c, file);
      if (!fix) continue;
      const key = JSON.stringify(fix.edits);
      if (seenEdits.has(key)) continue;
      seenEdits.add(key);
      fixes.push({ fix, distance: c.distance });
      if (fixes.length === 3) break;
    }
    if (fixes[0] && (!fixes[1] || fixes[0].distance < fixes[1].distance)) fixes[0].fix.preferred = true;
    const why = reasons.join('; ');

    report({
      range,
      message:
        `spec.selector matches no pod template in ${namespacePhrase(index, resource)}: ${why}${why.endsWith('?') ? ' ' : '. '}` +
        'The EndpointSlice controller finds no pods for it, so the Service has no endpoints and connections to it fail.',
      related,
      fixes: fixes.map((f) => f.fix),
    });
  },
};

export const serviceWithoutSelector: WorkspaceRule = {
  scope: 'workspace',
  id: 'service-without-selector',
  defaultSeverity: 'information',
  title: 'A Service without selector gets no endpoints from the controllers, and no Endpoints/EndpointSlice for it is in the workspace.',
  kinds: ['Service'],
  check({ resource, index, report }) {
    const s = resource.service;
    if (!s || s.type === 'ExternalName' || s.selector || !resource.name) return;
    // No selector and no ports: a kustomize patch or a stub, not a Service of its own.
    if (s.ports.length === 0) return;
    for (const e of index.endpoints(index.ns(resource))) if (e.endpointsFor === resource.name) return;
    report({
      range: resource.nameRange ?? resource.kindRange,
      message:
        `Service "${resource.name}" has no spec.selector (an empty one counts as none), so the controllers manage no endpoints for it: ` +
        `traffic goes only to the Endpoints or EndpointSlices (labelled kubernetes.io/service-name: ${resource.name}) created by hand, ` +
        `and none is in the workspace for ${namespacePhrase(index, resource)}.`,
    });
  },
};
