import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, openPage, screenshot, signInQuickly } from './support.js';

/**
 * The financial-modeling workbench (issue #4, point 5), in Chromium: the provider's analyst opens
 * the bank case's demo model, changes terminal growth and sees the value per share move while
 * typing, saves version 3 with a note and compares v2 → v3 (a bridge step for terminal growth);
 * the client's owner opens the same model read-only with its checks and sensitivity heat map;
 * the workbench speaks English to an English browser; and the analyst imports historical
 * statements from a CSV, mapping a label by hand, and sees the live value move.
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
    await page.getByRole('button', { name: 'バージョン 3 を保存', exact: true }).dblclick(); // one version, not two
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
    const step = steps.getByRole('row').filter({ hasText: '永久成長率' });
    expect(await step.count()).toBe(1);
    const stepText = (await step.textContent()) ?? '';
    expect(stepText).toContain('永久成長率');
    expect(stepText).toContain('0.8%');
    expect(stepText).toContain('1.2%');
    expect(stepText).toMatch(/\+￥[\d,]+/);
    expect(await page.getByTestId('value-bridge').textContent()).toContain(`v2 ${before} → v3 ${after}`);
    expect(await page.getByRole('img', { name: 'バージョン 2 からバージョン 3 へのバリューブリッジ' }).isVisible()).toBe(true);
    await screenshot(page, 'financial-model-provider-ja');

    // Version 3 is a draft until the analyst shares it; it has warnings but no failing check, so a reason is optional.
    const sharing = page.getByTestId('sharing-state');
    expect(await sharing.textContent()).toContain('第 3 版は下書きです');
    await page.getByRole('button', { name: '依頼元に共有' }).click();
    await page.getByRole('dialog').getByText('この版には警告があります。', { exact: false }).waitFor();
    await page.getByRole('button', { name: '共有する', exact: true }).click();
    await page.locator('.mantine-Notification-root').filter({ hasText: '第 3 版を依頼元に共有しました。' }).first().waitFor();
    await expect.poll(() => sharing.textContent()).toMatch(/第 3 版は .+ に .+ が依頼元に共有しました。/);
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
    expect(await page.getByRole('button', { name: '過去の財務諸表を取り込む' }).count()).toBe(0);
    // Downloads are there for the client too.
    expect(await page.getByRole('link', { name: 'Excel（.xlsx）' }).getAttribute('href')).toMatch(
      /\/versions\/3\/export\.xlsx\?language=ja$/,
    );

    const checks = page.getByTestId('checks-panel');
    await checks.waitFor();
    await expect.poll(() => checks.textContent()).toMatch(/不合格 0 · 警告 \d+ · 合格 \d+/);
    // The demo model names no source for its size premium: a warning in Japanese, with the field it
    // points at by its label, never by an internal path.
    const warnings = page.getByTestId('checks-warn');
    expect(await warnings.textContent()).toContain('前提「サイズプレミアム」に出典がありません。');
    expect(await warnings.textContent()).not.toContain('sources.');

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

    // The client discusses what was shared; the provider hears of it.
    const comments = page.getByTestId('model-comments');
    await comments.scrollIntoViewIfNeeded();
    await page.getByLabel('コメントを書く').fill('永久成長率 1.2% の根拠となったインタビュー記録を共有してください。');
    const before = await comments.getByTestId('model-comment').count();
    await page.getByRole('button', { name: 'コメントする', exact: true }).dblclick(); // one comment, not two
    await expect.poll(() => comments.getByTestId('model-comment').last().textContent()).toContain('インタビュー記録を共有してください');
    expect(await comments.getByTestId('model-comment').count()).toBe(before + 1);
    expect(await comments.getByTestId('model-comment').last().textContent()).toContain('依頼元');
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

  it('imports historical statements from a CSV with a mapping step, and the live value follows', { timeout: 120_000 }, async () => {
    // The demo model's historical years (FY2021–2024, as 2022年3月期–2025年3月期), in millions of yen;
    // FY2024 revenue 86,000 instead of 84,600. Costs printed negative, a title row, a label the
    // importer does not know (法人税、住民税及び事業税) and a notes row that is no amount.
    const csv = [
      '損益計算書（単位：百万円）,,,,',
      '科目,2022年3月期,2023年3月期,2024年3月期,2025年3月期',
      '売上高,"72,400","78,900","81,200","86,000"',
      '売上原価,"▲51,050","▲55,500","▲56,700","▲59,900"',
      '販売費及び一般管理費,"15,050","16,050","16,900","17,450"',
      '減価償却費,"3,050","3,200","3,350","3,450"',
      '営業利益,"6,300","7,350","7,600","8,650"',
      '支払利息,95,88,80,72',
      '法人税、住民税及び事業税,"1,950","2,300","2,400","2,750"',
      '当期純利益,"4,300","5,050","5,250","6,050"',
      '備考,監査済,監査済,監査済,未監査',
    ].join('\r\n');
    const file = join(mkdtempSync(join(tmpdir(), 'kpo-import-')), '星野精密_損益計算書.csv');
    writeFileSync(file, csv, 'utf8');

    const { context, page } = await personIn(ANALYST);
    await openDemoModel(page, PROVIDER_SEES);
    const valuePerShare = page.getByTestId('value-per-share');
    await expect.poll(() => page.getByTestId('recalculating').count()).toBe(0);
    const before = (await valuePerShare.textContent()) ?? '';
    expect(before).toMatch(/^￥[\d,]+$/);

    await page.getByRole('button', { name: '過去の財務諸表を取り込む' }).click();
    const dialog = page.getByRole('dialog', { name: '過去の財務諸表の取り込み' });
    await dialog.waitFor();
    // Anything but .csv / .xlsx is refused in the browser, before it is sent.
    const pdf = join(file, '..', 'statements.pdf');
    writeFileSync(pdf, '%PDF-1.4');
    await dialog.locator('input[type="file"]').setInputFiles(pdf);
    await expect.poll(() => dialog.getByTestId('import-file-problem').textContent()).toContain('.csv と .xlsx');
    await dialog.locator('input[type="file"]').setInputFiles(file);
    await expect.poll(() => dialog.getByTestId('import-read').textContent()).toContain('11 行');
    await dialog.getByRole('button', { name: '次へ' }).click();

    // The suggestion: the header row found under the title, known labels mapped, the rest left out.
    await dialog.getByTestId('import-preview').waitFor();
    expect(await dialog.locator('[data-testid="import-preview"] td[data-role="header"]').first().textContent()).toBe('科目');
    const mapsTo = (label: string) => dialog.getByRole('textbox', { name: `${label}の取り込み先`, exact: true });
    expect(await mapsTo('売上高').inputValue()).toBe('売上高');
    expect(await mapsTo('売上原価').inputValue()).toBe('売上原価');
    expect(await mapsTo('当期純利益').inputValue()).toBe('当期純利益');
    expect(await mapsTo('法人税、住民税及び事業税').inputValue()).toBe('取り込まない');
    expect(await dialog.getByTestId('import-left-out').textContent()).toContain('法人税、住民税及び事業税');
    expect(await dialog.getByTestId('import-years').textContent()).toContain('2024年度');

    const choose = async (label: string, line: string) => {
      await mapsTo(label).click();
      await page.getByRole('option', { name: line, exact: true }).click();
      await expect.poll(() => mapsTo(label).inputValue()).toBe(line);
    };
    // One label mapped by hand.
    await choose('法人税、住民税及び事業税', '法人税等');
    // A wrong choice first: the notes row is no amount. Every problem is listed, each on its row.
    await choose('備考', '営業キャッシュ・フロー');
    await dialog.getByRole('button', { name: '取り込む', exact: true }).click();
    const issues = dialog.getByTestId('import-issues');
    await issues.waitFor();
    expect(await issues.textContent()).toContain('問題 4 件');
    expect(await issues.textContent()).toContain('セル B11');
    const notesRow = dialog.locator('[data-testid="import-line"][data-label="備考"]');
    expect(await notesRow.getAttribute('data-invalid')).toBe('true');
    expect(await notesRow.getByTestId('import-line-issue').count()).toBe(4);
    expect(await notesRow.getByTestId('import-line-issue').first().textContent()).toBe('B11: 「監査済」は数値ではありません。');
    expect(await dialog.locator('[data-testid="import-line"][data-invalid]').count()).toBe(1);
    await screenshot(page, 'financial-model-import-ja');

    // Left out, it imports: four years with their key lines.
    await choose('備考', '取り込まない');
    await dialog.getByRole('button', { name: '取り込む', exact: true }).click();
    await expect.poll(() => dialog.getByTestId('import-result-summary').textContent()).toContain('4 年分');
    const result = (await dialog.getByTestId('import-result').textContent()) ?? '';
    expect(result).toContain('2024年度');
    expect(result).toContain('86,000');
    expect(result).toContain('12,100'); // FY2024 EBITDA: 8,650 + 3,450
    expect(await dialog.getByTestId('import-year-warning').count()).toBe(0); // same last year as the model

    // Used: the draft changes (unsaved) and the live value per share follows.
    await dialog.getByRole('button', { name: 'この実績を使う' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('unsaved-badge').waitFor();
    await expect.poll(() => valuePerShare.textContent(), { timeout: 10_000 }).not.toBe(before);
    expect(await valuePerShare.textContent()).toMatch(/^￥[\d,]+$/);
    await context.close();
  });

  it('reads the sheet chosen in a workbook', { timeout: 60_000 }, async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表紙').addRow(['星野精密工業 決算資料']);
    const pl = wb.addWorksheet('PL');
    pl.addRow(['科目', 'FY2023', 'FY2024']);
    pl.addRow(['売上高', 81200, 86000]);
    pl.addRow(['営業利益', 7600, 8650]);
    const file = join(mkdtempSync(join(tmpdir(), 'kpo-import-')), '決算資料.xlsx');
    await wb.xlsx.writeFile(file);

    const { context, page } = await personIn(ANALYST);
    await openDemoModel(page, PROVIDER_SEES);
    await page.getByRole('button', { name: '過去の財務諸表を取り込む' }).click();
    const dialog = page.getByRole('dialog', { name: '過去の財務諸表の取り込み' });
    await dialog.locator('input[type="file"]').setInputFiles(file);
    // The first sheet is read first; choosing another reads it again.
    await expect.poll(() => dialog.getByTestId('import-read').textContent()).toContain('1 行');
    const sheet = dialog.getByRole('textbox', { name: 'シート' });
    expect(await sheet.inputValue()).toBe('表紙');
    await sheet.click();
    await page.getByRole('option', { name: 'PL', exact: true }).click();
    await expect.poll(() => dialog.getByTestId('import-read').textContent()).toContain('3 行');
    await dialog.getByRole('button', { name: '次へ' }).click();
    expect(await dialog.getByRole('textbox', { name: '売上高の取り込み先', exact: true }).inputValue()).toBe('売上高');
    expect(await dialog.getByTestId('import-years').textContent()).toContain('2024年度');
    await context.close();
  });
});
