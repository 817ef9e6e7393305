// What the CLI does between its arguments and its output, as functions: find the manifests
// under the given paths, read and lint them as one workspace. The fuzzer runs the same code.
import { promises as fs } from 'node:fs';
import { Linter } from '../engine/linter';
import type { Settings } from '../engine/settings';
import type { Finding } from '../engine/types';
import { compareRanges } from '../engine/types';
import { readManifests } from './files';
import { scanFolder } from './scan';

export interface CollectedFiles {
  files: string[];
  /** A path that does not exist (a usage error). */
  missing?: string;
}

/** The manifest files of the given paths: files as given, folders scanned; `-` is left to the caller. */
export async function collectFiles(paths: readonly string[], exclude: readonly string[], onProblem?: (path: string, problem: string) => void): Promise<CollectedFiles> {
  const files: string[] = [];
  for (const p of paths) {
    if (p === '-') continue;
    let stat;
    try {
      stat = await fs.stat(p);
    } catch {
      return { files, missing: p };
    }
    if (stat.isDirectory()) files.push(...(await scanFolder(p, { exclude, ...(onProblem ? { onProblem } : {}) })));
    else files.push(p);
  }
  return { files: [...new Set(files)] };
}

export interface LintRun {
  findings: Finding[];
  /** Files looked at, skipped ones included. */
  fileCount: number;
}

/**
 * Lints files (and standard input's text, as `<stdin>`) as one workspace. A file that cannot be
 * read is one information finding, as in the editor; findings are sorted by file and position.
 */
export async function lintFiles(
  files: readonly string[],
  stdinText: string | undefined,
  settings: Settings,
  onRuleError: (rule: string, file: string, error: unknown) => void,
): Promise<LintRun> {
  // No per-document limit here: it exists to keep the editor responsive, and CI can wait.
  const linter = new Linter({ ...settings, limits: { ...settings.limits, maxDocumentBytes: Infinity } }, { onRuleError });
  // Every file's findings are asked for once all are loaded: no need to work out dependents per file.
  const bulk = { dependents: false };
  for await (const read of readManifests(files, settings.limits.maxFileBytes)) {
    if (read.text !== undefined) linter.update(read.path, read.text, bulk);
    else linter.skip(read.path, read.problem ?? 'File skipped.', bulk);
  }
  if (stdinText !== undefined) linter.update('<stdin>', stdinText, bulk);

  const findings: Finding[] = [];
  let fileCount = 0;
  for (const file of linter.files()) {
    fileCount++;
    findings.push(...linter.findings(file));
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || compareRanges(a.range, b.range));
  return { findings, fileCount };
}
