// Every language feature the server offers besides diagnostics.
import { codeActionsFeature } from './codeActions';
import { codeLensFeature } from './codeLens';
import { completionFeature } from './completion';
import type { Feature } from './feature';
import { hoverFeature } from './hover';
import { navigationFeature } from './navigation';
import { routingFeature } from './routing';

export const FEATURES: Feature[] = [hoverFeature, codeLensFeature, routingFeature, codeActionsFeature, completionFeature, navigationFeature];
