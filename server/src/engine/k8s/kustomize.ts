// Kustomize patch files: a Service listed under `patches:` / `patchesStrategicMerge:` of a
// kustomization is a fragment merged into a base, not an object sent to the API server as is,
// so it may lack ports and selector. This module finds those files; the index remembers them.
import type { YAMLMap } from 'yaml';
import { asMap, get, items, NodeContext, scalarValue, stringValue } from '../yamlNodes';

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

function basename(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** True for the file names kustomize reads as a kustomization. */
export function isKustomizationFile(file: string): boolean {
  return KUSTOMIZATION_NAMES.has(basename(file));
}

/** True for `kind: Kustomization` / `kind: Component` of kustomize.config.k8s.io. */
export function isKustomizationKind(apiVersion: string, kind: string): boolean {
  return (kind === 'Kustomization' || kind === 'Component') && apiVersion.startsWith('kustomize.config.k8s.io/');
}

/**
 * Patch files a kustomization names, relative to it: `patches[].path` and the file entries of
 * `patchesStrategicMerge` (inline patches, which span several lines, are not files).
 */
export function patchPaths(ctx: NodeContext, map: YAMLMap): string[] {
  const out: string[] = [];
  for (const p of items(ctx, get(ctx, map, 'patches'))) {
    const path = stringValue(ctx, get(ctx, asMap(ctx, p), 'path')); // an entry may be a scalar in a broken file
    if (path) out.push(path);
  }
  for (const p of items(ctx, get(ctx, map, 'patchesStrategicMerge'))) {
    const v = scalarValue(ctx, p);
    if (typeof v === 'string' && v && !v.includes('\n')) out.push(v.trim());
  }
  return out;
}

/**
 * `rel` resolved against the folder of `file`, in the same spelling as `file` (an OS path or a
 * file URI), so it compares equal to the index's key for that file.
 */
export function resolveSibling(file: string, rel: string): string {
  const uri = /^[a-z][a-z0-9+.-]*:\/\//i.test(file);
  const sep = !uri && file.includes('\\') && !file.includes('/') ? '\\' : '/';
  const parts = file.split(uri ? '/' : /[\\/]/);
  parts.pop();
  for (const seg of rel.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length > 0 && parts[parts.length - 1] !== '..' && parts[parts.length - 1] !== '') parts.pop();
    else parts.push(uri ? encodeURIComponent(seg) : seg);
  }
  return parts.join(sep);
}
