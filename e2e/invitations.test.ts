import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, connectBrowser, openPage, signInQuickly } from './support.js';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('invitations', () => {
  it('lets an org admin invite someone who accepts the one-time link and is signed in', async () => {
    const admin = await openPage(browser, 'ja-JP');
    await signInQuickly(admin.context, 'admin@towa-medical.example');
    await admin.page.goto('/members');
    await admin.page.getByLabel('招待する人のメールアドレス').fill('new.reviewer@towa-medical.example');
    await admin.page.getByRole('checkbox', { name: 'レビュアー' }).check();
    await admin.page.getByRole('button', { name: '招待リンクを作成' }).dblclick(); // one invitation, not two
    const linkField = admin.page.getByRole('textbox', { name: '1 回限りの招待リンク' });
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(/\/invitations\/accept#.+/);
    await expect
      .poll(() => admin.page.getByRole('table', { name: '保留中の招待' }).textContent())
      .toContain('new.reviewer@towa-medical.example');
    const pending = admin.page
      .getByRole('table', { name: '保留中の招待' })
      .getByRole('row')
      .filter({ hasText: 'new.reviewer@towa-medical.example' });
    expect(await pending.count()).toBe(1);

    const invitee = await openPage(browser, 'en-US');
    await invitee.page.goto(link);
    await expect.poll(() => invitee.page.getByRole('heading', { name: 'Join 東和メディカル株式会社' }).isVisible()).toBe(true);
    await invitee.page.getByLabel(/^Your name/).fill('New Reviewer');
    await invitee.page.getByLabel(/^Choose a password/).fill('a-long-enough-password');
    await invitee.page.getByLabel(/^Password again/).fill('a-long-enough-password');
    await invitee.page.getByRole('button', { name: 'Join 東和メディカル株式会社' }).click();
    await invitee.page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => invitee.page.getByRole('heading', { name: 'Welcome, New Reviewer' }).isVisible()).toBe(true);
    const session = (await apiGet(invitee.page, '/api/session')).body as { user: { email: string; locale: string } };
    expect(session.user).toMatchObject({ email: 'new.reviewer@towa-medical.example', locale: 'en' });

    // The link was for one use only.
    const again = await openPage(browser, 'en-US');
    await again.page.goto(link);
    await expect.poll(() => again.page.getByRole('alert').textContent()).toContain('This invitation has already been used.');

    await admin.page.reload();
    await expect
      .poll(() => admin.page.getByRole('table', { name: 'メンバー' }).textContent())
      .toContain('new.reviewer@towa-medical.example');
    await Promise.all([admin.context.close(), invitee.context.close(), again.context.close()]);
  });

  it('lets the platform admin create an organisation and invite its first admin', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, 'admin@operator.kpo.example');
    await page.goto('/organizations');
    await page.getByLabel(/^組織名/).fill('テスト商事株式会社');
    await page.getByRole('button', { name: '組織を作成' }).dblclick(); // one organisation, not two
    await expect.poll(() => page.getByRole('heading', { name: 'テスト商事株式会社 の最初の管理者を招待' }).isVisible()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'クライアント管理者' }).isChecked()).toBe(true);
    await page.getByLabel(/^招待する人のメールアドレス/).fill('boss@test-shoji.example');
    await page.getByRole('button', { name: '招待リンクを作成' }).click();
    expect(await page.getByRole('textbox', { name: '1 回限りの招待リンク' }).inputValue()).toMatch(/\/invitations\/accept#.+/);
    await expect.poll(() => page.getByRole('table', { name: '組織' }).textContent()).toContain('テスト商事株式会社');
    expect(await page.getByRole('table', { name: '組織' }).getByRole('row').filter({ hasText: 'テスト商事株式会社' }).count()).toBe(1);
    await context.close();
  });
});
