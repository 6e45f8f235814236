import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, moveServerClock, openPage, screenshot, signInQuickly } from './support.js';

/**
 * Validation that tells the truth (#8.4), in Chromium and in Japanese: a message names the actual
 * problem and goes once the field is fixed, over-long text is kept and refused with the limit
 * (never cut), and a minus sign is kept and refused (never dropped).
 */

const CLIENT = 'owner@mirai-link.example';
/** The bank case's analyst and the demo model they keep (seeded with two versions). */
const ANALYST = 'analyst2@knowledge-bridge.example';
const MODEL = 'Project Sakura DCF モデル';
const DAY_MS = 86_400_000;

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The message Mantine shows under a field, found from the field's label. */
const errorOf = (page: Page, label: string | RegExp) =>
  page.locator('.mantine-InputWrapper-root', { has: page.getByLabel(label) }).locator('.mantine-InputWrapper-error');

async function errorText(page: Page, label: string | RegExp): Promise<string | null> {
  const error = errorOf(page, label);
  return (await error.count()) > 0 ? ((await error.first().textContent()) ?? '') : null;
}

describe('validation in the brief form', () => {
  it('says what is wrong, clears a fixed field, refuses over-long text and negative money', { timeout: 90_000 }, async () => {
    const now = await moveServerClock(0);
    const day = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, CLIENT);
    await page.goto('/engagements/new');
    await page.getByLabel(/^案件名/).waitFor();

    // A budget typed as "-500" keeps its sign and is refused, in words, before and after leaving the field.
    const budget = page.getByLabel('予算（円・任意）');
    await budget.fill('-500');
    await budget.blur();
    expect(await budget.inputValue()).toMatch(/^-/);
    await expect.poll(() => errorText(page, '予算（円・任意）')).toBe('マイナスにはできません。');

    // Sent without a title: the server's words, in Japanese, under the fields.
    await page.getByLabel('開始予定日').fill(day(1));
    await page.getByLabel('完了予定日').fill(day(30));
    await page.getByRole('button', { name: '下書きを保存', exact: true }).click();
    await expect.poll(() => errorText(page, /^案件名/)).toBe('名称を入力してください。');
    await expect.poll(() => errorText(page, '予算（円・任意）')).toBe('マイナスにはできません。');
    await screenshot(page, 'validation-brief-refused-ja');

    // Typing a title clears its message; the budget, not yet fixed, keeps its own.
    const title = page.getByLabel(/^案件名/);
    await title.fill('市場規模調査');
    await expect.poll(() => errorText(page, /^案件名/)).toBeNull();
    expect(await errorText(page, '予算（円・任意）')).toBe('マイナスにはできません。');

    // A pasted title over 200 characters is kept whole and refused with the limit, not cut.
    const long = '市'.repeat(205);
    await title.fill(long);
    expect((await title.inputValue()).length).toBe(205);
    await expect.poll(() => errorText(page, /^案件名/)).toBe('200 文字以内で入力してください。');
    await expect.poll(() => page.getByText('205 / 200 文字').count()).toBeGreaterThan(0);

    // Sent anyway, the server refuses the same length with the same words.
    await budget.fill('500');
    await page.getByRole('button', { name: '下書きを保存', exact: true }).click();
    await expect.poll(() => errorText(page, /^案件名/)).toBe('200 文字以内で入力してください。');
    expect(page.url()).toContain('/engagements/new');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/Must|characters|invalid|too_big|title\b/);
    await screenshot(page, 'validation-brief-too-long-ja');
    await context.close();
  });
});

describe('one language per screen in the model workbench', () => {
  it('words the model checks in English for an English reader, and names fields, not paths', { timeout: 60_000 }, async () => {
    const { context, page } = await openPage(browser, 'en-US');
    await context.addInitScript({ content: "localStorage.setItem('kpo.locale', 'en');" });
    await signInQuickly(context, ANALYST);
    await page.goto('/engagements');
    await page.getByRole('link', { name: 'Project Sakura', exact: true }).first().click();
    await page.waitForURL(/\/engagements\/[0-9a-f-]{36}$/);
    await page.getByRole('tab', { name: 'Models', exact: true }).click();
    await page.getByRole('link', { name: MODEL, exact: true }).click();
    const warnings = page.getByTestId('checks-warn');
    await warnings.waitFor();
    // The demo model (in Japanese) names no source for its size premium: said in the reader's language.
    await expect.poll(() => warnings.textContent()).toContain('The assumption “Size premium” has no source.');
    const checks = (await page.getByTestId('checks-panel').textContent()) ?? '';
    expect(checks).toContain('At Source of Size premium');
    expect(checks).not.toMatch(/[ぁ-んァ-ン]|sources\.|sizePremium|terminal\.growth/);
    await screenshot(page, 'validation-checks-en');
    await context.close();
  });
});
