// One container port at a time, as validateContainerPorts checks it (P-1 … P-6): the number, the
// host port, the protocol and the name. Values of the wrong JSON type are schema-type's.
import { duplicate, invalid, PORT_RANGE, q, required, unsupported } from '../../k8s/apiErrors';
import { ianaSvcNameErrors, ianaSvcNameRepair } from '../../k8s/names';
import { nearest } from '../../text/similar';
import { replaceFix } from '../helpers';
import type { ObjectRule } from '../rule';
import { PROTOCOLS } from '../service/ports';
import { allPorts, corePodTemplate, isInteger, missingFieldRange, POD_KINDS, portPath } from './template';

export const containerPortRange: ObjectRule = {
  scope: 'object',
  id: 'container-port-range',
  defaultSeverity: 'error',
  title: 'A container port needs containerPort, an integer from 1 to 65535.',
  kinds: POD_KINDS,
  check({ object, resource, report }) {
    const t = corePodTemplate(resource);
    if (!t) return;
    for (const ref of allPorts(t)) {
      const path = `${portPath(ref)}.containerPort`;
      const cp = ref.port.containerPort;
      if (!cp || cp.value === null || cp.value === 0) {
        // Absent, null and 0 are the same to the decoder: the zero value, which validation calls missing.
        const range = cp?.range ?? missingFieldRange(object, ref);
        if (!range) continue; // the port is not a map: schema-type's
        report({
          range,
          message: `${path} ${cp ? `is ${cp.value === 0 ? '0' : 'null'}, which means unset` : 'is missing'}: every container port needs the port number the process listens on; the API server answers ${required(path)}`,
        });
      } else if (isInteger(cp.value) && (cp.value < 1 || cp.value > 65535)) {
        report({ range: cp.range, message: `${path}: ${cp.value} is outside the port range 1-65535; the API server answers ${invalid(path, cp.value, PORT_RANGE)}` });
      }
    }
  },
};

export const containerHostPortRange: ObjectRule = {
  scope: 'object',
  id: 'container-host-port-range',
  defaultSeverity: 'error',
  title: 'A container hostPort, when set, must be an integer from 1 to 65535.',
  kinds: POD_KINDS,
  check({ resource, report }) {
    const t = corePodTemplate(resource);
    if (!t) return;
    for (const ref of allPorts(t)) {
      const hp = ref.port.hostPort;
      if (!hp || !isInteger(hp.value) || hp.value === 0) continue; // 0 = no host port
      if (hp.value >= 1 && hp.value <= 65535) continue;
      const path = `${portPath(ref)}.hostPort`;
      report({ range: hp.range, message: `${path}: ${hp.value} is outside the port range 1-65535; the API server answers ${invalid(path, hp.value, PORT_RANGE)}` });
    }
  },
};

export const containerPortProtocol: ObjectRule = {
  scope: 'object',
  id: 'container-port-protocol',
  defaultSeverity: 'error',
  title: 'A container port protocol must be TCP, UDP or SCTP (case-sensitive).',
  kinds: POD_KINDS,
  check({ resource, report }) {
    const t = corePodTemplate(resource);
    if (!t) return;
    for (const ref of allPorts(t)) {
      const l = ref.port.protocolLoc;
      if (!l || typeof l.value !== 'string' || l.value === '') continue; // unset or "" → TCP; other types are schema-type's
      if ((PROTOCOLS as readonly string[]).includes(l.value)) continue;
      const path = `${portPath(ref)}.protocol`;
      const guess = nearest(l.value, PROTOCOLS, 1)[0];
      const appProtocol = /^(https?|grpc|h2c?|wss?|tls)$/i.test(l.value);
      report({
        range: l.range,
        message:
          `${path}: ${q(l.value)} is not a transport protocol${guess ? ` (did you mean ${q(guess)}?)` : ''}` +
          `${appProtocol ? ' (a container port has no application protocol: say it in the Service port\'s appProtocol)' : ''}; ` +
          `the API server answers ${unsupported(path, l.value, PROTOCOLS)}`,
        fixes: guess ? [replaceFix(`Change protocol to ${guess}`, l.range, guess, true)] : [],
      });
    }
  },
};

export const containerPortName: ObjectRule = {
  scope: 'object',
  id: 'container-port-name',
  defaultSeverity: 'error',
  title: 'A container port name must be an IANA service name: at most 15 lowercase letters, digits and single inner hyphens, with a letter.',
  kinds: POD_KINDS,
  check({ resource, report }) {
    const t = corePodTemplate(resource);
    if (!t) return;
    for (const ref of allPorts(t)) {
      const l = ref.port.name;
      if (!l || typeof l.value !== 'string' || l.value === '') continue;
      const errors = ianaSvcNameErrors(l.value);
      if (errors.length === 0) continue;
      const path = `${portPath(ref)}.name`;
      const repaired = ianaSvcNameRepair(l.value);
      report({
        range: l.range,
        message:
          `${path}: ${q(l.value)} is not a valid port name (IANA_SVC_NAME: at most 15 characters of a-z, 0-9 and '-', at least one letter, no leading, trailing or double '-'); ` +
          `the API server answers ${errors.map((e) => invalid(path, l.value, e)).join('; ')}` +
          (repaired ? ` (Services that refer to this port by name must use the new name too)` : ''),
        fixes: repaired ? [replaceFix(`Rename the port to ${repaired}`, l.range, repaired)] : [],
      });
    }
  },
};

export const containerPortNameDuplicate: ObjectRule = {
  scope: 'object',
  id: 'container-port-name-duplicate',
  defaultSeverity: 'error',
  title: 'Two ports of one container have the same name.',
  kinds: POD_KINDS,
  check({ resource, report }) {
    const t = corePodTemplate(resource);
    if (!t) return;
    for (const c of t.containers) {
      // Per container, as validateContainerPorts does: the same name in two containers is allowed.
      const seen = new Map<string, number>();
      for (const p of c.ports) {
        const l = p.name;
        if (!l || typeof l.value !== 'string' || l.value === '' || ianaSvcNameErrors(l.value).length > 0) continue;
        const first = seen.get(l.value);
        if (first === undefined) {
          seen.set(l.value, p.index);
          continue;
        }
        const path = `${portPath({ container: c, port: p })}.name`;
        const firstPort = c.ports[first];
        report({
          range: l.range,
          message: `${path}: ${q(l.value)} already names ${portPath({ container: c, port: c.ports[first]! })} of this container; a Service's named targetPort could not tell them apart; the API server answers ${duplicate(path, l.value)}`,
          related: firstPort?.name ? [{ file: resource.file, range: firstPort.name.range, message: `first port named ${q(l.value)}` }] : [],
        });
      }
    }
  },
};
