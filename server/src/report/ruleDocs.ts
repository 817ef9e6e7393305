// Where a rule's documentation is: docs/rules/<id>.md of the package, as a file URL, for the
// editor's diagnostics (codeDescription) and the CLI's SARIF (helpUri).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** This code runs bundled into server/out/server.js or server/out/cli.js: the package root is two folders up. */
const DOCS_DIR = path.resolve(__dirname, '..', '..', 'docs', 'rules');

const hrefs = new Map<string, string>();

/** `file:///…/docs/rules/<rule>.md`. */
export function ruleDocHref(rule: string): string {
  let href = hrefs.get(rule);
  if (href === undefined) hrefs.set(rule, (href = pathToFileURL(path.join(DOCS_DIR, `${rule}.md`)).href));
  return href;
}
