import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from the compiled test's location (build/test/...). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'kube-service-lens') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
}

export function repoPath(...parts: string[]): string {
  return path.join(repoRoot(), ...parts);
}
