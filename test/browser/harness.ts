/**
 * What the browser tests share: Debian's Chromium, a real Lectern server in-process, axe-core, the
 * watch for console, page and HTTP errors, screenshots. The LMS runtime tests (test/exports) use it too.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import {
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  chromium,
  type Page,
  type Response,
} from 'playwright-core';
import type { Course } from '../../src/content/model.ts';
import { type Lectern, startLectern } from '../../src/server/app.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');
export const INSTRUCTOR_KEY = 'instructor-key-for-browser-tests';
export const WAIT = { timeout: 10_000 };

export type Viewport = { width: number; height: number };
export const PHONE: Viewport = { width: 360, height: 740 };
export const LAPTOP: Viewport = { width: 1366, height: 900 };
export const HD: Viewport = { width: 1920, height: 1080 };

/** The distribution's Chromium (playwright-core downloads no browser); headless, no sandbox (containers). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/**
 * A real Lectern on a free loopback port over the SQLite file `database` (or ':memory:'); its log goes
 * to `problems`. The returned server's close() closes its store too.
 */
export async function startServerWithCourse(
  course: Course,
  options: { database: string; problems: string[]; instructorKey?: string; dataDir?: string },
): Promise<{ lectern: Lectern; store: Store }> {
  const store = openSqliteStore(options.database);
  const lectern = await startLectern({
    course,
    store,
    host: '127.0.0.1',
    port: 0,
    instructorKey: options.instructorKey ?? INSTRUCTOR_KEY,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    log: (message, error) => options.problems.push(`server: ${message} ${String(error ?? '')}`),
  });
  const close = lectern.close.bind(lectern);
  lectern.close = async () => {
    await close();
    await store.close();
  };
  return { lectern, store };
}

/** A JSON call to the server's API with a bearer token; anything but 2xx fails the test. */
export async function api<T>(
  lectern: Lectern,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${lectern.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return (await response.json()) as T;
}

/** What `POST /api/sessions` answers. */
export interface CreatedSession {
  sessionId: string;
  code: string;
  presenterToken: string;
  presenterUrl: string;
  projectorUrl: string;
}

/** Creates a live session as the preparation page does, with the instructor key. */
export function createSession(lectern: Lectern, settings: object = {}): Promise<CreatedSession> {
  return api<CreatedSession>(lectern, 'POST', '/api/sessions', INSTRUCTOR_KEY, settings);
}

export interface WatchOptions {
  /** Console messages that are expected here, not problems. */
  expectedConsole?: (message: ConsoleMessage) => boolean;
  /** HTTP errors that are expected here; `false`: HTTP statuses are not watched at all. */
  expectedResponse?: ((response: Response) => boolean) | false;
  /** The LMS trackers report what they had to work around as `lectern:` console lines: problems too. */
  trackerWarnings?: boolean;
}

/** Pushes the page's console errors, uncaught errors and HTTP errors (≥ 400) to `problems`. */
export function watchErrors(page: Page, problems: string[], label: string, options: WatchOptions = {}): void {
  const { expectedConsole = () => false, expectedResponse = () => false, trackerWarnings = false } = options;
  page.on('console', (message) => {
    if (expectedConsole(message)) return;
    if (message.type() === 'error' || (trackerWarnings && message.text().startsWith('lectern:'))) {
      problems.push(`${label}: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`${label}: ${error.message}`));
  if (expectedResponse === false) return;
  page.on('response', (response) => {
    if (response.status() >= 400 && !expectedResponse(response)) {
      problems.push(`${label}: ${response.status()} ${response.url()}`);
    }
  });
}

/**
 * Opens each view in a browser context of its own (a device of its own), watched for errors, dialogs
 * accepted. closeAll() before the server stops, so that the pages do not try to reconnect.
 */
export function deviceOpener(browser: Browser, problems: string[]) {
  let contexts: BrowserContext[] = [];
  return {
    async open(url: string, viewport: Viewport, label: string): Promise<Page> {
      const context = await browser.newContext({ viewport, locale: 'en-GB' });
      const page = await context.newPage();
      contexts.push(context);
      // Chromium asks every server for /favicon.ico, which Lectern does not serve.
      watchErrors(page, problems, label, {
        expectedConsole: (message) => message.location().url.endsWith('/favicon.ico'),
      });
      page.on('dialog', (dialog) => void dialog.accept());
      await page.goto(url);
      return page;
    },
    async closeAll(): Promise<void> {
      await Promise.all(contexts.map((c) => c.close()));
      contexts = [];
    },
  };
}

export interface BrowserSuite {
  /** A temporary directory of the test file's own (for its databases), removed after the tests. */
  readonly directory: string;
  /** The console, page and server errors seen: the tests assert that there are none. */
  readonly problems: string[];
  /** Chromium, launched before the tests. */
  readonly browser: Browser;
  /** Opens views on devices of their own, watched into `problems` (deviceOpener). */
  readonly devices: ReturnType<typeof deviceOpener>;
  /** Runs `close` after the tests, once Chromium is closed and before the directory is removed. */
  atEnd(close: () => Promise<void>): void;
  /** startServerWithCourse over the SQLite file `directory`/`file`, its log into `problems`. */
  serve(
    course: Course,
    file: string,
    options?: { instructorKey?: string; dataDir?: string },
  ): Promise<{ lectern: Lectern; store: Store }>;
}

/**
 * A browser test file's set-up: registers the before hook that launches Chromium and the after hook
 * that closes it, runs what atEnd() was given and removes the temporary directory (`prefix`…).
 */
export function browserSuite(prefix: string): BrowserSuite {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  const problems: string[] = [];
  const closes: (() => Promise<void>)[] = [];
  let browser: Browser | undefined;
  let opener: ReturnType<typeof deviceOpener> | undefined;
  before(async () => {
    browser = await launchChromium();
    opener = deviceOpener(browser, problems);
  });
  after(async () => {
    await browser?.close();
    for (const close of closes) await close();
    rmSync(directory, { recursive: true, force: true });
  });
  const launched = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('Chromium is launched in the before hook of browserSuite()');
    return value;
  };
  return {
    directory,
    problems,
    get browser() {
      return launched(browser);
    },
    devices: {
      open: (url, viewport, label) => launched(opener).open(url, viewport, label),
      closeAll: () => launched(opener).closeAll(),
    },
    atEnd(close) {
      closes.push(close);
    },
    serve(course, file, options = {}) {
      return startServerWithCourse(course, { database: join(directory, file), problems, ...options });
    },
  };
}

const axeSource = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[];
}

/**
 * axe-core with the WCAG 2.0/2.1 A and AA and 2.2 AA rules: no violations. `page.addScriptTag` would
 * insert axe as an inline script, which the pages' Content-Security-Policy (script-src 'self') rightly
 * refuses; the same file is evaluated through the DevTools protocol instead, which CSP does not govern,
 * so the pages are checked under their real policy.
 */
export async function runAxe(page: Page, label: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axeRun = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResult> } }).axe;
    const result = await axeRun.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
  assert.deepEqual(violations, [], `${label}: ${JSON.stringify(violations, null, 2)}`);
}

/** Saves artifacts/screenshots/<name>.png, at `viewport` if given (then back to the page's own). */
export async function screenshot(
  page: Page,
  name: string,
  options: { viewport?: Viewport; fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const previous = page.viewportSize();
  if (options.viewport) await page.setViewportSize(options.viewport);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? false });
  if (options.viewport && previous) await page.setViewportSize(previous);
}

/** Waits for `selector` to show `text`; on a timeout the error carries the start of the page's <main>. */
export async function waitText(page: Page, selector: string, text: string | RegExp): Promise<void> {
  try {
    await page.locator(selector).filter({ hasText: text }).first().waitFor(WAIT);
  } catch (error) {
    const html = await page.evaluate(() => document.querySelector('main')?.outerHTML.slice(0, 4000));
    throw new Error(`${selector} never showed ${String(text)}; page: ${html}`, { cause: error });
  }
}

/** The views' element ids (src/views/shared/dom.ts domId). */
export function domId(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replace(/[^\w-]/g, '_')).join('-');
}

/**
 * Moves an order activity's items (public indices) into `order` with their "Move up" buttons; whether
 * any item had to move.
 */
export async function putInOrder(page: Page, name: string, order: readonly number[]): Promise<boolean> {
  let moved = false;
  for (const [position, item] of order.entries()) {
    for (;;) {
      const current = await page.locator(`#${domId(name, 'up', item)}`).evaluate((b) => {
        const li = b.closest('li');
        return li ? [...(li.parentElement?.children ?? [])].indexOf(li) : -1;
      });
      if (current <= position) break;
      await page.click(`#${domId(name, 'up', item)}`);
      moved = true;
    }
  }
  return moved;
}

/** Joins a live session on a phone page. */
export async function joinSession(page: Page, name: string, contingent: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Contingent or organisation (optional)').fill(contingent);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await waitText(page, '.who', `Joined as ${name}`);
}
