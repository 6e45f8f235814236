import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelAnalysis, ModelVersion } from '../src/shared/contracts/financial-model-api.js';
import { connectBrowser, screenshot } from './support.js';
import { openNewModel, openVersion } from './workbench.js';

/**
 * The workbench edits the fourth slice's adjustments (issue #13, point 10; docs/decisions/0010): in
 * Japanese, the analyst capitalises R&D over three years, weights the value with a probability of
 * failure (the bear case with its own), states minority interests at book with a price-to-book,
 * saves, and reads the value per share, the research asset and the failure weighting the server
 * computed for the saved version; the same version in English.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

describe('financial-model adjustments in the workbench', () => {
  it('capitalises R&D, weights the value with a probability of failure and states minorities at book, then saves', {
    timeout: 180_000,
  }, async () => {
    const {
      engagement: e,
      model: created,
      path: modelPath,
      context,
      page,
    } = await openNewModel(browser, '調整項目の検証（e2e）', '調整 DCF');
    const valuePerShare = page.getByTestId('value-per-share');
    const before = (await valuePerShare.textContent()) ?? '';
    const panel = page.getByTestId('adjustments-panel');

    // R&D capitalised over 3 years: four years of expense, the last historical year last; 2% of revenue in the forecast.
    await panel.getByRole('switch', { name: '研究開発費を資産化' }).click();
    await panel.getByRole('textbox', { name: '償却年数（年）' }).click();
    await page.getByRole('option', { name: '3', exact: true }).click();
    const expenses: [number, number][] = [
      [2021, 1500],
      [2022, 1600],
      [2023, 1700],
      [2024, 1800],
    ];
    for (const [year, amount] of expenses) await panel.getByLabel(`研究開発費（${year}年度）`, { exact: true }).fill(String(amount));
    await panel.getByLabel('予測研究開発費（売上高比）', { exact: true }).fill('2');
    // The research asset the server computes: 1,800 + 1,700 × 2/3 + 1,600 × 1/3 = 3,466.67.
    await expect.poll(() => page.getByTestId('research-asset').textContent(), { timeout: 10_000 }).toBe('3,467');
    // R&D capitalised leaves the value where it was.
    await expect.poll(() => page.getByTestId('recalculating').count(), { timeout: 10_000 }).toBe(0);
    expect(await valuePerShare.textContent()).toBe(before);

    // A 10% probability of failure, the proceeds 40% of the book value of capital; 100% is refused at the field.
    await panel.getByRole('switch', { name: '破綻確率' }).click();
    const probability = panel.getByRole('textbox', { name: '破綻確率', exact: true });
    await probability.fill('150');
    await expect.poll(() => panel.getByTestId('failure-adjustment').textContent(), { timeout: 10_000 }).toContain('100%');
    expect(await page.getByRole('button', { name: '新しいバージョンとして保存' }).isDisabled()).toBe(true);
    await probability.fill('10');
    await panel.getByRole('textbox', { name: '破綻時回収額', exact: true }).fill('40');
    await expect.poll(() => valuePerShare.textContent(), { timeout: 10_000 }).not.toBe(before);
    await page.getByTestId('failure-outputs').waitFor();

    // Minority interests at book, 1,200 × 1.5.
    const minorities = panel.getByTestId('claim-minorityInterests');
    await minorities.getByRole('switch', { name: '非支配株主持分' }).click();
    await minorities.getByRole('textbox', { name: '非支配株主持分 金額（百万円）' }).fill('1200');
    await minorities.getByRole('textbox', { name: '非支配株主持分 PBR' }).fill('1.5');
    await expect.poll(() => page.getByTestId('bridge-minorityInterests').textContent(), { timeout: 10_000 }).toBe('-1,800');

    // The bear case fails more often: its own probability, drawn as its change from the base case.
    await page.getByText('弱気ケース', { exact: true }).first().click();
    await expect.poll(() => probability.inputValue()).toBe('10%');
    await probability.fill('25');
    await expect.poll(() => probability.getAttribute('data-overridden')).toBe('true');
    await page.getByText('基本ケース', { exact: true }).first().click();
    await expect.poll(() => probability.inputValue()).toBe('10%');

    await expect.poll(() => page.getByRole('button', { name: '新しいバージョンとして保存' }).isDisabled()).toBe(false);
    await page.getByRole('button', { name: '新しいバージョンとして保存' }).click();
    await page.getByLabel('変更内容').fill('研究開発費の資産化・破綻確率・非支配株主持分');
    await page.getByRole('button', { name: 'バージョン 2 を保存', exact: true }).click();
    await page.waitForURL(/version=2$/);
    await expect.poll(() => page.getByTestId('recalculating').count(), { timeout: 10_000 }).toBe(0);

    // What was saved is what the switches say, and the screen shows what the server computes for it.
    const saved = await e.analyst.ok<ModelVersion>('GET', `${e.path}/models/${created.id}/versions/2`);
    expect(saved.document.capitalization).toEqual({
      researchAndDevelopment: { life: 3, expenses: [1500, 1600, 1700, 1800], percentOfRevenue: 0.02 },
    });
    expect(saved.document.valuation.failure).toEqual({ probability: 0.1, proceedsBasis: 'bookValue', proceedsPercent: 0.4 });
    expect(saved.document.bridge.minorityInterests).toEqual({ amount: 1200, valuedAt: 'book', priceToBook: 1.5 });
    expect(saved.document.scenarios.find((c) => c.name === 'bear')?.overrides.failure).toEqual({ probability: 0.25 });
    const analysis = await e.analyst.ok<ModelAnalysis>('GET', `${e.path}/models/${created.id}/versions/2/analysis`);
    const v = analysis.valuation;
    if (!v?.failure) throw new Error('The saved version has no failure weighting.');
    const yen = (x: number) => `￥${Math.round(x).toLocaleString('ja-JP')}`;
    const amount = (x: number) => Math.round(x).toLocaleString('ja-JP');
    await expect.poll(() => valuePerShare.textContent()).toBe(yen(v.valuePerShare));
    expect(await page.getByTestId('going-concern').textContent()).toBe(amount(v.failure.goingConcernValue));
    expect(await page.getByTestId('distress-proceeds').textContent()).toBe(amount(v.failure.proceeds));
    expect(await page.getByTestId('failure-weighted').textContent()).toBe(amount(v.failure.value));
    expect(v.failure.proceeds).toBeCloseTo(0.4 * (6000 + 63600), 6);
    expect(v.failure.value).toBeCloseTo(0.9 * v.failure.goingConcernValue + 0.1 * v.failure.proceeds, 6);
    expect(await page.getByTestId('research-asset').textContent()).toBe(
      amount(v.capitalization?.researchAndDevelopment?.base.asset ?? Number.NaN),
    );
    const bear = analysis.scenarios.find((s) => s.scenario === 'bear');
    expect(bear?.valuePerShare).toBeDefined();
    await screenshot(page, 'financial-model-adjustments-ja');
    await context.close();

    // The same version in English.
    const en = await openVersion(browser, modelPath, 2, 'en');
    expect(digits(await en.page.getByTestId('value-per-share').textContent())).toBe(Math.round(v.valuePerShare));
    expect(await en.page.getByRole('textbox', { name: 'Probability of failure', exact: true }).inputValue()).toBe('10%');
    expect(await en.page.getByRole('switch', { name: 'Capitalise R&D' }).isChecked()).toBe(true);
    await en.page.getByTestId('failure-outputs').waitFor();
    expect(await en.page.getByTestId('adjustments-outputs').textContent()).toContain('Value of operating assets');
    expect(digits(await en.page.getByTestId('failure-weighted').textContent())).toBe(Math.round(v.failure.value));
    await en.context.close();
  });
});
