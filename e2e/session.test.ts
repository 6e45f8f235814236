import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, connectBrowser, openPage, signIn, signInQuickly } from './support.js';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('session', () => {
  it('signs out from the account menu', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signIn(page, 'finance@mirai-link.example', 'ja-JP');
    await page.getByRole('button', { name: /^アカウントメニュー/ }).click();
    await page.getByRole('menuitem', { name: 'サインアウト' }).click();
    await page.waitForURL('**/login');
    expect((await apiGet(page, '/api/session')).status).toBe(401);

    await page.goto('/settings');
    await page.waitForURL('**/login?next=*');
    await expect.poll(() => page.getByRole('button', { name: 'サインイン', exact: true }).isVisible()).toBe(true);
    await context.close();
  });

  it('sends someone whose session ended to sign in again, then back where they were', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signIn(page, 'admin@mirai-link.example', 'ja-JP');
    // Let the shell's first requests finish with the session, and hold the bell's later polls
    // (its timer or a focus event could otherwise meet the ended session first and move the page
    // to sign-in before the click), so the click below is what meets the ended session.
    await page.waitForLoadState('networkidle');
    await page.route('**/api/notifications**', () => {});
    await context.clearCookies();
    await page.getByRole('navigation', { name: 'メインナビゲーション' }).getByRole('link', { name: 'メンバー' }).click();
    await page.waitForURL('**/login?next=%2Fmembers&ended=1');
    await expect.poll(() => page.getByText('セッションが終了しました。').isVisible()).toBe(true);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await signIn(page, 'admin@mirai-link.example', 'ja-JP');
    await page.waitForURL('**/members');
    await expect.poll(() => page.getByRole('table', { name: 'メンバー' }).isVisible()).toBe(true);
    await context.close();
  });

  it('switches between organisations for someone in two', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, 'manager@knowledge-bridge.example');
    await page.goto('/settings');
    await page.getByRole('button', { name: 'ナレッジブリッジ・リサーチ株式会社' }).click();
    await page.getByRole('menuitem', { name: /アジア知財アナリティクス株式会社/ }).click();
    await expect.poll(() => page.getByRole('button', { name: 'アジア知財アナリティクス株式会社' }).isVisible()).toBe(true);
    const session = (await apiGet(page, '/api/session')).body as { activeOrgId: string; memberships: { orgId: string; orgName: string }[] };
    expect(session.memberships.find((m) => m.orgId === session.activeOrgId)?.orgName).toBe('アジア知財アナリティクス株式会社');
    await context.close();
  });
});
