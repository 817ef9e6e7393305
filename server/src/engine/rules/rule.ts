// What a rule is: an id, a default severity, a one-line title, and a check. Object rules see one
// object's YAML node and run once per version of its file; workspace rules see the typed views of
// the whole workspace and re-run when a file they depend on changes.
import type { WorkspaceIndex } from '../index';
import type { ParsedFile } from '../parse';
import type { ObjectNode, Resource } from '../resources';
import type { Settings } from '../settings';
import type { Fix, Range, RelatedLocation, Severity } from '../types';

export interface Report {
  range: Range;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. information vs warning variants). */
  severity?: Severity;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /**
   * The node the finding is about when it is wider than `range`, e.g. the whole `key: value` pair
   * of a wrong value. A finding of a secondary rule gives way to another rule's finding inside it.
   */
  about?: Range;
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule catches. The long form is docs/rules/<id>.md. */
  title: string;
  /**
   * Generic structural rules (the schema family) are secondary: when another rule reports on the
   * same node of the same object, that finding says it better and this one is dropped.
   */
  secondary?: boolean;
}

export interface ObjectRuleContext {
  object: ObjectNode;
  resource: Resource;
  parsed: ParsedFile;
  settings: Settings;
  report(r: Report): void;
}

export interface WorkspaceRuleContext {
  resource: Resource;
  index: WorkspaceIndex;
  settings: Settings;
  report(r: Report): void;
}

export interface ObjectRule extends RuleMeta {
  scope: 'object';
  /** Kinds the rule looks at; the check only runs for these. */
  kinds: readonly string[];
  check(ctx: ObjectRuleContext): void;
}

export interface WorkspaceRule extends RuleMeta {
  scope: 'workspace';
  kinds: readonly string[];
  check(ctx: WorkspaceRuleContext): void;
}

/** Rules whose findings come from the parser or the engine itself, not from a check. */
export interface EngineRule extends RuleMeta {
  scope: 'engine';
}

export type Rule = ObjectRule | WorkspaceRule | EngineRule;
