// Where the end-to-end tools are and where a run keeps its state. scripts/e2e/setup.sh installs the
// tools and prints their paths as KSL_E2E_* variables; the harness passes them on to its children
// through the environment, so the "VS Code executable" shim finds them without a second lookup.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoPath } from '../../support/repo';

export interface Tools {
  /** Node 24 binary (code-server refuses older Node). */
  node24: string;
  /** code-server's entry script, run with node24. */
  codeServer: string;
  /** Debian's Chromium. */
  chromium: string;
}

export const TOOL_VARS = ['KSL_E2E_NODE24', 'KSL_E2E_CODE_SERVER', 'KSL_E2E_CHROMIUM'] as const;

/** The tools from the environment, or a sentence saying which are missing. */
export function toolsFromEnv(env: NodeJS.ProcessEnv = process.env): Tools | string {
  const missing = TOOL_VARS.filter((k) => !env[k] || !fs.existsSync(env[k]!));
  if (missing.length > 0) return `not available: ${missing.join(', ')} (run scripts/e2e/setup.sh)`;
  return { node24: env.KSL_E2E_NODE24!, codeServer: env.KSL_E2E_CODE_SERVER!, chromium: env.KSL_E2E_CHROMIUM! };
}

/** Root of this run's state (git-ignored): user data, workspaces, logs, browser profiles. */
export function runRoot(): string {
  return process.env.KSL_E2E_RUN_DIR ?? repoPath('.e2e', 'run');
}

/** A fresh, empty folder under the run root. */
export function freshDir(...parts: string[]): string {
  const dir = path.join(runRoot(), ...parts);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Environment for every process the harness starts: config, data, state and caches of code-server,
 * Chromium and Neovim go under the run root instead of $HOME; no marketplace traffic leaves the box.
 */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const xdg = path.join(runRoot(), 'xdg');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_STATE_HOME: path.join(xdg, 'state'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    XDG_RUNTIME_DIR: path.join(xdg, 'runtime'),
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
    ...extra,
  };
  for (const k of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME', 'XDG_RUNTIME_DIR'] as const) {
    fs.mkdirSync(env[k]!, { recursive: true, mode: 0o700 });
  }
  return env;
}

/** Workbench settings for a quiet, deterministic session: no telemetry, tips, updates or AI panels. */
export const WORKBENCH_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'editor.minimap.enabled': false,
  // The sticky header would cover the line right below a `spec:` that the tests click on.
  'editor.stickyScroll.enabled': false,
  'editor.hover.above': false, // tall hovers (the routing preview) open below the line, where there is room
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.autoSave': 'off',
};

export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify({ ...WORKBENCH_SETTINGS, ...extra }, null, 2));
}
