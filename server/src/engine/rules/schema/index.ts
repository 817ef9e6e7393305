// Structural checks from the Kubernetes OpenAPI schemas: wrong types and unknown fields.
import type { Rule } from '../rule';

export const schemaRules: Rule[] = [];
