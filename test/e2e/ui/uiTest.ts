// Harness A: the packaged extension as a user meets it. The .vsix is installed with
// `code-server --install-extension` into an empty extensions folder, a copy of the examples is opened
// in the workbench (headless Chromium), and Playwright looks at what a person would see: the
// squiggle under the wrong value, the Problems panel entry with its rule id, the hover with the
// routing preview, a quick fix applied from Ctrl+. (the lightbulb's menu). Screenshots of these go
// to docs/images/ for the README.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { BROKEN_SERVICES, BROKEN_SERVICES_FINDINGS, locate, SEED, SEED_ROUTING } from '../expectations';
import { launchBrowser } from '../harness/browser';
import { installExtension, startCodeServer } from '../harness/codeServer';
import type { StepResult } from '../harness/results';
import { serverCapabilities } from '../harness/serverProbe';
import { freshDir, Tools } from '../harness/tools';
import { repoPath } from '../../support/repo';

const EXTENSION_FOLDER = /^kube-service-lens\.kube-service-lens-/;

export async function runUiTests(tools: Tools, vsix: string, screenshotDir = repoPath('docs', 'images')): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const t0 = Date.now();
  const say = (m: string) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  const pass = (name: string, detail: string) => {
    results.push({ name, status: 'passed', detail });
    say(`PASS ${name}: ${detail}`);
  };

  const run = freshDir('ui');
  const userDataDir = path.join(run, 'user-data');
  const extensionsDir = path.join(run, 'extensions');
  const workspace = path.join(run, 'workspace');
  fs.mkdirSync(workspace);
  for (const f of [BROKEN_SERVICES, SEED]) fs.copyFileSync(repoPath('examples', f), path.join(workspace, f));
  fs.mkdirSync(screenshotDir, { recursive: true });

  // 1. Install the .vsix the way a user would.
  const installOutput = installExtension(tools, { userDataDir, extensionsDir }, vsix);
  const installed = fs.readdirSync(extensionsDir).find((d) => EXTENSION_FOLDER.test(d));
  if (!installed) throw new Error(`the .vsix did not install into ${extensionsDir}:\n${installOutput}`);
  pass('install the .vsix with code-server --install-extension', `${path.basename(vsix)} → ${installed}`);
  const caps = await serverCapabilities(path.join(extensionsDir, installed, 'server', 'out', 'server.js'));

  const server = await startCodeServer(tools, { userDataDir, extensionsDir, logFile: path.join(run, 'code-server.log') });
  say(`code-server up at ${server.origin}`);
  const browser = await launchBrowser(tools.chromium, path.join(run, 'chromium-profile'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(60_000); // generous: CI machines are small and shared
  let current = 'open the workspace';
  try {
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    say('workbench visible');

    current = 'squiggle under the wrong value';
    const brokenText = fs.readFileSync(path.join(workspace, BROKEN_SERVICES), 'utf8');
    const typeFinding = BROKEN_SERVICES_FINDINGS.find((f) => f.rule === 'service-type')!;
    await openFile(page, BROKEN_SERVICES, typeFinding.line);
    const typeToken = token(page, typeFinding.line, typeFinding.text);
    await waitForSquiggleUnder(page, typeToken, 90_000);
    pass(current, `error squiggle under "${typeFinding.text}"`);

    current = 'Problems panel entry with its rule id';
    await page.keyboard.press('Control+Shift+M');
    const at = locate(brokenText, typeFinding.line, typeFinding.text);
    const wanted = [typeFinding.rule, `Ln ${at.line + 1}, Col ${at.start + 1}`, 'kube-service-lens'];
    const rowText = await waitForRow(page, '.markers-panel .monaco-list-row', wanted, 30_000);
    const rows = await page.locator('.markers-panel .monaco-list-row', { hasText: 'kube-service-lens' }).count();
    pass(current, `${rowText} (${rows} entries from kube-service-lens)`);

    current = 'hover on the squiggle shows the diagnostic';
    const markerHover = await hoverUntil(page, typeToken, 'Unsupported value');
    await page.screenshot({ path: path.join(screenshotDir, 'diagnostic.png') });
    pass(current, `${squash(await markerHover.innerText()).slice(0, 120)}… → docs/images/diagnostic.png`);

    current = 'hover with the routing preview';
    if (!caps.hoverProvider) throw new Error('the packaged server announces no hoverProvider');
    {
      await page.keyboard.press('Escape');
      await hidePanel(page); // room for the preview
      await openFile(page, SEED, 'name: service-backend');
      const name = token(page, 'name: service-backend', 'service-backend');
      const hover = await hoverUntil(page, name, SEED_ROUTING[0]!);
      const text = squash(await hover.innerText());
      const lacking = SEED_ROUTING.filter((s) => !text.includes(s));
      if (lacking.length) throw new Error(`the routing preview lacks ${JSON.stringify(lacking)}: ${text}`);
      await page.screenshot({ path: path.join(screenshotDir, 'hover.png') });
      pass(current, `${text.slice(0, 120)}… → docs/images/hover.png`);
    }

    current = 'quick fix from Ctrl+. applied';
    if (!caps.codeActionProvider) throw new Error('the packaged server announces no codeActionProvider');
    {
      await page.keyboard.press('Escape');
      await openFile(page, BROKEN_SERVICES, typeFinding.line);
      await page.mouse.move(0, 0);
      const item = await openQuickFixMenu(page, typeToken, 'NodePort');
      const title = squash(await item.innerText());
      await page.screenshot({ path: path.join(screenshotDir, 'quickfix.png') });
      await item.click();
      const fixed = token(page, 'type: NodePort', 'NodePort');
      await fixed.waitFor({ timeout: 15_000 });
      await waitForNoSquiggleUnder(page, fixed, 20_000);
      await page.keyboard.press('Control+Shift+M');
      const remaining = BROKEN_SERVICES_FINDINGS.filter((f) => f.rule !== typeFinding.rule);
      await waitForRow(page, '.markers-panel .monaco-list-row', [remaining[0]!.rule], 20_000);
      for (let waited = 0; ; waited += 250) {
        const stale = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).filter((t) => t.includes(typeFinding.rule));
        if (stale.length === 0) break;
        if (waited > 20_000) throw new Error(`the Problems panel still lists ${typeFinding.rule}: ${stale.map(squash).join(' | ')}`);
        await page.waitForTimeout(250);
      }
      pass(current, `"${title}" → the line reads "type: NodePort", its squiggle and Problems entry are gone → docs/images/quickfix.png`);
    }
  } catch (error) {
    const shot = path.join(run, 'failure.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    results.push({ name: current, status: 'failed', detail: `${error instanceof Error ? error.message : String(error)} (screenshot: ${shot}, code-server log: ${server.logFile})` });
    say(`FAIL ${current}: ${results.at(-1)!.detail}`);
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
  return results;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Opens a file from the Explorer (double-click: a pinned editor), then waits until `line` is on screen. */
async function openFile(page: Page, name: string, line: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().dblclick();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await page.locator('.editor-instance .monaco-editor .view-line', { hasText: line }).first().waitFor();
}

/**
 * Puts the cursor on the token and opens the quick-fix menu, with Ctrl+. or by clicking the lightbulb
 * (alternating: a keypress that lands before the code actions are computed shows nothing).
 */
async function openQuickFixMenu(page: Page, target: Locator, label: string): Promise<Locator> {
  const item = page.locator('.action-widget .monaco-list-row', { hasText: label }).first();
  for (let attempt = 1; ; attempt++) {
    await target.click();
    const bulb = page.locator('.monaco-editor .lightBulbWidget').first();
    if (attempt % 2 === 0 && (await bulb.isVisible())) await bulb.click();
    else await page.keyboard.press('Control+.');
    try {
      await item.waitFor({ timeout: 10_000 });
      return item;
    } catch (error) {
      if (attempt === 4) throw new Error(`no quick fix "${label}" in the menu after ${attempt} tries: ${(error as Error).message}`);
      await page.keyboard.press('Escape');
    }
  }
}

/** Hides the bottom panel (Ctrl+J toggles it) when it is open. */
async function hidePanel(page: Page): Promise<void> {
  const panel = page.locator('.part.panel.bottom');
  if (!(await panel.isVisible())) return;
  await page.keyboard.press('Control+J');
  await panel.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/** Waits for a list row whose text contains every string of `wanted`; returns its text. */
async function waitForRow(page: Page, selector: string, wanted: string[], timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  for (;;) {
    seen = (await page.locator(selector).allInnerTexts()).map(squash);
    const hit = seen.find((t) => wanted.every((w) => t.includes(w)));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no row with ${JSON.stringify(wanted)} in ${selector}; rows: ${JSON.stringify(seen)}`);
    await page.waitForTimeout(250);
  }
}

/** The editor's token span showing `text`, on the rendered line that contains `line`. */
function token(page: Page, line: string, text: string): Locator {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page
    .locator('.monaco-editor .view-line', { hasText: line })
    .locator('span > span', { hasText: new RegExp(`^\\s*${escaped}\\s*$`) })
    .first();
}

/** Whether an error squiggle is drawn under the token (squiggles live in an overlay layer). */
async function squiggleUnder(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  if (!box) return false;
  for (const squiggle of await page.locator('.monaco-editor .squiggly-error').all()) {
    const s = await squiggle.boundingBox();
    if (!s) continue;
    const sameLine = s.y < box.y + box.height && s.y + s.height > box.y;
    const overlaps = s.x < box.x + box.width && s.x + s.width > box.x;
    if (sameLine && overlaps) return true;
  }
  return false;
}

async function waitForSquiggleUnder(page: Page, target: Locator, timeoutMs: number): Promise<void> {
  await target.waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  while (!(await squiggleUnder(page, target))) {
    if (Date.now() > deadline) throw new Error(`no error squiggle under "${await target.innerText()}" after ${timeoutMs / 1000} s`);
    await page.waitForTimeout(200);
  }
}

async function waitForNoSquiggleUnder(page: Page, target: Locator, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await squiggleUnder(page, target)) {
    if (Date.now() > deadline) throw new Error(`the squiggle under "${await target.innerText()}" is still there after ${timeoutMs / 1000} s`);
    await page.waitForTimeout(200);
  }
}

/** Moves the mouse onto the token until a hover containing `text` shows (hovers can need a second try). */
async function hoverUntil(page: Page, target: Locator, text: string): Promise<Locator> {
  const hover = page.locator('.monaco-hover', { hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(0, 0);
    await target.hover();
    try {
      await hover.waitFor({ state: 'visible', timeout: 5_000 });
      return hover;
    } catch (error) {
      if (attempt === 5) throw new Error(`no hover containing ${JSON.stringify(text)} after ${attempt} tries: ${(error as Error).message}`);
    }
  }
}
