import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, connectBrowser, openPage, signInQuickly } from './support.js';

/**
 * A double-click on a creating form makes one record. The other creating forms are double-clicked
 * inside their own journeys (engagements, questions, status updates, answers, model versions and
 * comments, invitations, organisations, webhooks); these are the ones no journey reaches.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const notice = (page: Page, text: string) => page.locator('.mantine-Notification-root').filter({ hasText: text }).first().waitFor();

describe('a double-click creates one record', () => {
  it('an API token', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, 'reviewer@marunouchi-capital.example');
    await page.goto('/settings');
    await page.getByLabel(/^トークン名/).fill('月次集計スクリプト');
    await page.getByRole('button', { name: 'トークンを作成' }).dblclick();
    await page.getByLabel('トークンのシークレット').waitFor();
    const rows = page.getByRole('table', { name: 'API トークン' }).getByRole('row').filter({ hasText: '月次集計スクリプト' });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const tokens = (await apiGet(page, '/api/tokens')).body as { name: string }[];
    expect(tokens.filter((t) => t.name === '月次集計スクリプト')).toHaveLength(1);
    await context.close();
  });

  it('a change request', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, 'owner@mirai-link.example');
    await page.goto('/engagements');
    await page
      .getByRole('link', { name: /ミライ家計簿/ })
      .first()
      .click();
    await page.waitForURL(/\/engagements\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() ?? '';
    await page.getByRole('tab', { name: '変更要求', exact: true }).click();
    // The field, not the 概要 (overview) tab's panel, which the label also names while the form loads.
    await page.getByRole('textbox', { name: /^概要/ }).fill('調査対象に韓国市場を追加');
    await page.getByLabel('理由').fill('取締役会の要請により、韓国での同時ローンチを検討するため。');
    const scope = page.getByLabel('範囲');
    await scope.fill(`${await scope.inputValue()}\n韓国市場（消費者調査 n=300）を追加する。`);
    await page.getByRole('button', { name: '変更要求を送る' }).dblclick();
    await notice(page, '変更要求を送りました。');
    const changes = (await apiGet(page, `/api/engagements/${id}/change-requests`)).body as { summary: string }[];
    expect(changes.filter((c) => c.summary === '調査対象に韓国市場を追加')).toHaveLength(1);
    await context.close();
  });

  it('a financial model copied from another', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, 'analyst2@knowledge-bridge.example');
    await page.goto('/engagements');
    await page.getByRole('link', { name: 'Project Sakura', exact: true }).first().click();
    await page.waitForURL(/\/engagements\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() ?? '';
    await page.getByRole('tab', { name: 'モデル', exact: true }).click();
    await page.getByRole('button', { name: '新しいモデル' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('既存モデルのコピー').click();
    await dialog.getByRole('textbox', { name: 'コピー元のモデル' }).click();
    await page.getByRole('option').first().click();
    await dialog.getByLabel(/^名前/).fill('Project Sakura DCF（下振れ検討用）');
    await dialog.getByRole('button', { name: 'モデルを作成' }).dblclick();
    await page.waitForURL(/\/models\/[0-9a-f-]{36}/);
    const models = (await apiGet(page, `/api/engagements/${id}/models`)).body as { name: string }[];
    expect(models.filter((m) => m.name === 'Project Sakura DCF（下振れ検討用）')).toHaveLength(1);
    await context.close();
  });
});
