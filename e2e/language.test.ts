import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, connectBrowser, moveServerClock, openPage, screenshot, signIn } from './support.js';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('language', () => {
  it('speaks Japanese to a browser that prefers Japanese', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await page.goto('/login');
    await expect.poll(() => page.getByRole('heading', { name: 'kpo にサインイン' }).isVisible()).toBe(true);
    await signIn(page, 'admin@mirai-link.example', 'ja-JP');

    const nav = page.getByRole('navigation', { name: 'メインナビゲーション' });
    for (const item of ['ホーム', 'メンバー', '監査ログ', '設定']) {
      await expect.poll(() => nav.getByRole('link', { name: item }).isVisible(), { message: item }).toBe(true);
    }
    await expect.poll(() => page.getByText('株式会社ミライリンク').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: /^ようこそ/ }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await screenshot(page, 'home-ja');

    await nav.getByRole('link', { name: '監査ログ' }).click();
    await page.locator('[data-testid="audit-table"]').waitFor();
    await screenshot(page, 'audit-ja');
    await context.close();
  });

  it('speaks English to an English browser, and switches to Japanese on request, remembered', async () => {
    const { context, page } = await openPage(browser, 'en-US');
    await page.goto('/login');
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to kpo' }).isVisible()).toBe(true);
    await signIn(page, 'analyst3@knowledge-bridge.example', 'en-US');

    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect.poll(() => nav.getByRole('link', { name: 'Home' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: /^Welcome/ }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByText('日本語', { exact: true }).first().click();
    const navJa = page.getByRole('navigation', { name: 'メインナビゲーション' });
    await expect.poll(() => navJa.getByRole('link', { name: 'ホーム' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: /^ようこそ/ }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');

    // Remembered in the profile (other browsers) and in this browser (after a reload).
    await expect.poll(async () => ((await apiGet(page, '/api/session')).body as { user: { locale: string } }).user.locale).toBe('ja');
    await navJa.getByRole('link', { name: '設定' }).click();
    await page.waitForURL('**/settings');
    await page.getByRole('heading', { name: '設定', exact: true }).waitFor();
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: '設定', exact: true }).isVisible()).toBe(true);
    await context.close();
  });

  it('keeps the language of the sign-in page for an account that has none saved, and remembers it', async () => {
    // The demo's people have no saved language (analyst3 aside): the page they sign in from decides.
    const email = 'analyst1@asia-ip-analytics.example';
    const { context, page } = await openPage(browser, 'en-US');
    await page.goto('/login');
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to kpo' }).isVisible()).toBe(true);
    await signIn(page, email, 'en-US');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect.poll(() => nav.getByRole('link', { name: 'Home' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(async () => ((await apiGet(page, '/api/session')).body as { user: { locale: string } }).user.locale).toBe('en');
    await context.close();

    // The choice is now the account's: a Japanese browser signing in later is spoken to in English.
    const again = await openPage(browser, 'ja-JP');
    await again.page.goto('/login');
    await signIn(again.page, email, 'ja-JP');
    await expect
      .poll(() => again.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).isVisible())
      .toBe(true);
    await again.context.close();
  });

  it('shows dates in the Japanese era when chosen in settings', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await page.goto('/settings');
    await page.waitForURL('**/login?next=*');
    await signIn(page, 'reviewer@mirai-link.example', 'ja-JP');
    await page.waitForURL('**/settings');
    const example = page.getByTestId('calendar-example');
    await expect.poll(() => example.textContent()).toMatch(/\d{4}年/);
    await page.getByLabel('和暦（令和8年）').check();
    await expect.poll(() => example.textContent()).toMatch(/令和\d+年/);
    await page.reload();
    await expect.poll(() => page.getByTestId('calendar-example').textContent()).toMatch(/令和\d+年/);
    await context.close();
  });
});

describe('sign-in errors', () => {
  it('says when the password is wrong', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await page.goto('/login');
    await page.getByLabel('メールアドレス').fill('owner@mirai-link.example');
    await page.getByLabel(/^パスワード/).fill('not-the-password');
    await page.getByRole('button', { name: 'サインイン', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('メールアドレスまたはパスワードが正しくありません。');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('tells a throttled person how long to wait: seconds at first, minutes as the waits grow', async () => {
    const { context, page } = await openPage(browser, 'en-US');
    await page.goto('/login');
    const email = 'nobody-e2e@mirai-link.example';
    const attempt = () =>
      page.evaluate(
        async (body) => {
          const r = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          return { status: r.status, retryAfter: Number(r.headers.get('retry-after')) };
        },
        JSON.stringify({ email, password: 'wrong-password' }),
      );
    /**
     * Fails until the next attempt must wait at least `seconds`: the wait doubles with each failure
     * past the fifth, and the server's clock is moved past each wait (never the test's own).
     */
    const failUntilTheWaitIs = async (seconds: number) => {
      for (let i = 0; i < 40; i++) {
        const r = await attempt();
        if (r.status === 429 && r.retryAfter >= seconds) return;
        if (r.status === 429) await moveServerClock(r.retryAfter / 3600);
        else expect(r.status).toBe(401);
      }
      throw new Error(`The wait never reached ${seconds} s.`);
    };
    const submitTheForm = async () => {
      await page.getByLabel('E-mail address').fill(email);
      await page.getByLabel(/^Password/).fill('wrong-password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    };

    await failUntilTheWaitIs(30); // 1 s, 2 s … 32 s
    await submitTheForm();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Try again in \d+ s\./);
    await failUntilTheWaitIs(120); // … 64 s, 128 s
    await submitTheForm();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Try again in \d+ minutes\./);
    await context.close();
  });
});
