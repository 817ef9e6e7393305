// One spelling per file: the client's URIs and the ones built from scanned paths are normalised
// through Node's URL round trip, so a file is never indexed twice under two spellings.
import { fileURLToPath, pathToFileURL } from 'node:url';

export function normalizeUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
