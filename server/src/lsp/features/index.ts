// Every language feature the server offers besides diagnostics.
import { codeActionsFeature } from './codeActions';
import { completionFeature } from './completion';
import type { Feature } from './feature';
import { navigationFeature } from './navigation';

export const FEATURES: Feature[] = [codeActionsFeature, completionFeature, navigationFeature];
