// Reading manifests from disk: sizes checked before reading, bytes decoded as UTF-8 (a BOM is
// dropped; invalid bytes become U+FFFD, which the parser treats as "not a text manifest").
import { promises as fs } from 'node:fs';
import { fileTooLargeMessage } from '../engine/parse';

export interface ReadResult {
  text?: string;
  /** Why the file could not be read, for an information finding. */
  problem?: string;
  /** The file does not exist (any more): nothing to report. */
  missing?: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export async function readManifest(path: string, maxBytes: number): Promise<ReadResult> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return { problem: 'File skipped: it is not a regular file.' }; // a FIFO would block the read forever
    if (stat.size > maxBytes) return { problem: fileTooLargeMessage(stat.size, maxBytes) };
    const bytes = await fs.readFile(path);
    if (bytes.length > maxBytes) return { problem: fileTooLargeMessage(bytes.length, maxBytes) }; // grew since stat
    return { text: decoder.decode(bytes) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const problem = `File skipped: it cannot be read (${code}).`;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { problem, missing: true } : { problem };
  }
}

/**
 * Reads files in order with up to `ahead` reads in flight, so that reading the next files overlaps
 * with analysing the current one (one read at a time left the CLI idle for a fifth of its run).
 */
export async function* readManifests(paths: readonly string[], maxBytes: number, ahead = 8): AsyncGenerator<ReadResult & { path: string }> {
  const inFlight: Array<Promise<ReadResult & { path: string }>> = [];
  let next = 0;
  const start = () => {
    const path = paths[next++] as string;
    inFlight.push(readManifest(path, maxBytes).then((r) => ({ ...r, path })));
  };
  while (next < paths.length && inFlight.length < ahead) start();
  while (inFlight.length > 0) {
    const result = await (inFlight.shift() as Promise<ReadResult & { path: string }>);
    if (next < paths.length) start();
    yield result;
  }
}
