// Every language feature the server offers besides diagnostics.
import { codeLensFeature } from './codeLens';
import type { Feature } from './feature';
import { hoverFeature } from './hover';
import { routingFeature } from './routing';

export const FEATURES: Feature[] = [hoverFeature, codeLensFeature, routingFeature];
