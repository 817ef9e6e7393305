import { KIND_SCHEMAS } from '../../schema/catalog';

/** Kinds with a generated schema; the apiVersion must match too (a CRD that reuses a kind name is not checked). */
export const SCHEMA_KINDS: readonly string[] = [...new Set([...KIND_SCHEMAS.values()].map((k) => k.kind))].sort();
