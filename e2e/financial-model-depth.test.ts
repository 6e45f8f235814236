import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelAnalysis, ModelVersion } from '../src/shared/contracts/financial-model-api.js';
import { connectBrowser, screenshot } from './support.js';
import { openNewModel, openVersion } from './workbench.js';

/**
 * The workbench edits the model's deeper parts (issue #13, point 10; docs/decisions/0010): in
 * Japanese, the analyst gives WACC directly with a rate per year, switches reinvestment to the
 * sales-to-capital ratio with an opening invested capital and the terminal value to the value-driver
 * formula, sees a RONIC below terminal growth refused at its field, gives the bear case its own
 * RONIC, saves, and reads the value per share and the ROIC the server computed for the saved
 * version; the same version in English. Then, in English, a model moves to the operating margin,
 * driver levers, loss carry-forward and Black–Scholes options.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('financial-model depth in the workbench', () => {
  it('switches a model to sales to capital, a WACC path and a value-driver terminal value, and saves it', {
    timeout: 180_000,
  }, async () => {
    const {
      engagement: e,
      model: created,
      path: modelPath,
      context,
      page,
    } = await openNewModel(browser, '深掘りモデルの検証（e2e）', '深掘り DCF');
    const valuePerShare = page.getByTestId('value-per-share');
    const before = (await valuePerShare.textContent()) ?? '';

    // WACC given directly, 7.5% per year but 7.0% from FY2028.
    await page.getByTestId('wacc-panel').getByText('直接入力', { exact: true }).click();
    await page.getByLabel('WACC（直接入力）', { exact: true }).fill('7.5');
    await page.getByTestId('wacc-path').getByText('年度ごとの率', { exact: true }).click();
    for (const year of [2028, 2029]) await page.getByLabel(`WACC（${year}年度）`, { exact: true }).fill('7');
    // Reinvestment from sales to capital, 2.5 with a one-year lag; opening invested capital 52,000.
    const reinvestment = page.getByTestId('reinvestment-panel');
    await reinvestment.getByText('売上高資本回転率', { exact: true }).click();
    await reinvestment.getByRole('textbox', { name: '売上高資本回転率', exact: true }).fill('2.5');
    await reinvestment.getByRole('textbox', { name: 'ラグ（年）' }).click();
    await page.getByRole('option', { name: '1', exact: true }).click();
    await reinvestment.getByLabel('期首投下資本', { exact: true }).fill('52000');
    // The value-driver terminal value; a RONIC below terminal growth (0.8%) is refused at the field.
    await page.getByTestId('terminal-panel').getByText('バリュードライバー（RONIC）', { exact: true }).click();
    const ronic = page.getByLabel('RONIC（新規投下資本利益率）', { exact: true });
    await ronic.fill('0.5');
    await expect
      .poll(() => page.getByTestId('value-driver').textContent(), { timeout: 10_000 })
      .toContain('RONIC（0.50%）は永久成長率（0.80%）より高くしてください。');
    expect(await page.getByRole('button', { name: '新しいバージョンとして保存' }).isDisabled()).toBe(true);
    await ronic.fill('12');
    await expect.poll(() => page.getByRole('button', { name: '新しいバージョンとして保存' }).isDisabled()).toBe(false);

    // The live outputs follow: ROIC by year in the projection, the value-driver terminal year beside it.
    await expect.poll(() => valuePerShare.textContent(), { timeout: 10_000 }).not.toBe(before);
    await expect.poll(() => page.getByTestId('recalculating').count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId('value-driver-outputs').waitFor();
    expect(await page.getByTestId('vd-ronic').textContent()).toBe('12.0%');
    await page.locator('[data-testid="projection-table"] tr[data-line="roic"]').waitFor();

    // The bear case earns less on new capital: its own RONIC, drawn as its change from the base case.
    await page.getByText('弱気ケース', { exact: true }).first().click();
    await expect.poll(() => ronic.inputValue()).toBe('12%');
    await ronic.fill('9');
    await expect.poll(() => ronic.getAttribute('data-overridden')).toBe('true');
    await page.getByText('基本ケース', { exact: true }).first().click();
    await expect.poll(() => ronic.inputValue()).toBe('12%');

    await page.getByRole('button', { name: '新しいバージョンとして保存' }).click();
    await page.getByLabel('変更内容').fill('売上高資本回転率・WACC パス・バリュードライバーに切替');
    await page.getByRole('button', { name: 'バージョン 2 を保存', exact: true }).click();
    await page.waitForURL(/version=2$/);
    await expect.poll(() => page.getByTestId('recalculating').count(), { timeout: 10_000 }).toBe(0);

    // What was saved is what the switches say, and the screen shows what the server computes for it.
    const saved = await e.analyst.ok<ModelVersion>('GET', `${e.path}/models/${created.id}/versions/2`);
    expect(saved.document.wacc).toEqual({ method: 'direct', rate: 0.075, byYear: { rate: { values: [0.075, 0.075, 0.075, 0.07, 0.07] } } });
    expect(saved.document.forecast.salesToCapital).toEqual({ ratio: 2.5, lag: 1 });
    expect(saved.document.forecast.capexPercentOfRevenue).toEqual([]);
    expect(saved.document.forecast.openingInvestedCapital).toBe(52000);
    expect(saved.document.valuation.terminalValue.valueDriver?.ronic).toBe(0.12);
    expect(saved.document.scenarios.find((c) => c.name === 'bear')?.overrides.terminalValue).toEqual({
      growthRate: 0.004,
      valueDriver: { ronic: 0.09 },
    });
    const analysis = await e.analyst.ok<ModelAnalysis>('GET', `${e.path}/models/${created.id}/versions/2/analysis`);
    const v = analysis.valuation;
    if (!v) throw new Error('The saved version cannot be valued.');
    const yen = (x: number) => `￥${Math.round(x).toLocaleString('ja-JP')}`;
    await expect.poll(() => valuePerShare.textContent()).toBe(yen(v.valuePerShare));
    const roic = v.projection.investedCapital?.roic ?? [];
    expect(roic).toHaveLength(5);
    const roicRow = page.locator('[data-testid="projection-table"] tr[data-line="roic"] td');
    expect(await roicRow.allTextContents()).toEqual(roic.map((r) => `${((r ?? 0) * 100).toFixed(1)}%`));
    const waccRow = page.locator('[data-testid="projection-table"] tr[data-line="waccByYear"] td');
    expect(await waccRow.allTextContents()).toEqual(['7.5%', '7.5%', '7.5%', '7.0%', '7.0%']);
    expect(await page.getByTestId('projection-table').textContent()).toContain('累積割引係数');
    await page.getByTestId('wacc-roic-chart').waitFor();
    await screenshot(page, 'financial-model-depth-ja');
    await context.close();

    // The same version in English.
    const en = await openVersion(browser, modelPath, 2, 'en');
    expect(await en.page.getByRole('textbox', { name: 'Sales-to-capital ratio', exact: true }).inputValue()).toBe('2.5');
    expect(await en.page.getByLabel('RONIC', { exact: true }).inputValue()).toBe('12%');
    expect(await en.page.getByLabel('WACC, FY2029', { exact: true }).inputValue()).toBe('7%');
    await en.page.locator('[data-testid="projection-table"] tr[data-line="roic"]').waitFor();
    expect(await en.page.getByTestId('projection-table').textContent()).toContain('Cumulated discount factor');
    expect(await en.page.getByTestId('value-driver-outputs').textContent()).toContain('Reinvestment rate (g / RONIC)');
    await en.context.close();
  });

  it('moves a model to the operating margin, levers, loss carry-forward and Black–Scholes options, in English', {
    timeout: 180_000,
  }, async () => {
    const { engagement: e, model: created, context, page } = await openNewModel(browser, 'Levers and options (e2e)', 'Levers DCF', 'en');
    const basis = page.getByTestId('forecast-basis');

    // EBIT stays where it was: operating margin = EBITDA margin − D&A (14.0% − 4.1%).
    await basis.getByText('Operating (EBIT) margin', { exact: true }).click();
    expect(await page.getByLabel('Operating (EBIT) margin, FY2025', { exact: true }).inputValue()).toBe('9.9%');
    // Revenue growth from levers: 5% in year 1, 4% in years 2–5; the grid shows the path the lever gives.
    await basis.getByRole('switch', { name: 'Revenue growth from levers' }).click();
    await basis.getByLabel('Growth, year 1', { exact: true }).fill('5');
    await basis.getByLabel('Growth, years 2–5', { exact: true }).fill('4');
    await expect.poll(() => page.getByLabel('Revenue growth, FY2026', { exact: true }).inputValue()).toBe('4%');
    expect(await page.getByLabel('Revenue growth, FY2025', { exact: true }).getAttribute('readonly')).not.toBeNull();
    // The tax rate moves from the effective to the marginal rate by FY2027.
    await basis.getByRole('switch', { name: 'Tax rate from levers' }).click();
    await basis.getByLabel('Marginal tax rate', { exact: true }).fill('25');
    await basis.getByRole('textbox', { name: 'Marginal from', exact: true }).click();
    await page.getByRole('option', { name: 'FY2027', exact: true }).click();
    await expect.poll(() => page.getByLabel('Tax rate on EBIT, FY2027', { exact: true }).inputValue()).toBe('25%');
    // Losses carried forward from an opening balance.
    await basis.getByRole('switch', { name: 'Carry losses forward' }).click();
    await basis.getByLabel('Opening tax losses', { exact: true }).fill('1000');
    // Employee options by Black–Scholes: the three tranches become one grant.
    await page.getByTestId('options-panel').getByText('Black–Scholes', { exact: true }).click();
    await page.getByTestId('options-panel').getByLabel('Volatility', { exact: true }).fill('35');
    await expect.poll(() => page.getByTestId('recalculating').count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId('options-value').waitFor();
    await page.locator('[data-testid="projection-table"] tr[data-line="nolClosing"]').waitFor();

    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByLabel('What changed').fill('Levers, EBIT margin, NOL, Black–Scholes');
    await page.getByRole('button', { name: 'Save version 2', exact: true }).click();
    await page.waitForURL(/version=2$/);
    await expect.poll(() => page.getByTestId('recalculating').count(), { timeout: 10_000 }).toBe(0);

    const saved = await e.analyst.ok<ModelVersion>('GET', `${e.path}/models/${created.id}/versions/2`);
    const f = saved.document.forecast;
    expect(f.ebitdaMargin).toEqual([]);
    expect(f.operatingMargin).toEqual([0.099, 0.102, 0.107, 0.108, 0.108]);
    expect(f.levers).toEqual({
      revenueGrowth: { firstYear: 0.05, years2To5: 0.04 },
      taxRate: { effective: 0.3062, marginal: 0.25, marginalFromYear: 2027 },
    });
    expect(f.lossCarryForward).toEqual({ openingBalance: 1000 });
    expect(saved.document.shares.dilutive).toEqual([]);
    expect(saved.document.shares.options).toMatchObject({ count: 0.87, maturity: 3, volatility: 0.35, dividendYield: 0 });
    const analysis = await e.analyst.ok<ModelAnalysis>('GET', `${e.path}/models/${created.id}/versions/2/analysis`);
    const v = analysis.valuation;
    if (!v) throw new Error('The saved version cannot be valued.');
    const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));
    await expect.poll(async () => digits(await page.getByTestId('value-per-share').textContent())).toBe(Math.round(v.valuePerShare));
    expect(v.projection.lossCarryForward?.closing).toHaveLength(5);
    const nolRow = page.locator('[data-testid="projection-table"] tr[data-line="nolClosing"] td');
    expect((await nolRow.allTextContents()).map((x) => digits(x))).toEqual(
      v.projection.lossCarryForward?.closing.map((x) => Math.round(x)),
    );
    await screenshot(page, 'financial-model-levers-en');
    await context.close();
  });
});
