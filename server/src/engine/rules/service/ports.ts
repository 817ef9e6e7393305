// Checks of one Service port at a time (validateServicePort, k8s-service-validation.md §3.3):
// port number, protocol, targetPort and appProtocol.
import { all, invalid, PORT_RANGE, q, shown } from '../../k8s/apiErrors';
import { ianaSvcNameErrors, qualifiedNameErrors } from '../../k8s/names';
import type { ObjectRule } from '../rule';
import { isInt32, replaceFix, wrongTypeMessage } from '../helpers';
import { checkEnum, isUnset, replaceLocFix, serviceContext, typeError } from './common';

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

export const servicePortRange: ObjectRule = {
  scope: 'object',
  id: 'service-port-range',
  defaultSeverity: 'error',
  title: 'spec.ports[].port must be an integer from 1 to 65535.',
  kinds: ['Service'],
  check({ resource, report }) {
    for (const p of resource.service?.ports ?? []) {
      const path = `spec.ports[${p.index}].port`;
      if (!p.port || p.port.value === null) continue; // a missing port is the schema's finding (required)
      const v = p.port.value;
      if (!isInt32(v)) {
        const fixes = typeof v === 'string' && /^\d+$/.test(v.trim()) ? [replaceFix(`Change to the number ${Number(v)}`, p.port.range, String(Number(v)), true)] : [];
        report({ range: p.port.range, message: wrongTypeMessage(path, v, 'integer', 'Service', 'ServicePort.spec.ports.port', 'int32'), fixes });
      } else if (v < 1 || v > 65535) {
        report({ range: p.port.range, message: `${path}: ${v} is outside the port range 1-65535; the API server answers ${invalid(path, v, PORT_RANGE)}` });
      }
    }
  },
};

export const serviceProtocol: ObjectRule = {
  scope: 'object',
  id: 'service-protocol',
  defaultSeverity: 'error',
  title: 'spec.ports[].protocol must be TCP, UDP or SCTP (case-sensitive).',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    for (const p of s.view.ports) {
      checkEnum(s, {
        loc: p.protocolLoc,
        path: `spec.ports[${p.index}].protocol`,
        values: PROTOCOLS,
        noun: 'a transport protocol',
        goField: 'ServicePort.spec.ports.protocol',
        goType: 'v1.Protocol',
        hint: (v) => (/^(https?|grpc|h2c?|wss?|tls|http2)$/i.test(v) ? 'application protocols such as HTTP or gRPC belong in appProtocol' : undefined),
      });
    }
  },
};

export const serviceTargetPort: ObjectRule = {
  scope: 'object',
  id: 'service-target-port',
  defaultSeverity: 'error',
  title: 'spec.ports[].targetPort must be a port number 1-65535 or an IANA port name; unset, 0 and "" mean "same as port".',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    for (const p of s.view.ports) {
      const t = p.targetPort;
      // Unset, 0 and "" are defaulted to the port number (F3).
      if (isUnset(t) || t.value === 0 || t.value === '') continue;
      const path = `spec.ports[${p.index}].targetPort`;
      const v = t.value;
      if (typeof v === 'number') {
        if (!isInt32(v)) {
          rc.report({ range: t.range, message: wrongTypeMessage(path, v, 'integer', 'Service', 'ServicePort.spec.ports.targetPort', 'int32') });
        } else if (v < 1 || v > 65535) {
          rc.report({ range: t.range, message: `${path}: ${v} is outside the port range 1-65535; the API server answers ${invalid(path, v, PORT_RANGE)}` });
        }
        continue;
      }
      if (typeof v !== 'string') {
        const type = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;
        rc.report({
          range: t.range,
          message: `${path}: ${shown(v)} is neither a port number nor a port name; the API server answers 400: Service in version "v1" cannot be handled as a Service: json: cannot unmarshal ${type} into Go value of type int32`,
        });
        continue;
      }
      const errs = ianaSvcNameErrors(v);
      if (!errs.length) continue;
      const answer = all(errs.map((e) => invalid(path, v, e)));
      if (/^\d+$/.test(v)) {
        const n = Number(v);
        const inRange = n >= 1 && n <= 65535;
        rc.report({
          range: t.range,
          message: `${path}: ${q(v)} is a quoted number, so the API server reads it as a port name, and a port name needs a letter; write it unquoted (${n}). The API server answers ${answer}`,
          fixes: inRange ? [replaceLocFix(s, `Change to the number ${n}`, t, n, true)] : [],
        });
        continue;
      }
      const lower = v.toLowerCase();
      const fixable = lower !== v && ianaSvcNameErrors(lower).length === 0;
      rc.report({
        range: t.range,
        message: `${path}: ${q(v)} is not a valid port name (IANA service name: at most 15 characters of a-z, 0-9 and '-', at least one letter, no leading, trailing or double '-'); the API server answers ${answer}`,
        fixes: fixable ? [replaceLocFix(s, `Change to ${lower}`, t, lower)] : [],
      });
    }
  },
};

export const serviceAppProtocol: ObjectRule = {
  scope: 'object',
  id: 'service-app-protocol',
  defaultSeverity: 'error',
  title: 'spec.ports[].appProtocol must be a qualified name such as http, kubernetes.io/h2c or example.com/proto.',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    for (const p of s.view.ports) {
      const a = p.appProtocol;
      if (isUnset(a)) continue;
      const path = `spec.ports[${p.index}].appProtocol`;
      if (typeof a.value !== 'string') {
        rc.report({ range: a.range, message: typeError(path, a.value, 'string', 'ServicePort.spec.ports.appProtocol') });
        continue;
      }
      const errs = qualifiedNameErrors(a.value);
      if (!errs.length) continue;
      rc.report({
        range: a.range,
        message: `${path}: ${q(a.value)} is not a qualified name ([prefix/]name, e.g. http, kubernetes.io/h2c); the API server answers ${all(errs.map((e) => invalid(path, a.value, e)))}`,
      });
    }
  },
};
