import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import type { EngagementList, EngagementListItem } from '../src/shared/contracts/engagements.js';

/** Every demo user's password (src/infra/demo/seed.ts). */
export const DEMO_PASSWORD = 'kpo-demo-2026!';

export const baseUrl = (): string => inject('baseUrl');

const root = new URL('..', import.meta.url).pathname;
export const screenshotDir = join(root, 'test-results', 'e2e');

/** The run's Chromium (started once by the global setup). */
export function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject('browserEndpoint'));
}

/** A fresh browser profile (no cookies, no localStorage) preferring the given language. */
export async function openPage(browser: Browser, locale: 'ja-JP' | 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, baseURL: baseUrl(), viewport: { width: 1360, height: 900 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page };
}

const labels = {
  'ja-JP': { email: 'メールアドレス', password: /^パスワード/, submit: 'サインイン' },
  'en-US': { email: 'E-mail address', password: /^Password/, submit: 'Sign in' },
} as const;

/** Signs in through the sign-in page, in the page's language, and waits to be let in. */
export async function signIn(page: Page, email: string, locale: 'ja-JP' | 'en-US', password = DEMO_PASSWORD): Promise<void> {
  const l = labels[locale];
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel(l.email).fill(email);
  await page.getByLabel(l.password).fill(password);
  await page.getByRole('button', { name: l.submit, exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Signs in through the API, for journeys about something else: the context gets the session
 * cookie, and the next page load starts signed in.
 */
export async function signInQuickly(context: BrowserContext, email: string, password = DEMO_PASSWORD): Promise<void> {
  const response = await context.request.post('/api/session', { data: { email, password } });
  if (!response.ok()) throw new Error(`Signing in ${email} failed: ${response.status()} ${await response.text()}`);
}

/** A fresh browser context signed in as a demo person (Japanese by default), with its page. */
export async function personIn(
  browser: Browser,
  email: string,
  locale: 'ja-JP' | 'en-US' = 'ja-JP',
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openPage(browser, locale);
  await signInQuickly(context, email);
  return { context, page };
}

/**
 * The run's Chromium for one test file: connected before its tests, closed after them. `personIn`
 * signs a demo person in on it, as the module's `personIn` does.
 */
export function fileBrowser(): {
  personIn: (email: string, locale?: 'ja-JP' | 'en-US') => Promise<{ context: BrowserContext; page: Page }>;
} {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await connectBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    personIn: (email, locale) => {
      if (!browser) throw new Error('The browser is not connected yet.');
      return personIn(browser, email, locale);
    },
  };
}

/** GETs an API path with the page's cookies; returns status and parsed JSON. */
export async function apiGet(page: Page, path: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (p) => {
    const response = await fetch(p, { headers: { accept: 'application/json' } });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }, path);
}

/** GETs an API path with the page's cookies and returns its JSON; anything but a 200 throws. */
export async function getJson<T>(page: Page, path: string): Promise<T> {
  const answer = await apiGet(page, path);
  if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}

/** The people of the demo's market-research engagement (ミライ家計簿): the provider's analyst and the client's owner. */
export const MIRAI_ANALYST = 'analyst1@knowledge-bridge.example';
export const MIRAI_OWNER = 'owner@mirai-link.example';

/** The demo's market-research engagement (ミライ家計簿), as the page's person lists it. */
export async function demoMiraiEngagement(page: Page): Promise<EngagementListItem> {
  // List items carry `displayName` (the title here: the demo case has no code name), not `title`.
  const q = new URLSearchParams({ type: 'market_research', q: 'ミライ家計簿', limit: '200' });
  const { items } = await getJson<EngagementList>(page, `/api/engagements?${q}`);
  const e = items.find((x) => x.displayName.includes('ミライ家計簿'));
  if (!e) throw new Error('The demo market-research engagement is missing.');
  return e;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in through the API from the test process; returns what the next requests need. */
async function apiSession(email: string, password = DEMO_PASSWORD): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${baseUrl()}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`Signing in ${email} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/**
 * Moves the server's clock forward (the global setup starts it with KPO_TEST_CLOCK=true; only
 * the platform admin may). Sessions idle for 8 hours of server time end: sign in again after.
 * Returns the server's time after the move.
 */
export async function moveServerClock(hours: number): Promise<Date> {
  const admin = await apiSession('admin@operator.kpo.example');
  const response = await fetch(`${baseUrl()}/api/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    body: JSON.stringify({ advanceHours: hours }),
  });
  if (!response.ok) throw new Error(`Moving the clock failed: ${response.status} ${await response.text()}`);
  return new Date(((await response.json()) as { now: string }).now);
}
