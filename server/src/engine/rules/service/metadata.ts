// The Service's metadata as ValidateObjectMeta checks it (k8s-service-validation.md §3.1, §3.12):
// its name, generateName and namespace, and the syntax of label keys/values and annotation keys.
import { isScalar, Pair, YAMLMap } from 'yaml';
import { fix } from '../../fixes';
import { all, invalid, q, required, tooLong } from '../../k8s/apiErrors';
import { dns1035LabelErrors, dns1123LabelErrors, labelKeyErrors, labelValueErrors, qualifiedNameErrors } from '../../k8s/names';
import type { Range } from '../../types';
import { asMap, entries, get, getPair, keyRangeOf, keyString, rangeOf, scalarValue } from '../../yamlNodes';
import type { ObjectRule } from '../rule';
import { isUnset, locAt, metadataMap, replaceLocFix, serviceContext, ServiceContext, textOf, typeError } from './common';

/** A DNS-1123 label close to `value`: lowercased, other characters turned into '-'. */
export function toDnsLabel(value: string): string | undefined {
  const label = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return label && dns1123LabelErrors(label).length === 0 ? label : undefined;
}

/** NameIsDNSLabel in prefix mode: a trailing '-' is allowed (generateName appends random letters). */
function maskTrailingDash(value: string): string {
  return value.length > 1 && value.endsWith('-') ? `${value.slice(0, -2)}a` : value;
}

export const serviceName: ObjectRule = {
  scope: 'object',
  id: 'service-name',
  defaultSeverity: 'error',
  title: 'metadata.name (or generateName) must be a DNS-1123 label, and metadata.namespace a DNS-1123 label.',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    const meta = metadataMap(s);
    const name = locAt(s, meta, 'name');
    const generateName = locAt(s, meta, 'generateName');
    const hasName = !isUnset(name) && name.value !== '';
    const hasGenerate = !isUnset(generateName) && generateName.value !== '';

    if (!hasName && !hasGenerate) {
      const metaKey = getPair(s.src, s.root, 'metadata');
      const range = name?.range ?? (metaKey && keyRangeOf(s.src, metaKey)) ?? rc.resource.kindRange;
      rc.report({ range, message: `metadata.name: a Service needs a name; the API server answers ${required('metadata.name', 'name or generateName is required')}` });
    }
    if (hasName) checkName(s, 'metadata.name', name.value, name.range, false);
    if (hasGenerate) checkName(s, 'metadata.generateName', generateName.value, generateName.range, true);

    const ns = locAt(s, meta, 'namespace');
    if (!isUnset(ns) && ns.value !== '') {
      if (typeof ns.value !== 'string') {
        rc.report({ range: ns.range, message: typeError('metadata.namespace', ns.value, 'string', 'ObjectMeta.metadata.namespace') });
      } else {
        const errs = dns1123LabelErrors(ns.value);
        if (errs.length) {
          const better = toDnsLabel(ns.value);
          rc.report({
            range: ns.range,
            message: `metadata.namespace: ${q(ns.value)} is not a valid namespace name (a DNS-1123 label); the API server answers ${all(errs.map((e) => invalid('metadata.namespace', ns.value, e)))}`,
            fixes: better ? [replaceLocFix(s, `Change to ${better}`, ns, better)] : [],
          });
        }
      }
    }
  },
};

function checkName(s: ServiceContext, path: string, value: unknown, range: Range, prefix: boolean): void {
  if (typeof value !== 'string') {
    s.rule.report({ range, message: typeError(path, value, 'string', `ObjectMeta.${path}`) });
    return;
  }
  const checked = prefix ? maskTrailingDash(value) : value;
  const errs = dns1123LabelErrors(checked);
  if (errs.length) {
    const better = toDnsLabel(value);
    s.rule.report({
      range,
      message:
        `${path}: ${q(value)} is not a valid Service name: since Kubernetes 1.35 it must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)` +
        `; the API server answers ${all(errs.map((e) => invalid(path, value, e)))}`,
      // Renaming a Service changes its DNS name, so the fix is offered, never preferred.
      fixes: better && better !== value ? [replaceLocFix(s, `Rename to ${better}`, { value, range }, prefix && value.endsWith('-') ? `${better}-` : better)] : [],
    });
    return;
  }
  const legacy = dns1035LabelErrors(checked);
  if (legacy.length) {
    s.rule.report({
      range,
      severity: 'information',
      message:
        `${path}: ${q(value)} starts with a digit: Kubernetes 1.35 accepts it (RelaxedServiceNameValidation, beta), ` +
        `but clusters up to 1.34 answer ${all(legacy.map((e) => invalid(path, value, e)))}`,
    });
  }
}

const LABELS = { path: 'metadata.labels', goField: 'ObjectMeta.metadata.labels' };
const SELECTOR = { path: 'spec.selector', goField: 'ServiceSpec.spec.selector' };
const ANNOTATIONS = { path: 'metadata.annotations', goField: 'ObjectMeta.metadata.annotations' };
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

export const serviceLabelSyntax: ObjectRule = {
  scope: 'object',
  id: 'service-label-syntax',
  defaultSeverity: 'error',
  title: 'Label keys and values (metadata.labels, spec.selector) and annotation keys must have valid syntax, and values must be strings.',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    const meta = metadataMap(s);
    checkLabelMap(s, asMap(s.src, get(s.src, meta, 'labels')), LABELS);
    checkLabelMap(s, s.spec && asMap(s.src, get(s.src, s.spec, 'selector')), SELECTOR);
    checkAnnotations(s, asMap(s.src, get(s.src, meta, 'annotations')));
  },
};

/** A value that must be a string but is a YAML number/boolean: quoting its text is the repair. */
function stringValueProblem(s: ServiceContext, pair: Pair, where: { path: string; goField: string }, key: string): boolean {
  const node = pair.value;
  if (node === null || node === undefined) return false; // `key:` decodes as ""
  const range = rangeOf(s.src, node);
  if (!range) return false;
  const value = isScalar(node) ? scalarValue(s.src, node) : (node as { toJSON(): unknown }).toJSON();
  if (value === null || typeof value === 'string') return false;
  const text = textOf(s, range);
  s.rule.report({
    range,
    message: typeError(`${where.path}[${key}]`, value, 'string', where.goField),
    // Quoting the text as written keeps `1.10` from becoming "1.1".
    fixes: isScalar(node) ? [fix(`Quote as ${JSON.stringify(text)}`, [{ range, newText: JSON.stringify(text) }], true)] : [],
  });
  return true;
}

function checkLabelMap(s: ServiceContext, map: YAMLMap | undefined, where: { path: string; goField: string }): void {
  for (const pair of entries(s.src, map)) {
    const key = keyString(pair);
    if (key === undefined) continue;
    const keyRange = keyRangeOf(s.src, pair);
    const keyErrs = labelKeyErrors(key);
    if (keyErrs.length && keyRange) {
      s.rule.report({
        range: keyRange,
        message: `${where.path}: ${q(key)} is not a valid label key ([prefix/]name: name at most 63 characters of letters, digits, '-', '_', '.'; prefix a DNS subdomain); the API server answers ${all(keyErrs.map((e) => invalid(where.path, key, e)))}`,
      });
    }
    if (stringValueProblem(s, pair, where, key)) continue;
    const value = scalarValue(s.src, pair.value);
    if (typeof value !== 'string') continue;
    const valueErrs = labelValueErrors(value);
    const valueRange = rangeOf(s.src, pair.value);
    if (valueErrs.length && valueRange) {
      s.rule.report({
        range: valueRange,
        message: `${where.path}[${key}]: ${q(value)} is not a valid label value (empty, or at most 63 characters of letters, digits, '-', '_', '.', starting and ending with a letter or digit); the API server answers ${all(valueErrs.map((e) => invalid(where.path, value, e)))}`,
      });
    }
  }
}

function checkAnnotations(s: ServiceContext, map: YAMLMap | undefined): void {
  let bytes = 0;
  for (const pair of entries(s.src, map)) {
    const key = keyString(pair);
    if (key === undefined) continue;
    // The server checks the lower-cased key: annotation keys may use capitals.
    const errs = qualifiedNameErrors(key.toLowerCase());
    const keyRange = keyRangeOf(s.src, pair);
    if (errs.length && keyRange) {
      s.rule.report({
        range: keyRange,
        message: `metadata.annotations: ${q(key)} is not a valid annotation key ([prefix/]name); the API server answers ${all(errs.map((e) => invalid('metadata.annotations', key, e)))}`,
      });
    }
    if (stringValueProblem(s, pair, ANNOTATIONS, key)) continue;
    const value = scalarValue(s.src, pair.value);
    bytes += key.length + (typeof value === 'string' ? value.length : 0);
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    const pair = getPair(s.src, metadataMap(s), 'annotations');
    const range = pair && keyRangeOf(s.src, pair);
    if (range) {
      s.rule.report({
        range,
        message: `metadata.annotations: ${bytes} bytes in total is over the 256 KiB limit; the API server answers ${tooLong('metadata.annotations', `may not be more than ${ANNOTATIONS_MAX_BYTES} bytes`)}`,
      });
    }
  }
}
