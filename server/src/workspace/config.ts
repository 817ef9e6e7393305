// `.kube-service-lens.yaml`: the same keys as the kubeServiceLens.* settings, for the CLI and for
// teams that want one configuration in the repository.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

export const CONFIG_FILE = '.kube-service-lens.yaml';

export interface LoadedConfig {
  raw: Record<string, unknown>;
  path?: string;
  error?: string;
}

export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return { raw: {}, path: file, error: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}` };
  }
  try {
    const value: unknown = parse(text, { maxAliasCount: 50 });
    if (value === null || value === undefined) return { raw: {}, path: file };
    if (typeof value !== 'object' || Array.isArray(value)) return { raw: {}, path: file, error: `${file}: expected a mapping of settings` };
    return { raw: value as Record<string, unknown>, path: file };
  } catch (error) {
    return { raw: {}, path: file, error: `${file}: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** The config file in `dir`, if there is one. */
export async function findConfig(dir: string): Promise<string | undefined> {
  const candidate = path.join(dir, CONFIG_FILE);
  try {
    await fs.access(candidate);
    return candidate;
  } catch {
    return undefined;
  }
}
