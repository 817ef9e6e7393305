// Reading manifests from disk: sizes checked before reading, bytes decoded as UTF-8 (a BOM is
// dropped; invalid bytes become U+FFFD, which the parser treats as "not a text manifest").
import { promises as fs } from 'node:fs';

export interface ReadResult {
  text?: string;
  /** Why the file could not be read, for an information finding. */
  problem?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export async function readManifest(path: string, maxBytes: number): Promise<ReadResult> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return { problem: 'not a regular file' };
    if (stat.size > maxBytes) {
      const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);
      return { problem: `File skipped: ${mib(stat.size)} MiB is over the ${mib(maxBytes)} MiB limit (setting maxFileSizeMB); Kubernetes Service Lens does not analyse it.` };
    }
    return { text: decoder.decode(await fs.readFile(path)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { problem: `File skipped: it cannot be read (${code}).` };
  }
}
