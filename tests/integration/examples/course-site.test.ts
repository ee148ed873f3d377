/**
 * The course-site demo (dispatcher/demo, served at /demo/) in headless Chromium (Debian's, driven by
 * playwright-core) against a real juez: a student signs in with a token, opens problems/hello, pastes a
 * Python solution, submits, and watches the progress and the per-test rows arrive over the event stream
 * before the verdict. A screenshot is kept in tests/artifacts/course-site.png.
 *
 * CORS: the same page copied to another origin (a "course site", here a static server on 127.0.0.1) works
 * against juez when that origin is in JUEZ_CORS_ORIGINS, and is refused when it is not; preflights are
 * checked at the HTTP level too.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJuezSystem, type JuezSystem } from '../../support/juez-system.js';
import { REPO_ROOT } from '../../support/service-process.js';
import { startDemoSite } from './demo-site.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO_ROOT, 'tests/artifacts');
/** An origin allowed in JUEZ_CORS_ORIGINS that no browser here loads: for the HTTP-level CORS checks. */
const COURSE_ORIGIN = 'https://course.example.edu';

const SOLUTION = `import time

time.sleep(0.3)  # a moment per test, to watch the progress live
print("Hello, World!")
`;


let system: JuezSystem;
let browser: BrowserContext;
let userDataDir: string;
let allowedSite: { server: Server; origin: string };
let otherSite: { server: Server; origin: string };

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run infra/setup.sh (it installs Debian's chromium)`);
  allowedSite = await startDemoSite();
  otherSite = await startDemoSite();
  // No executor at first: the page's event stream is open before judging starts, so every event is seen live.
  system = await startJuezSystem({
    executors: 0,
    dispatcherEnv: { JUEZ_CORS_ORIGINS: `${COURSE_ORIGIN},${allowedSite.origin}` },
  });
  await system.advertiseLanguages(); // accepted while no executor runs: they wait in the queue
  await system.pushProblem('problems/hello');
  userDataDir = await mkdtemp(path.join(tmpdir(), 'juez-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  for (const site of [allowedSite, otherSite]) {
    if (site !== undefined) await new Promise<void>((resolve) => site.server.close(() => resolve()));
  }
  if (userDataDir !== undefined) await rm(userDataDir, { recursive: true, force: true });
});

/** A new tab whose script errors and console errors are collected. */
async function openPage(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return { page, problems };
}

async function signIn(page: Page, token: string, apiBase?: string): Promise<void> {
  await page.fill('#token', token);
  if (apiBase !== undefined) {
    await page.click('details.server summary');
    await page.fill('#api-base', apiBase);
  }
  await page.click('#sign-in');
}

describe('the course-site demo', () => {
  it('signs a student in, submits hello and shows progress, per-test rows and the verdict live', async () => {
    const student = system.token({ sub: 'alice', role: 'student' });
    const { page, problems } = await openPage(`${system.baseUrl}/demo`);
    expect(page.url()).toBe(`${system.baseUrl}/demo/`);

    await signIn(page, student);
    await page.waitForSelector('#who-name:has-text("alice")');
    await page.click('[data-problem-id="hello"]');
    await page.waitForSelector('#problem h1:has-text("Hello World")');
    expect(await page.textContent('#problem .sample')).toContain('Hello, World!');
    expect(await page.$$eval('#language option', (options) => options.map((option) => (option as HTMLOptionElement).value))).toContain('python');

    await page.selectOption('#language', 'python');
    await page.fill('#code', SOLUTION);
    expect(await page.textContent('#file-name')).toBe('main.py');
    // Record every state the test rows go through, to tell rows that appeared live from rows drawn at the end.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { rowStates: string[] }).rowStates = seen;
      const body = document.querySelector('#tests tbody') as HTMLElement;
      new MutationObserver(() => {
        seen.push([...body.querySelectorAll('tr')].map((row) => row.dataset.state).join(','));
      }).observe(body, { subtree: true, childList: true, attributes: true });
    });
    await page.click('#submit');
    // The stream's first event (`state`) says queued: the stream is open. Only now does a judge start.
    await page.waitForSelector('#verdict[data-status="queued"]');
    await page.waitForSelector('#timeline li[data-event="state"]');
    await system.startExecutor();

    await page.waitForSelector('#verdict[data-status="AC"]', { timeout: 60_000 });
    const events = await page.$$eval('#timeline li', (items) => items.map((item) => `${item.dataset.event}: ${item.textContent}`));
    const kinds = events.map((event) => event.split(':')[0]);
    expect(kinds.indexOf('progress')).toBeGreaterThan(kinds.indexOf('state'));
    expect(kinds.lastIndexOf('progress')).toBeLessThan(kinds.indexOf('final'));
    expect(events.filter((event) => event.startsWith('progress'))).toEqual([
      expect.stringContaining('Test 1 of 2 judged.'),
      expect.stringContaining('Test 2 of 2 judged.'),
    ]);
    const rowStates = await page.evaluate(() => (window as unknown as { rowStates: string[] }).rowStates);
    // After the first test, before the verdict: its row already shows its verdict, the second one runs.
    expect(rowStates).toContain('final,running');
    const rows = await page.$$eval('#tests tbody tr', (trs) =>
      (trs as HTMLTableRowElement[]).map((tr) => ({ state: tr.dataset.state, verdict: tr.dataset.verdict, test: tr.cells[1]?.textContent })),
    );
    expect(rows).toEqual([
      { state: 'final', verdict: 'AC', test: 'sample/1' },
      { state: 'final', verdict: 'AC', test: 'secret (hidden)' },
    ]);
    expect(await page.textContent('#progress')).toBe('2 / 2 tests judged');
    expect(await page.textContent('#verdict-detail')).toMatch(/^Accepted · /);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'course-site.png'), fullPage: true, animations: 'disabled' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows what differed on a failed sample test', async () => {
    if (system.executors.length === 0) await system.startExecutor();
    const { page, problems } = await openPage(`${system.baseUrl}/demo/`);
    await signIn(page, system.token({ sub: 'dave', role: 'student' }));
    await page.click('[data-problem-id="hello"]');
    await page.waitForSelector('#submit-form:not([hidden])');
    await page.selectOption('#language', 'python');
    await page.fill('#code', 'print("hello world")\n');
    await page.click('#submit');
    await page.waitForSelector('#verdict[data-status="WA"]', { timeout: 60_000 });
    const comparison = await page.textContent('#tests tr.comparison');
    expect(comparison).toContain('Hello, World!');
    expect(comparison).toContain('hello world');
    expect(await page.textContent('#verdict-detail')).toMatch(/^Wrong answer · /);
    // Judging stops at the first failure: no row is left waiting or running.
    const states = await page.$$eval('#tests tbody tr:not(.comparison)', (rows) => rows.map((row) => row.dataset.state));
    expect(states[0]).toBe('final');
    expect(states.slice(1).every((state) => state === 'final' || state === 'skipped')).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'course-site-wrong-answer.png'), fullPage: true, animations: 'disabled' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows juez’s reason when the token is refused', async () => {
    const { page } = await openPage(`${system.baseUrl}/demo/`);
    await signIn(page, 'not-a-token');
    await page.waitForSelector('#sign-in-error:not([hidden])');
    expect(await page.textContent('#sign-in-error')).toMatch(/^The token was refused/);
    expect(await page.isHidden('#workspace')).toBe(true);
    await page.close();
  });

  it('works from a course site on an allowed origin, and not from another one', async () => {
    const student = system.token({ sub: 'bob', role: 'student' });
    const allowed = await openPage(`${allowedSite.origin}/index.html`);
    await signIn(allowed.page, student, system.baseUrl);
    await allowed.page.waitForSelector('[data-problem-id="hello"]');
    expect(allowed.problems).toEqual([]);
    await allowed.page.close();

    const refused = await openPage(`${otherSite.origin}/index.html`);
    await signIn(refused.page, student, system.baseUrl);
    await refused.page.waitForSelector('#sign-in-error:not([hidden])');
    expect(await refused.page.textContent('#sign-in-error')).toContain('JUEZ_CORS_ORIGINS');
    expect(refused.problems.join('\n')).toMatch(/CORS/);
    await refused.page.close();
  });
});

describe('CORS and the /demo route over HTTP', () => {
  const preflight = (origin: string, method = 'POST'): Promise<Response> =>
    fetch(`${system.baseUrl}/api/v1/submissions`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
    });

  it('answers a preflight from an allowed origin and refuses one from another origin', async () => {
    const allowed = await preflight(COURSE_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(COURSE_ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization.*Content-Type/);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(allowed.headers.get('vary')).toMatch(/Origin/);

    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(await refused.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
  });

  it('adds CORS headers to answers for allowed origins only, errors included', async () => {
    const token = system.token({ sub: 'carol', role: 'student' });
    const allowed = await fetch(`${system.baseUrl}/api/v1/problems`, { headers: { origin: COURSE_ORIGIN, authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(COURSE_ORIGIN);
    expect(allowed.headers.get('access-control-expose-headers')).toMatch(/Location.*X-Request-Id/);

    const unauthenticated = await fetch(`${system.baseUrl}/api/v1/problems`, { headers: { origin: COURSE_ORIGIN } });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('access-control-allow-origin')).toBe(COURSE_ORIGIN);

    const other = await fetch(`${system.baseUrl}/api/v1/problems`, { headers: { origin: 'https://evil.example', authorization: `Bearer ${token}` } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the page with a strict content security policy', async () => {
    const redirect = await fetch(`${system.baseUrl}/demo`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/demo/');
    const page = await fetch(`${system.baseUrl}/demo/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
    expect((await fetch(`${system.baseUrl}/demo/demo.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${system.baseUrl}/demo/missing.js`)).status).toBe(404);
  });
});
