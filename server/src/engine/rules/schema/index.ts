// Structural checks from the Kubernetes OpenAPI schemas: wrong types, unknown fields, and the
// required fields the API server really enforces. All three share one ajv validation per object
// (structure.ts) and are secondary: a rule that reports the same node says it better.
import type { Rule } from '../rule';
import { schemaRequired } from './required';
import { schemaType } from './type';
import { schemaUnknownField } from './unknownField';

export const schemaRules: Rule[] = [schemaType, schemaUnknownField, schemaRequired];
