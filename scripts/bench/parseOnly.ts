// The benchmark's baseline: find, read and parse the same files the CLI lints, with the CLI's own
// folder scan and file reading, and yaml.parseAllDocuments with its default options — nothing else.
//   node build/scripts/bench/parseOnly.js FOLDER
import { parseAllDocuments } from 'yaml';
import { readManifests } from '../../server/src/workspace/files';
import { scanFolder } from '../../server/src/workspace/scan';

const MAX_BYTES = 8 * 1024 * 1024;

export async function parseOnly(folder: string): Promise<{ files: number; documents: number }> {
  const files = await scanFolder(folder);
  let documents = 0;
  for await (const { text } of readManifests(files, MAX_BYTES)) {
    if (text === undefined) continue;
    const docs = parseAllDocuments(text);
    documents += Array.isArray(docs) ? docs.length : 0;
  }
  return { files: files.length, documents };
}

if (require.main === module) {
  const folder = process.argv[2];
  if (!folder) {
    process.stderr.write('usage: parseOnly FOLDER\n');
    process.exit(2);
  }
  parseOnly(folder).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
