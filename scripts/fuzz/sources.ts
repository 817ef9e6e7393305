// The texts the fuzzer mutates: the bundled examples, the rule fixtures and, when it is there,
// the shared corpus of real manifests (../shared/corpus).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoPath } from '../../test/support/repo';
import type { Source } from './mutate';

/** Larger files are left out: a case must stay well under the 2 s limit on a busy machine. */
const MAX_SOURCE_BYTES = 200 * 1024;

export interface Sources {
  sources: Source[];
  /** Why a source folder was left out. */
  notes: string[];
}

export function loadSources(): Sources {
  const notes: string[] = [];
  const sources: Source[] = [];
  const add = (root: string, label: string) => {
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile() && /\.ya?ml$/i.test(e.name) && fs.statSync(p).size <= MAX_SOURCE_BYTES) {
          sources.push({ name: `${label}/${path.relative(root, p)}`, text: fs.readFileSync(p, 'utf8') });
        }
      }
    };
    walk(root);
  };
  add(repoPath('examples'), 'examples');
  add(repoPath('test', 'fixtures'), 'fixtures');
  const corpus = path.resolve(repoPath(), '..', 'shared', 'corpus');
  if (fs.existsSync(corpus)) add(corpus, 'corpus');
  else notes.push(`${corpus} not found: the corpus is not used as a source`);
  return { sources, notes };
}
