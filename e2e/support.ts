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
