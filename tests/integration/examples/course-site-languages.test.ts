/**
 * The course-site demo (dispatcher/demo) offers, for the open problem, only the languages its problem view
 * lists (problem.yaml's `languages`) among those some executor serves: the others are listed but cannot be
 * chosen. Headless Chromium against the demo's files; the juez API is answered by the test (page.route), as
 * the problem view and the language list are all this is about (course-site.test.ts runs the real thing).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite } from './demo-site.js';

const CHROMIUM = '/usr/bin/chromium';

const LANGUAGES = [
  { id: 'c', name: 'C', extensions: ['.c'], available: true, version: '12.2.0' },
  { id: 'cpp', name: 'C++17', extensions: ['.cpp'], available: true, version: '12.2.0' },
  { id: 'python', name: 'Python 3', extensions: ['.py'], available: true, version: '3.11.2' },
  { id: 'java', name: 'Java 17', extensions: ['.java'], available: true, version: '17.0.19' },
  { id: 'pypy3', name: 'Python 3 (PyPy)', extensions: [], available: false },
];
const problem = (id: string, languages: string[]) => ({
  id,
  courseId: 'c1',
  name: id,
  latestVersion: 1,
  version: 1,
  type: 'pass-fail',
  limits: { timeMs: 1000, memoryMb: 256, outputKb: 8192, codeKb: 128 },
  languages,
  samples: [],
});
/** What the fake juez answers, by path. */
const API: Record<string, unknown> = {
  '/api/v1/languages': { items: LANGUAGES },
  '/api/v1/problems': { items: ['open', 'restricted', 'java-only'].map((id) => ({ id, courseId: 'c1', name: id, latestVersion: 1 })) },
  '/api/v1/problems/open': problem('open', LANGUAGES.map((l) => l.id)),
  '/api/v1/problems/restricted': problem('restricted', ['cpp', 'python', 'pypy3']),
  '/api/v1/problems/java-only': problem('java-only', ['java']),
};

let site: { server: Server; origin: string };
let browser: BrowserContext;
let userDataDir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run infra/setup.sh (it installs Debian's chromium)`);
  site = await startDemoSite();
  userDataDir = await mkdtemp(path.join(tmpdir(), 'juez-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
});

afterAll(async () => {
  await browser?.close();
  if (site !== undefined) await new Promise<void>((resolve) => site.server.close(() => resolve()));
  if (userDataDir !== undefined) await rm(userDataDir, { recursive: true, force: true });
});

/** The demo, signed in, with the fake API; script and console errors collected. */
async function openDemo(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.route('**/api/v1/**', async (route) => {
    const answer = API[new URL(route.request().url()).pathname];
    await route.fulfill(answer === undefined ? { status: 404, json: { error: { code: 'not_found', message: 'no' } } } : { json: answer });
  });
  await page.goto(`${site.origin}/index.html`);
  await page.fill('#token', 'header.eyJzdWIiOiJhbGljZSIsInJvbGUiOiJzdHVkZW50In0.signature');
  await page.click('#sign-in');
  await page.waitForSelector('[data-problem-id="restricted"]');
  return { page, problems };
}

/** The language options: id, whether it can be chosen, and the selected one. */
async function options(page: Page): Promise<{ enabled: string[]; disabled: string[]; selected: string }> {
  const all = await page.$$eval('#language option', (items) => (items as HTMLOptionElement[]).map((o) => ({ id: o.value, disabled: o.disabled })));
  return {
    enabled: all.filter((o) => !o.disabled).map((o) => o.id),
    disabled: all.filter((o) => o.disabled).map((o) => o.id),
    selected: await page.$eval('#language', (select) => (select as HTMLSelectElement).value),
  };
}

describe("the course-site demo and a problem's languages", () => {
  it('offers only the languages the open problem allows and an executor serves, and follows the problem', async () => {
    const { page, problems } = await openDemo();
    await page.click('[data-problem-id="open"]');
    await page.waitForSelector('#submit-form:not([hidden])');
    expect(await options(page)).toEqual({ enabled: ['c', 'cpp', 'python', 'java'], disabled: ['pypy3'], selected: 'python' });

    await page.selectOption('#language', 'c');
    await page.click('[data-problem-id="restricted"]');
    await page.waitForFunction(() => (document.querySelector('#language option[value="c"]') as HTMLOptionElement | null)?.disabled === true);
    // C is not allowed here: the choice falls back to Python.
    expect(await options(page)).toEqual({ enabled: ['cpp', 'python'], disabled: ['c', 'java', 'pypy3'], selected: 'python' });
    expect(await page.textContent('#language option[value="java"]')).toBe('Java 17 (not allowed here)');
    expect(await page.textContent('#language option[value="pypy3"]')).toBe('Python 3 (PyPy) (not available)');

    await page.click('[data-problem-id="java-only"]');
    await page.waitForFunction(() => (document.querySelector('#language option[value="python"]') as HTMLOptionElement | null)?.disabled === true);
    expect(await options(page)).toEqual({ enabled: ['java'], disabled: ['c', 'cpp', 'python', 'pypy3'], selected: 'java' });
    expect(problems).toEqual([]);
    await page.close();
  });
});
