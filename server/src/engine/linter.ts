// The engine's front door, shared by the language server, the CLI and the tests: feed it files,
// ask it for findings. Object rules run once per file version; workspace rules run on demand
// over the index, so a change elsewhere needs no re-parse here.
import { SetFileOptions, WorkspaceIndex } from './index';
import { drain, parseSteps, ParsedFile, skippedFinding } from './parse';
import { extractObjectsSteps, ObjectNode, Resource } from './resources';
import { ALL_RULES } from './rules';
import type { ObjectRule, Report, Rule, WorkspaceRule } from './rules/rule';
import { DEFAULT_SETTINGS, Settings } from './settings';
import { isSuppressed, parseSuppressions, Suppressions } from './suppress';
import { compareRanges, Finding, Position, Range } from './types';

/** The settings that per-file analysis reads (parse limits, object rules) or that decide which files there are. */
export const ANALYSIS_SETTINGS = ['limits', 'nodePortRange', 'exclude'] as const satisfies ReadonlyArray<keyof Settings>;

/** How long the object rules may run before the analysis pauses (the caller decides whether to yield). */
const STEP_MS = 4;

interface FileState {
  local: Finding[];
  suppressions: Suppressions;
}

/** A file analysed but not yet part of the linter's state (see `prepareSteps` and `commit`). */
export interface PreparedFile {
  file: string;
  /** The parse of the text, with its objects, for callers that keep the AST of open documents. */
  parsed: ParsedFile;
  objects: ObjectNode[];
  resources: Resource[];
  local: Finding[];
  suppressions: Suppressions;
}

export interface LinterOptions {
  rules?: readonly Rule[];
  /** Called when a rule throws: the rule is skipped for that object, the rest still run. */
  onRuleError?: (ruleId: string, file: string, error: unknown) => void;
}

export class Linter {
  readonly index: WorkspaceIndex;
  private settingsValue: Settings;
  private readonly state = new Map<string, FileState>();
  private readonly objectRules: ObjectRule[];
  private readonly workspaceRules: WorkspaceRule[];
  private readonly onRuleError: (ruleId: string, file: string, error: unknown) => void;

  constructor(settings: Settings = DEFAULT_SETTINGS, options: LinterOptions = {}) {
    this.settingsValue = settings;
    this.index = new WorkspaceIndex(settings.defaultNamespace);
    const rules = options.rules ?? ALL_RULES;
    this.objectRules = rules.filter((r): r is ObjectRule => r.scope === 'object');
    this.workspaceRules = rules.filter((r): r is WorkspaceRule => r.scope === 'workspace');
    this.onRuleError = options.onRuleError ?? (() => undefined);
  }

  get settings(): Settings {
    return this.settingsValue;
  }

  /**
   * New settings. Returns true when the files must be read and analysed again: the parse limits,
   * the node port range (the only setting an object rule reads) or the excluded files changed.
   * Everything else is applied when findings are asked for, so re-publishing is enough.
   */
  setSettings(settings: Settings): boolean {
    const before = this.settingsValue;
    this.settingsValue = settings;
    this.index.setDefaultNamespace(settings.defaultNamespace);
    return ANALYSIS_SETTINGS.some((key) => JSON.stringify(before[key]) !== JSON.stringify(settings[key]));
  }

  files(): IterableIterator<string> {
    return this.index.fileNames();
  }

  has(file: string): boolean {
    return this.state.has(file);
  }

  /** How many files the linter holds state for (the index must hold the same ones). */
  fileCount(): number {
    return this.state.size;
  }

  /**
   * Analyses a file's text. Returns the other files whose findings may have changed, unless
   * `dependents: false` (loading many files whose findings are all asked for afterwards).
   */
  update(file: string, text: string, options: SetFileOptions = {}): Set<string> {
    return this.commit(drain(this.prepareSteps(file, text)), options);
  }

  /**
   * The work of `update` in steps, without its effect: the generator pauses while parsing and
   * between objects and changes nothing, so a caller may interleave other work, drop it when the
   * text changes again, or `commit` its result.
   */
  *prepareSteps(file: string, text: string): Generator<void, PreparedFile, void> {
    const parsed = yield* parseSteps(file, text, this.settingsValue.limits);
    const { resources, local, objects } = yield* this.analyseSteps(parsed);
    return { file, parsed, objects, resources, local, suppressions: parseSuppressions(text) };
  }

  /** Makes a prepared analysis the file's current state. Returns the other files whose findings may have changed. */
  commit(prepared: PreparedFile, options: SetFileOptions = {}): Set<string> {
    this.state.set(prepared.file, { local: prepared.local, suppressions: prepared.suppressions });
    return this.index.setFile(prepared.file, prepared.resources, options);
  }

  /** Records a file that could not be read (or is not analysed) with one information finding saying why. */
  skip(file: string, message: string, options: SetFileOptions = {}): Set<string> {
    this.state.set(file, { local: [skippedFinding(file, message)], suppressions: parseSuppressions('') });
    return this.index.setFile(file, [], options);
  }

  remove(file: string): Set<string> {
    this.state.delete(file);
    return this.index.removeFile(file);
  }

  /**
   * Every finding of a file: parse, object and workspace rules, after suppressions and severity
   * settings. `workspaceRules: false` leaves out the cross-file ones (while the index is incomplete).
   */
  findings(file: string, options: { workspaceRules?: boolean } = {}): Finding[] {
    const state = this.state.get(file);
    if (!state) return [];
    const all = [...state.local];
    if (options.workspaceRules !== false) for (const r of this.index.resources(file)) this.runWorkspaceRules(r, all);
    const overrides = this.settingsValue.rules;
    const out: Finding[] = [];
    for (const f of all) {
      const o = overrides[f.rule];
      if (o === 'off' || isSuppressed(state.suppressions, f)) continue;
      out.push(o ? { ...f, severity: o } : f);
    }
    return out.sort((a, b) => compareRanges(a.range, b.range) || a.rule.localeCompare(b.rule));
  }

  private *analyseSteps(parsed: ParsedFile): Generator<void, { resources: Resource[]; local: Finding[]; objects: ObjectNode[] }, void> {
    const local: Finding[] = [...parsed.findings];
    const objects = yield* extractObjectsSteps(parsed);
    // A pause every 32 objects, and after any rule once a step has run for STEP_MS: one object
    // with thousands of ports (or aliases) must not hold the editor for all of its rules.
    let stepStart = performance.now();
    for (let i = 0; i < objects.length; i++) {
      const object = objects[i] as ObjectNode;
      const resource = object.resource;
      const primary: Finding[] = [];
      const secondary: Array<{ finding: Finding; about: Range }> = [];
      for (const rule of this.objectRules) {
        if (!appliesTo(rule.kinds, resource)) continue;
        try {
          rule.check({
            object,
            resource,
            parsed,
            settings: this.settingsValue,
            report: (r) => {
              const finding = toFinding(rule, resource.file, r);
              if (rule.secondary) secondary.push({ finding, about: r.about ?? r.range });
              else primary.push(finding);
            },
          });
        } catch (error) {
          this.onRuleError(rule.id, resource.file, error);
        }
        if (performance.now() - stepStart > STEP_MS) {
          yield;
          stepStart = performance.now();
        }
      }
      // One problem, one diagnostic: a secondary (schema) finding is dropped when a rule of this
      // object already reports on the same node, i.e. inside the `key: value` pair it is about
      // (`port: "80"` is service-port-range's, not also schema-type's).
      local.push(...primary);
      if (secondary.length > 0) {
        const covered = coveredBy(primary);
        for (const s of secondary) if (!covered(s.about)) local.push(s.finding);
      }
      if (i % 32 === 31) {
        yield;
        stepStart = performance.now();
      }
    }
    return { resources: objects.map((o) => o.resource), local, objects };
  }

  private runWorkspaceRules(resource: Resource, out: Finding[]): void {
    for (const rule of this.workspaceRules) {
      if (!appliesTo(rule.kinds, resource)) continue;
      try {
        rule.check({
          resource,
          index: this.index,
          settings: this.settingsValue,
          report: (r) => out.push(toFinding(rule, resource.file, r)),
        });
      } catch (error) {
        this.onRuleError(rule.id, resource.file, error);
      }
    }
  }
}

function appliesTo(kinds: readonly string[], r: Resource): boolean {
  if (!kinds.includes(r.kind) && !kinds.includes('*')) return false;
  // `Service` means the core v1 Service, not a CRD that happens to share the name.
  return r.kind !== 'Service' || r.service !== undefined || kinds.includes('*');
}

/**
 * Whether some finding lies within a range: the findings sorted by start once, then a binary
 * search per range (a Service with 2,000 ports has thousands of each; `some` per range was quadratic).
 */
function coveredBy(findings: readonly Finding[]): (about: Range) => boolean {
  const sorted = [...findings].sort((a, b) => compareRanges(a.range, b.range));
  return (about) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (notAfter(about.start, (sorted[mid] as Finding).range.start)) hi = mid;
      else lo = mid + 1;
    }
    for (let i = lo; i < sorted.length; i++) {
      const r = (sorted[i] as Finding).range;
      if (!notAfter(r.start, about.end)) break;
      if (rangeWithin(r, about)) return true;
    }
    return false;
  };
}

function notAfter(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function rangeWithin(inner: Range, outer: Range): boolean {
  return notAfter(outer.start, inner.start) && notAfter(inner.end, outer.end);
}

function toFinding(rule: Rule, file: string, r: Report): Finding {
  const f: Finding = { rule: rule.id, severity: r.severity ?? rule.defaultSeverity, message: r.message, file, range: r.range };
  if (r.fixes?.length) f.fixes = r.fixes;
  if (r.related?.length) f.related = r.related;
  return f;
}
