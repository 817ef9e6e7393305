// kube-service-lens: the editor's engine as a command-line linter for CI.
//   node server/out/cli.js [--format text|json|sarif] [--config FILE] PATH...
// Exit code: 1 when any error-severity finding exists, 0 otherwise, 2 on bad usage.
import { ALL_RULES } from './engine/rules';
import { normalizeSettings, SettingsProblem } from './engine/settings';
import { formatJson, formatSarif, formatText } from './report/formats';
import { ruleDocHref } from './report/ruleDocs';
import { findConfig, loadConfigFile } from './workspace/config';
import { collectFiles, lintFiles } from './workspace/lintPaths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require('../../package.json').version;

const USAGE = `Usage: kube-service-lens [--format text|json|sarif] [--config FILE] PATH...

Lints Kubernetes Service manifests and the workloads they select. PATH is a file, a folder
(searched for *.yaml and *.yml) or - for standard input. All paths form one workspace.

Options:
  --format text|json|sarif   output format (default: text)
  --config FILE              settings file (default: .kube-service-lens.yaml in the current folder)
  --version                  print the version
  -h, --help                 print this help

Exit code: 1 when an error-severity finding exists, 0 otherwise, 2 on bad usage.`;

type Format = 'text' | 'json' | 'sarif';

interface Args {
  format: Format;
  config?: string;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const args: Args = { format: 'text', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '-h' || flag === '--help') return 'help';
    if (flag === '--version') return 'version';
    if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format "${f}" (expected text, json or sarif)`);
      args.format = f;
    } else if (flag === '--config') args.config = value();
    else if (flag === '--') {
      args.paths.push(...argv.slice(i + 1));
      break;
    } else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new UsageError('no PATH given');
  return args;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

export async function main(argv: string[]): Promise<number> {
  let args: Args | 'help' | 'version';
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kube-service-lens: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }

  const configPath = args.config ?? (await findConfig(process.cwd()));
  let rawSettings: Record<string, unknown> = {};
  if (configPath) {
    const loaded = await loadConfigFile(configPath);
    if (loaded.error) {
      process.stderr.write(`kube-service-lens: ${loaded.error}\n`);
      return 2;
    }
    rawSettings = loaded.raw;
  }
  const problems: SettingsProblem[] = [];
  const settings = normalizeSettings(rawSettings, problems);
  for (const p of problems) process.stderr.write(`kube-service-lens: config: ${p.message}\n`);

  // Resolve every PATH first so that a typo is a usage error, not an empty report.
  const collected = await collectFiles(args.paths, settings.exclude, (p, problem) => process.stderr.write(`kube-service-lens: skipped ${p}: ${problem}\n`));
  if (collected.missing !== undefined) {
    process.stderr.write(`kube-service-lens: ${collected.missing}: no such file or folder\n`);
    return 2;
  }
  const stdinText = args.paths.includes('-') ? await readStdin() : undefined;
  const { findings, fileCount } = await lintFiles(collected.files, stdinText, settings, (rule, file, error) =>
    process.stderr.write(`kube-service-lens: internal error in rule ${rule} on ${file}: ${String(error)}\n`),
  );

  const out =
    args.format === 'json'
      ? formatJson(findings)
      : args.format === 'sarif'
        ? formatSarif(findings, ALL_RULES, VERSION, ruleDocHref)
        : formatText(findings, fileCount);
  await writeOut(`${out}\n`);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** Writes all of stdout before the process exits, even when it is a slow pipe. */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`kube-service-lens: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
