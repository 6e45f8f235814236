import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelAnalysis, ModelVersion } from '../src/shared/contracts/financial-model-api.js';
import { connectBrowser, screenshot } from './support.js';
import { openNewModel, openVersion } from './workbench.js';

/**
 * Segments and custom lines in the workbench (issue #13, points 9 and 10; docs/decisions/0010): in
 * Japanese, the analyst builds revenue from two segments (hardware with a unit cost, services),
 * adds an operating-cost line whose formula is first mistyped — the error, with its character, shows
 * at the field and saving is refused — then fixed, and a display line that cannot be computed in
 * the first year; saves; and reads the server's value per share, the line's values, the segments and
 * "n/a" in the projection. The same version in English.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('segments and custom lines in the workbench', () => {
  it('builds revenue from two segments with an operating-cost line, refuses a mistyped formula at its field, and saves', {
    timeout: 180_000,
  }, async () => {
    const {
      engagement: e,
      model: created,
      path: modelPath,
      context,
      page,
    } = await openNewModel(browser, 'セグメントとカスタム行の検証（e2e）', 'セグメント DCF');
    const valuePerShare = page.getByTestId('value-per-share');
    const save = page.getByRole('button', { name: '新しいバージョンとして保存' });

    // Revenue from segments: the first one carries the revenue growth; renamed, 800 units at 60 with a unit cost of 5.
    const segments = page.getByTestId('segments-panel');
    await segments.getByText('セグメント（数量 × 単価）', { exact: true }).click();
    const growthRow = page.getByTestId('assumption-grid').locator('tr[data-derived="segments"]');
    await growthRow.waitFor();
    expect(await page.getByLabel('売上高成長率（2025年度）', { exact: true }).getAttribute('readonly')).not.toBeNull();
    await segments.getByLabel('セグメント 1 数式で使う名前', { exact: true }).fill('hardware');
    await segments.getByLabel('セグメント 1 数式で使う名前', { exact: true }).press('Tab');
    await segments.getByLabel('セグメント 1 基準年度の数量', { exact: true }).fill('800');
    await segments.getByLabel('セグメント 1 基準年度の単価', { exact: true }).fill('60');
    await segments.getByLabel('セグメント 1 単位原価（任意）', { exact: true }).fill('5');
    // A second segment: services, 36,600 subscribers at 1, growing 10% in FY2025.
    await segments.getByRole('button', { name: 'セグメントを追加' }).click();
    await segments.getByLabel('セグメント 2 数式で使う名前', { exact: true }).fill('services');
    await segments.getByLabel('セグメント 2 数式で使う名前', { exact: true }).press('Tab');
    await segments.getByLabel('セグメント 2 基準年度の数量', { exact: true }).fill('36600');
    await segments.getByLabel('セグメント 2 基準年度の単価', { exact: true }).fill('1');
    await segments.getByLabel('services 数量成長率（2025年度）', { exact: true }).fill('10');
    await expect.poll(() => page.getByTestId('segments-base-revenue').textContent()).toContain('84,600');
    // The grid's revenue growth is what the segments imply: (800·60·1.035 + 36,600·1.1) / 84,600 − 1 = 6.31%.
    await expect.poll(() => page.getByLabel('売上高成長率（2025年度）', { exact: true }).inputValue()).toMatch(/^6\.312\d*%$/);

    // An operating-cost line, its formula mistyped: the error shows at the field, with the character.
    const lines = page.getByTestId('custom-lines');
    await lines.getByRole('button', { name: '行を追加' }).click();
    const rent = page.getByTestId('custom-line-0');
    await rent.getByLabel('行 1 数式で使う名前', { exact: true }).fill('rent');
    await rent.getByLabel('行 1 数式で使う名前', { exact: true }).press('Tab');
    await rent.getByText('営業費用', { exact: true }).click();
    const formula = rent.getByLabel('rent の数式', { exact: true });
    await formula.fill('500 * (1 + 2%');
    await expect.poll(() => rent.textContent()).toContain('数式の 14 文字目が読み取れません。');
    expect(await formula.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => save.isDisabled()).toBe(true);
    await formula.fill('500 * (1 + 2%) ^ t');
    await expect.poll(() => formula.getAttribute('aria-invalid')).not.toBe('true');
    // A display line with no value in the first year (free cash flow has no base year): "n/a" there.
    await lines.getByRole('button', { name: '行を追加' }).click();
    const growth = page.getByTestId('custom-line-1');
    await growth.getByLabel('行 2 数式で使う名前', { exact: true }).fill('fcffGrowth');
    await growth.getByLabel('行 2 数式で使う名前', { exact: true }).press('Tab');
    await growth.getByLabel('fcffGrowth の数式', { exact: true }).fill('fcff / fcff[-1] - 1');
    await growth.getByRole('textbox', { name: '表示形式' }).click();
    await page.getByRole('option', { name: 'パーセント', exact: true }).click();
    await expect.poll(() => save.isDisabled()).toBe(false);
    await expect.poll(() => page.getByTestId('recalculating').count(), { timeout: 10_000 }).toBe(0);
    await page.locator('[data-testid="projection-table"] tr[data-line="line:rent"]').waitFor();

    await save.click();
    await page.getByLabel('変更内容').fill('売上高をセグメントから、家賃を営業費用に');
    await page.getByRole('button', { name: 'バージョン 2 を保存', exact: true }).click();
    await page.waitForURL(/version=2$/);
    await expect.poll(() => page.getByTestId('recalculating').count(), { timeout: 10_000 }).toBe(0);

    // What was saved is what was typed; the screen shows what the server computes for it.
    const saved = await e.analyst.ok<ModelVersion>('GET', `${e.path}/models/${created.id}/versions/2`);
    const f = saved.document.forecast;
    expect(f.revenueGrowth).toEqual([]);
    expect(f.segments).toEqual([
      { name: 'hardware', baseVolume: 800, basePrice: 60, volumeGrowth: [0.035, 0.035, 0.04, 0.035, 0.03], unitCost: 5 },
      { name: 'services', baseVolume: 36600, basePrice: 1, volumeGrowth: [0.1, 0.035, 0.04, 0.035, 0.03] },
    ]);
    expect(f.lines).toEqual([
      { name: 'rent', formula: '500 * (1 + 2%) ^ t', format: 'money', role: 'operatingCost' },
      { name: 'fcffGrowth', formula: 'fcff / fcff[-1] - 1', format: 'percent', role: 'display' },
    ]);
    // The bear case's lower growth became its change of the first segment's volume growth.
    expect(saved.document.scenarios.find((s) => s.name === 'bear')?.overrides.forecast?.segments).toEqual([
      { name: 'hardware', volumeGrowth: [0.03, 0.025, 0.02, 0.015, 0.01] },
    ]);
    const analysis = await e.analyst.ok<ModelAnalysis>('GET', `${e.path}/models/${created.id}/versions/2/analysis`);
    const v = analysis.valuation;
    if (!v) throw new Error('The saved version cannot be valued.');
    const yen = (x: number) => `￥${Math.round(x).toLocaleString('ja-JP')}`;
    await expect.poll(() => valuePerShare.textContent()).toBe(yen(v.valuePerShare));
    const rentLine = v.projection.lines?.find((l) => l.name === 'rent');
    expect(rentLine?.values.map((x) => Math.round(x ?? 0))).toEqual([510, 520, 531, 541, 552]);
    const cells = (line: string) => page.locator(`[data-testid="projection-table"] tr[data-line="${line}"] td`).allTextContents();
    expect(await cells('line:rent')).toEqual(rentLine?.values.map((x) => Math.round(x ?? 0).toLocaleString('ja-JP')));
    expect((await cells('line:fcffGrowth'))[0]).toBe('n/a');
    const hardware = v.projection.segments?.find((s) => s.name === 'hardware');
    expect(await cells('segment:hardware:revenue')).toEqual(hardware?.revenue.map((x) => Math.round(x).toLocaleString('ja-JP')));
    expect(await cells('operatingCosts')).toEqual(v.projection.operatingCosts?.map((x) => Math.round(x).toLocaleString('ja-JP')));
    expect(await cells('revenue')).toEqual(v.projection.revenue.map((x) => Math.round(x).toLocaleString('ja-JP')));
    await screenshot(page, 'financial-model-lines-ja');
    await context.close();

    // The same version in English.
    const en = await openVersion(browser, modelPath, 2, 'en');
    expect(await en.page.getByLabel('Formula of rent', { exact: true }).inputValue()).toBe('500 * (1 + 2%) ^ t');
    expect(await en.page.getByLabel('hardware Volume growth, FY2026', { exact: true }).inputValue()).toBe('3.5%');
    await en.page.locator('[data-testid="projection-table"] tr[data-line="line:rent"]').waitFor();
    const table = (await en.page.getByTestId('projection-table').textContent()) ?? '';
    expect(table).toContain('hardware: revenue');
    expect(table).toContain('Operating costs');
    expect(table).toContain('n/a');
    await en.context.close();
  });
});
