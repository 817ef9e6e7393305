// Headless Debian Chromium through playwright-core (which downloads no browser of its own), with a
// fresh profile per run and everything that would phone home switched off.
import * as fs from 'node:fs';
import { BrowserContext, chromium } from 'playwright-core';
import { isolatedEnv } from './tools';

export const VIEWPORT = { width: 1280, height: 800 };

export async function launchBrowser(executablePath: string, profileDir: string): Promise<BrowserContext> {
  fs.mkdirSync(profileDir, { recursive: true });
  // Playwright refuses --user-data-dir in args: launchPersistentContext(profileDir) passes it.
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    viewport: VIEWPORT,
    timeout: 60_000,
    env: isolatedEnv() as Record<string, string>,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
    ],
  });
}
