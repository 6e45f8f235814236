import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, openPage, screenshot, signInQuickly } from './support.js';

/**
 * The financial-modeling workbench (issue #4, point 5), in Chromium: the provider's analyst opens
 * the bank case's demo model, changes terminal growth and sees the value per share move while
 * typing, saves version 3 with a note and compares v2 → v3 (a bridge step for terminal growth);
 * the client's owner opens the same model read-only with its checks and sensitivity heat map;
 * and the workbench speaks English to an English browser.
 */

const ANALYST = 'analyst2@knowledge-bridge.example';
const CLIENT_OWNER = 'owner@marunouchi-capital.example';
/** The demo engagement as each side sees it: the provider by its code name, the client by its title. */
const PROVIDER_SEES = 'Project Sakura';
const CLIENT_SEES = /部品メーカー買収/;
const MODEL = 'Project Sakura DCF モデル';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function personIn(email: string, locale: 'ja-JP' | 'en-US' = 'ja-JP'): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openPage(browser, locale);
  // The browser's own choice of language wins over the profile's (Japanese for every demo user).
  if (locale === 'en-US') await context.addInitScript({ content: "localStorage.setItem('kpo.locale', 'en');" });
  await signInQuickly(context, email);
  return { context, page };
}

/** From the engagement list to the workbench of the demo model, through the Models tab. */
async function openDemoModel(page: Page, engagement: string | RegExp, tabName = 'モデル'): Promise<void> {
  await page.goto('/engagements');
  await page
    .getByRole('link', { name: engagement, exact: typeof engagement === 'string' })
    .first()
    .click();
  await page.waitForURL(/\/engagements\/[0-9a-f-]{36}$/);
  await page.getByRole('tab', { name: tabName, exact: true }).click();
  await page.getByTestId('models-table').waitFor();
  await page.getByRole('link', { name: MODEL, exact: true }).click();
  await page.waitForURL(/\/models\/[0-9a-f-]{36}/);
  await page.getByTestId('value-per-share').waitFor();
}

describe('financial-modeling workbench', () => {
  it('lets the provider change a model live, save version 3 and see what the change did', { timeout: 120_000 }, async () => {
    const { context, page } = await personIn(ANALYST);
    await openDemoModel(page, PROVIDER_SEES);
    await page.getByRole('heading', { name: MODEL }).waitFor();
    // The latest saved version is the demo's second.
    await expect.poll(() => page.getByRole('textbox', { name: 'バージョン' }).inputValue()).toMatch(/^v2 /);

    const valuePerShare = page.getByTestId('value-per-share');
    const before = (await valuePerShare.textContent()) ?? '';
    expect(before).toMatch(/^￥[\d,]+$/);

    // Terminal growth 0.8% → 1.2%: the outputs follow as soon as typing stops, without saving.
    const growth = page.getByLabel('永久成長率', { exact: true });
    expect(await growth.inputValue()).toBe('0.8%');
    await growth.fill('1.2');
    await expect.poll(() => valuePerShare.textContent(), { timeout: 10_000 }).not.toBe(before);
    const after = (await valuePerShare.textContent()) ?? '';
    const yen = (text: string) => Number(text.replace(/[^\d]/g, ''));
    expect(yen(after)).toBeGreaterThan(yen(before)); // more growth, more value
    await page.getByTestId('unsaved-badge').waitFor();
    await expect.poll(() => page.getByTestId('recalculating').count()).toBe(0);

    // Saved as version 3 with a note; the page moves to it.
    await page.getByRole('button', { name: '新しいバージョンとして保存' }).click();
    await page.getByLabel('変更内容').fill('経営陣インタビューを受けて永久成長率を 1.2% に引き上げ');
    await page.getByRole('button', { name: 'バージョン 3 を保存', exact: true }).click();
    await page.locator('.mantine-Notification-root').filter({ hasText: 'バージョン 3 を保存しました。' }).first().waitFor();
    await page.waitForURL(/version=3$/);
    await expect.poll(() => page.getByRole('textbox', { name: 'バージョン' }).inputValue()).toMatch(/^v3 /);
    expect(await page.getByTestId('unsaved-badge').count()).toBe(0);
    expect(await valuePerShare.textContent()).toBe(after);
    await expect
      .poll(() => page.getByTestId('versions-table').textContent())
      .toContain('経営陣インタビューを受けて永久成長率を 1.2% に引き上げ');

    // v2 → v3: one bridge step, terminal growth 0.8% → 1.2%, worth the whole change in value.
    const compare = page.getByTestId('version-compare');
    await compare.scrollIntoViewIfNeeded();
    await expect.poll(() => compare.getByRole('textbox', { name: '比較元' }).inputValue()).toBe('v2');
    await expect.poll(() => compare.getByRole('textbox', { name: '比較先' }).inputValue()).toBe('v3');
    const steps = page.getByTestId('bridge-steps');
    await steps.waitFor();
    const step = steps.getByRole('row').filter({ hasText: 'valuation.terminalValue.growthRate' });
    expect(await step.count()).toBe(1);
    const stepText = (await step.textContent()) ?? '';
    expect(stepText).toContain('永久成長率');
    expect(stepText).toContain('0.8%');
    expect(stepText).toContain('1.2%');
    expect(stepText).toMatch(/\+￥[\d,]+/);
    expect(await page.getByTestId('value-bridge').textContent()).toContain(`v2 ${before} → v3 ${after}`);
    expect(await page.getByRole('img', { name: 'バージョン 2 からバージョン 3 へのバリューブリッジ' }).isVisible()).toBe(true);
    await screenshot(page, 'financial-model-provider-ja');
    await context.close();
  });

  it('shows the client the same model read-only, with its checks and the sensitivity heat map', { timeout: 60_000 }, async () => {
    const { context, page } = await personIn(CLIENT_OWNER);
    await openDemoModel(page, CLIENT_SEES);
    await page.getByTestId('read-only-notice').waitFor();
    // The provider's version 3 is what the client sees now.
    await expect.poll(() => page.getByRole('textbox', { name: 'バージョン' }).inputValue()).toMatch(/^v3 /);
    expect(await page.getByLabel('永久成長率', { exact: true }).inputValue()).toBe('1.2%');
    expect(await page.getByLabel('永久成長率', { exact: true }).getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('button', { name: '新しいバージョンとして保存' }).count()).toBe(0);
    // Downloads are there for the client too.
    expect(await page.getByRole('link', { name: 'Excel（.xlsx）' }).getAttribute('href')).toMatch(
      /\/versions\/3\/export\.xlsx\?language=ja$/,
    );

    const checks = page.getByTestId('checks-panel');
    await checks.waitFor();
    await expect.poll(() => checks.textContent()).toMatch(/不合格 0 · 警告 \d+ · 合格 \d+/);
    // The demo model names no source for its size premium: a warning, with the field it points at.
    const warnings = page.getByTestId('checks-warn');
    expect(await warnings.textContent()).toContain('sources.missing');
    expect(await warnings.textContent()).toContain('サイズプレミアム (sources.sizePremium)');

    const heatMap = page.getByTestId('sensitivity-heatmap');
    await heatMap.scrollIntoViewIfNeeded();
    const table = page.getByRole('table', { name: 'WACC（横）と 永久成長率（縦）による1株当たり価値' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(21);
    expect(await table.locator('tbody tr').first().locator('td').count()).toBe(21);
    // The case as it stands is outlined, and it is the value per share shown above.
    const base = table.locator('td[data-base]');
    expect(await base.count()).toBe(1);
    const headline = ((await page.getByTestId('value-per-share').textContent()) ?? '').replace('￥', '');
    expect(await base.textContent()).toBe(headline);
    await screenshot(page, 'financial-model-client-ja');
    await context.close();
  });

  it('speaks English to an English browser', { timeout: 60_000 }, async () => {
    const { context, page } = await personIn(CLIENT_OWNER, 'en-US');
    await openDemoModel(page, CLIENT_SEES, 'Models');
    for (const heading of ['Assumptions', 'Outputs', 'Sensitivity of value per share', 'Football field', 'Checks', 'Compare versions']) {
      await expect.poll(() => page.getByRole('heading', { name: heading, exact: true }).isVisible(), { message: heading }).toBe(true);
    }
    expect(await page.getByLabel('Terminal growth', { exact: true }).inputValue()).toBe('1.2%');
    expect(await page.getByTestId('read-only-notice').textContent()).toContain('Read only');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });
});
