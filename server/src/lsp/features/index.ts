// Every language feature the server offers besides diagnostics.
import type { Feature } from './feature';

export const FEATURES: Feature[] = [];
