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

describe('access by role', () => {
  it('refuses an analyst the audit log and members admin, in the UI and in the API', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, 'analyst1@knowledge-bridge.example');
    await page.goto('/settings');

    const nav = page.getByRole('navigation', { name: 'メインナビゲーション' });
    await expect.poll(() => nav.getByRole('link', { name: 'ホーム' }).isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: '監査ログ' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'メンバー' }).count()).toBe(0);

    await page.goto('/audit');
    await page.getByTestId('no-access').waitFor();
    await expect.poll(() => page.getByRole('heading', { name: 'アクセス権がありません' }).isVisible()).toBe(true);
    expect((await apiGet(page, '/api/audit-events')).status).toBe(403);

    await page.goto('/members');
    await page.getByTestId('no-access').waitFor();
    const session = (await apiGet(page, '/api/session')).body as { activeOrgId: string };
    expect((await apiGet(page, `/api/organizations/${session.activeOrgId}/invitations`)).status).toBe(403);

    await page.goto('/organizations');
    await page.getByTestId('no-access').waitFor();
    expect((await apiGet(page, '/api/organizations')).status).toBe(403);
    await context.close();
  });

  it('sends someone signed out to sign in, then on to the page they asked for', async () => {
    const { context, page } = await openPage(browser, 'en-US');
    await page.goto('/audit?type=auth.login_succeeded');
    await page.waitForURL('**/login?next=*');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/audit?type=auth.login_succeeded');
    await signIn(page, 'auditor@towa-medical.example', 'en-US');
    await page.waitForURL('**/audit?type=auth.login_succeeded');
    await page.locator('[data-testid="audit-table"]').waitFor();
    await context.close();
  });

  it('shows a not-found page for an unknown address', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, 'owner@towa-medical.example');
    await page.goto('/no/such/page');
    await expect.poll(() => page.getByRole('heading', { name: 'ページが見つかりません' }).isVisible()).toBe(true);
    await context.close();
  });
});
