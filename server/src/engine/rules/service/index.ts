// Rules on a Service's own fields: what ValidateService and the allocators check.
import type { Rule } from '../rule';
import { serviceClusterIP, serviceIPFamilies } from './clusterIPs';
import { serviceClusterIPRange } from './clusterIPRange';
import { serviceExternalIPs, serviceExternalName } from './external';
import { serviceIgnoredField } from './ignored';
import { serviceLoadBalancerFields } from './loadBalancer';
import { serviceLabelSyntax, serviceName } from './metadata';
import { serviceNodePort, serviceNodePortRange } from './nodePorts';
import { servicePortDuplicate, servicePortName } from './portList';
import { serviceAppProtocol, servicePortRange, serviceProtocol, serviceTargetPort } from './ports';
import { servicePortsRequired } from './portsRequired';
import { serviceSessionAffinity, serviceTrafficDistribution, serviceTrafficPolicy } from './traffic';
import { serviceType } from './type';

export const serviceRules: Rule[] = [
  serviceName,
  serviceLabelSyntax,
  serviceType,
  servicePortsRequired,
  servicePortRange,
  serviceProtocol,
  servicePortName,
  servicePortDuplicate,
  serviceTargetPort,
  serviceAppProtocol,
  serviceNodePort,
  serviceNodePortRange,
  serviceClusterIP,
  serviceClusterIPRange,
  serviceIPFamilies,
  serviceExternalName,
  serviceExternalIPs,
  serviceSessionAffinity,
  serviceTrafficPolicy,
  serviceLoadBalancerFields,
  serviceTrafficDistribution,
  serviceIgnoredField,
];
