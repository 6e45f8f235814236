import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

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

/** GETs an API path with the page's cookies; returns status and parsed JSON. */
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

export async function apiGet(page: Page, path: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (p) => {
    const response = await fetch(p, { headers: { accept: 'application/json' } });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }, path);
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
