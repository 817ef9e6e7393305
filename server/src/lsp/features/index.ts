// Every language feature the server offers besides diagnostics.
import { codeActionsFeature } from './codeActions';
import type { Feature } from './feature';

export const FEATURES: Feature[] = [codeActionsFeature];
