// The real-world corpus in ../shared/corpus (not part of the repo) linted as the reviewed truth
// scopes it: a Service may select workloads of the same repo and directory, and in the fixture
// directories of kube-linter and kube-score only of the same file. Each scope group is linted as
// its own workspace (one Linter per group).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Linter } from '../../server/src/engine/linter';
import { normalizeSettings } from '../../server/src/engine/settings';
import type { Finding } from '../../server/src/engine/types';
import { repoRoot } from './repo';

export const CORPUS_DIR = path.join(repoRoot(), '..', 'shared', 'corpus');

export interface TruthWorkloadRef {
  kind: string;
  name: string | null;
  namespace: string | null;
  file: string;
  doc_index: number;
  item_index?: number | null;
}

export interface TruthService {
  id: string;
  file: string;
  doc_index: number;
  item_index: number | null;
  namespace: string | null;
  name: string;
  type: string;
  selector: Record<string, unknown> | null;
  selects: TruthWorkloadRef[];
  linter_expectation: string;
  review: { verdict: string };
}

export interface Truth {
  scope_rule: string;
  file_scope_dirs: string[];
  services: TruthService[];
  statefulset_serviceName_findings: Array<{ statefulset: string; file: string; doc_index: number; serviceName: string; issue: string }>;
}

export function corpusAvailable(): boolean {
  return fs.existsSync(path.join(CORPUS_DIR, 'truth.json'));
}

export function loadTruth(): Truth {
  return JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'truth.json'), 'utf8')) as Truth;
}

/** Corpus-relative paths (forward slashes) of every *.yaml / *.yml file. */
export function manifestFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push(path.relative(CORPUS_DIR, p).split(path.sep).join('/'));
    }
  };
  walk(CORPUS_DIR);
  return out;
}

/** The scope group of a file under the truth's rule: its directory, or the file itself in fixture directories. */
export function scopeOf(file: string, fileScopeDirs: readonly string[]): string {
  const dir = path.posix.dirname(file);
  return fileScopeDirs.includes(dir) ? file : dir;
}

export interface CorpusRun {
  findings: Finding[];
  /** The Linter that holds each file (one per scope group). */
  linterOf: Map<string, Linter>;
  groups: number;
}

export function lintCorpus(truth: Truth): CorpusRun {
  const groups = new Map<string, string[]>();
  for (const f of manifestFiles()) {
    const key = scopeOf(f, truth.file_scope_dirs);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(f);
  }
  const findings: Finding[] = [];
  const linterOf = new Map<string, Linter>();
  for (const files of groups.values()) {
    const linter = new Linter(normalizeSettings({}), {
      onRuleError: (rule, file, error) => {
        throw new Error(`rule ${rule} threw on ${file}: ${(error as Error).stack ?? String(error)}`);
      },
    });
    for (const f of files) {
      linter.update(f, fs.readFileSync(path.join(CORPUS_DIR, f), 'utf8'));
      linterOf.set(f, linter);
    }
    for (const f of files) findings.push(...linter.findings(f));
  }
  return { findings, linterOf, groups: groups.size };
}
