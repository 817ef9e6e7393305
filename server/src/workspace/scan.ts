// Finds the YAML manifests under a folder: *.yaml and *.yml, skipping node_modules, .git and
// configured excludes, never following a symlink into a loop, never failing on one bad entry.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { compileGlob, matchesAny } from './glob';

export const ALWAYS_EXCLUDED = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isManifestName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

export interface ScanOptions {
  exclude?: readonly string[];
  /** Stop after this many files (a runaway workspace must not exhaust memory). */
  maxFiles?: number;
  /** Told about folders and files that could not be read. */
  onProblem?: (path: string, problem: string) => void;
}

export async function scanFolder(root: string, options: ScanOptions = {}): Promise<string[]> {
  const patterns = (options.exclude ?? []).map(compileGlob);
  const maxFiles = options.maxFiles ?? 100_000;
  const out: string[] = [];
  const seen = new Set<string>();

  async function walk(dir: string): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (error) {
      options.onProblem?.(dir, (error as NodeJS.ErrnoException).code ?? 'unreadable');
      return;
    }
    if (seen.has(real)) return; // a symlink back into a folder already walked
    seen.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      options.onProblem?.(dir, (error as NodeJS.ErrnoException).code ?? 'unreadable');
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= maxFiles) return;
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (ALWAYS_EXCLUDED.has(e.name) || matchesAny(rel, patterns)) continue;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = await fs.stat(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          options.onProblem?.(full, 'broken symlink');
          continue;
        }
      }
      if (isDir) await walk(full);
      else if (isFile && isManifestName(e.name)) out.push(full);
    }
  }

  await walk(root);
  return out;
}
