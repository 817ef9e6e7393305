// Fields that only a LoadBalancer Service may use, and their syntax (§3.9, §3.10):
// loadBalancerSourceRanges (or its annotation), allocateLoadBalancerNodePorts, loadBalancerClass.
import { fix, setValue } from '../../fixes';
import { all, CIDR_INVALID, forbidden, invalid, q } from '../../k8s/apiErrors';
import { parseCIDR, parseIP } from '../../k8s/ip';
import { qualifiedNameErrors } from '../../k8s/names';
import type { Loc } from '../../resources';
import type { Fix, Range } from '../../types';
import { asMap, get, getPair, keyRangeOf } from '../../yamlNodes';
import type { ObjectRule } from '../rule';
import { isUnset, locAt, metadataMap, removeSpecKeyFix, replaceLocFix, serviceContext, ServiceContext, specPair, textOf, typeError } from './common';

const LB_ONLY = "may only be used when `type` is 'LoadBalancer'";
export const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

function lbFixes(s: ServiceContext, key: string): Fix[] {
  const out = removeSpecKeyFix(s, key);
  if (s.spec) out.push(fix('Change the type to LoadBalancer', [setValue(s.src, s.spec, 'type', 'LoadBalancer')]));
  return out;
}

/** One CIDR of the field or the annotation: 422 when it is none, a warning when it is ambiguous. */
function checkCIDR(s: ServiceContext, path: string, value: string, range: Range, loc: Loc | undefined): void {
  const trimmed = value.trim();
  const cidr = parseCIDR(trimmed);
  if (!cidr) {
    const ip = parseIP(trimmed);
    const asHost = ip ? `${ip.canonical}/${ip.family === 'IPv4' ? 32 : 128}` : undefined;
    s.rule.report({
      range,
      message: `${path}: ${q(value)} is not a CIDR${asHost ? ` (a single address is written ${asHost})` : ''}; the API server answers ${invalid(path, value, CIDR_INVALID)}`,
      fixes: asHost && loc ? [replaceLocFix(s, `Change to ${asHost}`, loc, asHost, true)] : asHost ? [fix(`Change to ${asHost}`, [{ range, newText: asHost }], true)] : [],
    });
    return;
  }
  if (cidr.hostBitsSet || cidr.nonStandard) {
    const host = `${cidr.addr.toString()}/${cidr.family === 'IPv4' ? 32 : 128}`;
    const why = cidr.hostBitsSet ? `is ambiguous (should be "${cidr.canonical}" or "${host}"?)` : `is written with ${cidr.nonStandard}`;
    const edit = (text: string) => (loc ? replaceLocFix(s, `Change to ${text}`, loc, text) : fix(`Change to ${text}`, [{ range, newText: text }]));
    s.rule.report({
      range,
      severity: 'warning',
      message: `${path}: ${q(value)} ${why}; the API server accepts it with a warning and uses ${cidr.canonical}, and rejects it from Kubernetes 1.36 (StrictIPCIDRValidation)`,
      fixes: cidr.hostBitsSet ? [edit(cidr.canonical), edit(host)] : [{ ...edit(cidr.canonical), preferred: true }],
    });
  }
}

export const serviceLoadBalancerFields: ObjectRule = {
  scope: 'object',
  id: 'service-load-balancer-fields',
  defaultSeverity: 'error',
  title: 'loadBalancerSourceRanges (valid CIDRs), loadBalancerClass (a qualified name) and allocateLoadBalancerNodePorts are only for LoadBalancer Services.',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    const { view } = s;
    const isLB = view.type === 'LoadBalancer';

    const ranges = view.loadBalancerSourceRanges;
    if (ranges.length > 0) {
      // The server prints this path with a capital L.
      const path = 'spec.LoadBalancerSourceRanges';
      const pair = specPair(s, 'loadBalancerSourceRanges');
      if (!isLB) {
        rc.report({
          range: (pair && keyRangeOf(s.src, pair)) ?? ranges[0]!.range,
          message: `spec.loadBalancerSourceRanges: source ranges restrict a cloud load balancer, and this is a ${view.type} Service; the API server answers ${forbidden(path, LB_ONLY)}`,
          fixes: lbFixes(s, 'loadBalancerSourceRanges'),
        });
      }
      ranges.forEach((l, i) => {
        if (typeof l.value !== 'string') rc.report({ range: l.range, message: typeError(`spec.loadBalancerSourceRanges[${i}]`, l.value, 'string', 'ServiceSpec.spec.loadBalancerSourceRanges') });
        else checkCIDR(s, `${path}[${i}]`, l.value, l.range, l);
      });
    } else {
      const annotations = asMap(s.src, get(s.src, metadataMap(s), 'annotations'));
      const pair = getPair(s.src, annotations, SOURCE_RANGES_ANNOTATION);
      if (pair) {
        const path = `metadata.annotations[${SOURCE_RANGES_ANNOTATION}]`;
        const keyRange = keyRangeOf(s.src, pair);
        if (!isLB && keyRange) {
          rc.report({ range: keyRange, message: `${path}: source ranges restrict a cloud load balancer, and this is a ${view.type} Service; the API server answers ${forbidden(path, LB_ONLY)}` });
        }
        const value = locAt(s, annotations, SOURCE_RANGES_ANNOTATION);
        if (value && typeof value.value === 'string' && value.value.trim() !== '') checkAnnotationRanges(s, path, value);
      }
    }

    const alloc = locAt(s, s.spec, 'allocateLoadBalancerNodePorts');
    if (!isUnset(alloc)) {
      const path = 'spec.allocateLoadBalancerNodePorts';
      if (typeof alloc.value !== 'boolean') rc.report({ range: alloc.range, message: typeError(path, alloc.value, 'boolean', 'ServiceSpec.spec.allocateLoadBalancerNodePorts') });
      else if (!isLB) {
        rc.report({
          range: alloc.range,
          message: `${path}: only LoadBalancer Services allocate node ports for a load balancer, and this is a ${view.type} Service; the API server answers ${forbidden(path, LB_ONLY)}`,
          fixes: lbFixes(s, 'allocateLoadBalancerNodePorts').map((f, i) => (i === 0 ? { ...f, preferred: true } : f)),
        });
      }
    }

    const cls = view.loadBalancerClass;
    if (!isUnset(cls)) {
      const path = 'spec.loadBalancerClass';
      if (typeof cls.value !== 'string') rc.report({ range: cls.range, message: typeError(path, cls.value, 'string', 'ServiceSpec.spec.loadBalancerClass') });
      else if (!isLB) {
        rc.report({
          range: cls.range,
          message: `${path}: selects the load balancer implementation, and this is a ${view.type} Service; the API server answers ${forbidden(path, LB_ONLY)}`,
          fixes: lbFixes(s, 'loadBalancerClass'),
        });
      } else {
        const errs = qualifiedNameErrors(cls.value);
        if (errs.length) {
          rc.report({
            range: cls.range,
            message: `${path}: ${q(cls.value)} is not a qualified name ([prefix/]name, e.g. example.com/internal-vip); the API server answers ${all(errs.map((e) => invalid(path, cls.value, e)))}`,
          });
        }
      }
    }
  },
};

/** The annotation holds comma-separated CIDRs; each item's diagnostic sits on that item when it can be found. */
function checkAnnotationRanges(s: ServiceContext, path: string, value: Loc): void {
  const text = value.value as string;
  const written = textOf(s, value.range);
  const plainish = value.range.start.line === value.range.end.line && (written === text || written.slice(1, -1) === text);
  const base = written === text ? 0 : 1;
  let from = 0;
  for (const raw of text.split(',')) {
    const at = text.indexOf(raw, from);
    from = at + raw.length + 1;
    const item = raw.trim();
    if (!item) {
      checkCIDR(s, path, item, value.range, undefined);
      continue;
    }
    const lead = raw.indexOf(item);
    const start = value.range.start.character + base + at + lead;
    const range: Range = plainish ? { start: { line: value.range.start.line, character: start }, end: { line: value.range.start.line, character: start + item.length } } : value.range;
    checkCIDR(s, path, item, range, undefined);
  }
}
