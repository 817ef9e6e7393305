// Rules on Pods and pod templates: container ports as the API server validates them.
import type { Rule } from '../rule';
import { containerHostIPWithoutHostPort, containerHostPortConflict, containerPortDuplicate, hostNetworkHostPort } from './hostPorts';
import { containerHostPortRange, containerPortName, containerPortNameDuplicate, containerPortProtocol, containerPortRange } from './ports';

export const podRules: Rule[] = [
  containerPortRange,
  containerHostPortRange,
  containerPortProtocol,
  containerPortName,
  containerPortNameDuplicate,
  hostNetworkHostPort,
  containerHostPortConflict,
  containerPortDuplicate,
  containerHostIPWithoutHostPort,
];
