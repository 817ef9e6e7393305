// One fuzz case: a small workspace of mutated manifests (usually one file), derived only from
// the run's seed and the case number.
import { damageBytes, mutate, Source } from './mutate';
import { Rng } from './rng';

export interface CaseFile {
  /** Path relative to the case's workspace folder. */
  name: string;
  text: string;
  /** Set when the file's bytes were damaged (invalid UTF-8, NUL): what goes to disk. */
  bytes?: Buffer;
}

export interface FuzzCase {
  index: number;
  files: CaseFile[];
  /** Settings as a `.kube-service-lens.yaml` would give them. */
  settings: Record<string, unknown>;
  /** What was done, for the failure report. */
  steps: string[];
  /** Add a symlink from the workspace to itself (the folder scan must not loop). */
  symlinkLoop: boolean;
}

const SETTINGS: Array<Record<string, unknown>> = [
  { maxDocuments: 2 },
  { maxFileSizeMB: 0.1 },
  { nodePortRange: '1-65535', serviceCIDRs: ['fd00:10:96::/108', '10.0.0.0/8'] },
  { defaultNamespace: 'other', rules: { 'service-type': 'off', 'yaml-syntax': 'hint' } },
];

/** Cases are built from `sources`; `bytes` allows byte-level damage (files on disk only). */
export function makeCase(seed: number, index: number, sources: readonly Source[], options: { bytes: boolean; stream?: number }): FuzzCase {
  const rng = Rng.forCase(seed, index, options.stream ?? 0);
  const count = rng.chance(0.75) ? 1 : 2 + rng.int(2);
  const files: CaseFile[] = [];
  const steps: string[] = [];
  for (let i = 0; i < count; i++) {
    const source = rng.pick(sources);
    const { text, steps: done } = mutate(source.text, rng, sources);
    const name = i === 0 ? 'a.yaml' : `dir${i}/f${i}.yml`;
    steps.push(`${name} <- ${source.name}: ${done.join('; ')}`);
    const file: CaseFile = { name, text };
    if (options.bytes && rng.chance(0.04)) {
      const { bytes, step } = damageBytes(Buffer.from(text, 'utf8'), rng);
      file.bytes = bytes;
      steps.push(`${name}: ${step}`);
    }
    files.push(file);
  }
  const settings = rng.chance(0.1) ? rng.pick(SETTINGS) : {};
  if (Object.keys(settings).length > 0) steps.push(`settings ${JSON.stringify(settings)}`);
  const symlinkLoop = options.bytes && rng.chance(0.03);
  if (symlinkLoop) steps.push('symlink loop');
  return { index, files, settings, steps, symlinkLoop };
}
