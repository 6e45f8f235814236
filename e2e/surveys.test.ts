import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSurveyCodebook, demoSurveyCsv, DEMO_SURVEY_KEYS as K } from '../src/infra/demo/survey.js';
import { encodeShiftJis } from '../src/infra/files/shift-jis.js';
import type { DocumentView } from '../src/shared/contracts/documents.js';
import type { SurveyDetail } from '../src/shared/contracts/market-research-api.js';
import { ANALYST, engagementInProgress } from './api.js';
import { apiGet, connectBrowser, personIn, screenshot } from './support.js';

/**
 * The market-research workbench's survey data (issue #11), in Chromium. The provider's analyst, in
 * Japanese, uploads a Shift_JIS response file from the import screen, reads it (kpo says Shift_JIS),
 * corrects the codebook kpo proposes — labels the age bands, makes a 重視点 item a Likert scale,
 * drops the timestamp column — and is refused with the line and column of a code the labels no
 * longer hold; names it a missing code and saves. The analyst weights the data by raking to age
 * targets (the running total must reach 100%), builds a weighted crosstab with significance letters
 * and downloads it as .xlsx. The client's owner, in English, opens the same link and reads the same
 * numbers, without a single edit control.
 */

const RESPONDENTS = 300;
const FILE = '家計管理調査_回答.csv';
const AGE_LABELS = ['20代', '30代', '40代', '50代'];
const AGE_TARGETS = [21, 22, 28, 29];
/** A client of the demo whose events stay out of the audit log the audit journey reads (the other client's). */
const OWNER = 'owner@towa-medical.example';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Picks an option of a Mantine select (or multi-select) by the field's label. */
async function choose(scope: Locator | Page, label: RegExp | string, option: RegExp | string): Promise<void> {
  await scope.getByRole('textbox', { name: label }).click();
  const page = 'page' in scope ? scope.page() : scope;
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

/** The cells of a crosstab as the page shows them: count, percent and letters per row and column. */
async function cellsOf(table: Locator): Promise<{ row: string; col: string; count: string; percent: string; letters: string }[]> {
  return table.locator('[data-testid="crosstab-cell"]').evaluateAll((cells) =>
    cells.map((c) => ({
      row: c.getAttribute('data-row') ?? '',
      col: c.getAttribute('data-col') ?? '',
      count: c.getAttribute('data-count') ?? '',
      percent: c.getAttribute('data-percent') ?? '',
      letters: c.getAttribute('data-letters') ?? '',
    })),
  );
}

interface CrosstabReply {
  kind: 'crosstab';
  weighted: boolean;
  table: { rows: string[]; cols: string[]; counts: number[][]; colPercents: (number | null)[][]; columnTests: { cells: string[][] } };
}

describe('survey data: import, codebook, weighting and crosstabs', () => {
  it('imports a Shift_JIS file through a corrected codebook, weights it, and both sides read the same weighted crosstab', {
    timeout: 300_000,
  }, async () => {
    const run = Date.now().toString(36);
    const { id } = await engagementInProgress(`家計簿アプリの市場調査 ${run}`, { owner: OWNER });
    const bytes = encodeShiftJis(demoSurveyCsv({ respondents: RESPONDENTS }));

    // The analyst opens the engagement's survey data and starts an import: nothing there yet.
    const analyst = await personIn(browser, ANALYST, 'ja-JP');
    const a = analyst.page;
    await a.goto(`/engagements/${id}`);
    await a.getByRole('tab', { name: '調査データ', exact: true }).click();
    await a.getByText('調査データはまだありません。').waitFor();
    await a.getByRole('button', { name: '調査データを取り込む' }).click();

    // The response file is uploaded from the import screen, with its classification, and chosen.
    await a.getByRole('button', { name: '回答ファイルをアップロード' }).click();
    const upload = a.getByRole('dialog', { name: '文書をアップロード' });
    await upload.locator('input[type="file"]').setInputFiles({ name: FILE, mimeType: 'text/csv', buffer: Buffer.from(bytes) });
    await choose(upload, /^機密区分/, /^機密/);
    await upload.getByRole('button', { name: 'アップロード', exact: true }).click();
    await upload.getByTestId('upload-done').waitFor();
    await upload.getByRole('button', { name: '閉じる', exact: true }).click();
    await upload.waitFor({ state: 'hidden' });
    expect(await a.getByRole('textbox', { name: /^回答ファイル/ }).inputValue()).toBe(`${FILE}（第 1 版）`);

    // kpo reads it: Shift_JIS, 300 respondents, the first rows in Japanese.
    await a.getByRole('button', { name: 'ファイルを読み取る' }).click();
    const preview = a.getByTestId('survey-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('preview-encoding').textContent()).toBe('Shift_JIS');
    expect(await preview.getByTestId('preview-respondents').textContent()).toBe('300');
    const sample = a.getByRole('table', { name: '先頭の行' });
    expect(await sample.getByRole('columnheader').allTextContents()).toContain(K.method);
    await expect.poll(() => sample.getByRole('row').count()).toBe(21);
    await screenshot(a, 'surveys-preview');

    // The codebook: label the age bands, make a 重視点 item a Likert scale, drop the timestamp column.
    const editor = a.getByRole('table', { name: 'コードブック' });
    await editor.getByRole('button', { name: `値ラベル（${K.age}）` }).click();
    const ageLabels = a.getByRole('dialog', { name: `${K.age} の値ラベル` });
    for (const [i, label] of AGE_LABELS.entries())
      await ageLabels.getByRole('textbox', { name: `コード ${i + 1} のラベル`, exact: true }).fill(label);
    await ageLabels.getByRole('button', { name: '反映', exact: true }).click();
    await ageLabels.waitFor({ state: 'hidden' });
    expect(await editor.locator(`[data-column="${K.age}"] [data-testid="labels-summary"]`).textContent()).toBe(
      '1=20代, 2=30代, 3=40代, 4=50代',
    );
    await editor.getByRole('combobox', { name: '種類（Q9_1）' }).selectOption('likert');
    expect(await editor.getByRole('textbox', { name: '尺度の上端（Q9_1）' }).inputValue()).toBe('5');
    await editor.getByRole('button', { name: `設問 ${K.answeredAt} を削除` }).click();
    await a
      .getByTestId('ignored-columns')
      .getByRole('button', { name: `列 ${K.answeredAt} を設問に戻す` })
      .waitFor();

    // Dropping code 99 (無回答) from the method's labels: the server names the line and column of each 99.
    await editor.getByRole('button', { name: `値ラベル（${K.method}）` }).click();
    const methodLabels = a.getByRole('dialog', { name: `${K.method} の値ラベル` });
    await methodLabels.getByRole('button', { name: 'コード 99 を削除' }).click();
    await methodLabels.getByRole('button', { name: '反映', exact: true }).click();
    await methodLabels.waitFor({ state: 'hidden' });
    expect(await a.getByRole('textbox', { name: /^データセット名/ }).inputValue()).toBe('家計管理調査_回答');
    await a.getByRole('button', { name: 'データセットを保存' }).click();
    const refusal = a.getByRole('alert').filter({ hasText: 'データがコードブックと合いません。' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      new RegExp(`${K.method}：\\d+ 行目、列「${K.method}」：「99」は設問のコードにありません。`),
    );
    const rowIssues = a.getByRole('list', { name: `${K.method} の問題` });
    await expect.poll(() => rowIssues.getByRole('listitem').count()).toBeGreaterThan(0);
    await screenshot(a, 'surveys-codebook-mismatch');

    // 99 is a missing code, then: the dataset is saved and opens.
    const missing = editor.getByRole('textbox', { name: `無回答コード（${K.method}）` });
    await missing.fill('99');
    await missing.press('Enter');
    await a.getByRole('button', { name: 'データセットを保存' }).click();
    const view = a.getByTestId('survey-view');
    await view.waitFor();
    expect(await view.getAttribute('data-can-edit')).toBe('true');
    expect(await a.getByTestId('survey-respondents').textContent()).toBe('300');
    const sid = new URL(a.url()).searchParams.get('s') ?? '';
    const detail = (await apiGet(a, `/api/engagements/${id}/surveys/${sid}`)).body as SurveyDetail;
    expect(detail.version).toMatchObject({ version: 1, respondents: RESPONDENTS, encoding: 'shift_jis', fileName: FILE });
    const book = detail.version.codebook.questions;
    expect(book.find((q) => q.key === K.age)?.values.map((v) => v.label)).toEqual(AGE_LABELS);
    expect(book.find((q) => q.key === 'Q9_1')).toMatchObject({ type: 'likert', scale: { min: 1, max: 5 } });
    expect(book.find((q) => q.key === K.method)?.missing).toContain('99');
    expect(book.some((q) => q.columns.includes(K.answeredAt))).toBe(false);

    // Weighting: rake on age to the population's shares; the running total must reach 100%.
    await a.getByRole('tab', { name: 'ウェイト', exact: true }).click();
    await a.getByRole('button', { name: '新しいウェイト' }).click();
    const form = a.getByTestId('weighting-form');
    await form.getByRole('textbox', { name: /^名前/ }).fill('人口構成（年代）');
    await choose(form, /^レーキングに使う設問/, K.age);
    await a.keyboard.press('Escape');
    const targets = form.locator(`[data-testid="targets"][data-question="${K.age}"]`);
    const total = targets.getByTestId('targets-total');
    await total.waitFor();
    expect(await total.textContent()).toBe('100.0%'); // the sample's own shares to start from
    const target = (label: string) => targets.getByRole('textbox', { name: `${K.age} = ${label} の目標` });
    await target(AGE_LABELS[0] as string).fill('30');
    expect(await total.getAttribute('data-complete')).toBe('false');
    expect(await form.getByRole('button', { name: 'ウェイトを計算' }).isDisabled()).toBe(true);
    for (const [i, label] of AGE_LABELS.entries()) await target(label).fill(String(AGE_TARGETS[i]));
    await expect.poll(() => total.textContent()).toBe('100.0%');
    expect(await total.getAttribute('data-complete')).toBe('true');
    await form.getByRole('button', { name: 'ウェイトを計算' }).click();
    const report = a.getByTestId('weighting-report');
    await report.waitFor();
    expect(await report.getAttribute('data-converged')).toBe('true');
    expect(await report.getByTestId('weighting-converged').textContent()).toMatch(/回の反復で収束/);
    const margins = a.getByRole('table', { name: '周辺分布：目標、標本、ウェイト後の構成比' });
    for (const [i, label] of AGE_LABELS.entries()) {
      const row = margins.getByRole('row').filter({ hasText: label });
      expect(await row.getByRole('cell').last().textContent()).toBe(`${AGE_TARGETS[i]}.0%`);
    }
    const efficiency = Number((await report.getByTestId('weighting-efficiency').textContent())?.replace('%', ''));
    expect(efficiency).toBeGreaterThan(30);
    expect(efficiency).toBeLessThan(100);
    await screenshot(a, 'surveys-weighting');
    const weightingId = ((await apiGet(a, `/api/engagements/${id}/surveys/${sid}`)).body as SurveyDetail).weightings[0]?.id ?? '';
    expect(weightingId).not.toBe('');

    // A weighted crosstab: how people keep their accounts by age, with significance letters.
    await a.getByRole('tab', { name: 'クロス集計', exact: true }).click();
    await choose(a, /^表側/, new RegExp(`^${K.method}`));
    await choose(a, /^表頭/, new RegExp(`^${K.age}`));
    await choose(a, /^ウェイト$/, '人口構成（年代）');
    const table = a.getByRole('table', { name: `クロス集計：${K.method} × ${K.age}` });
    await expect.poll(() => table.getAttribute('data-weighted')).toBe('true');
    expect(await table.getByTestId('column-letter').allTextContents()).toEqual(['A', 'B', 'C', 'D']);
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining(['20代 A', '50代 D']));
    const shown = await cellsOf(table);
    expect(shown.some((c) => c.letters !== '')).toBe(true);
    await expect.poll(() => table.getByTestId('sig-letters').count()).toBeGreaterThan(0);
    expect(await a.getByTestId('chi-square').textContent()).toMatch(/^カイ二乗検定：χ² = [\d.]+、自由度 \d+、p [=<] 0\.\d{3}/);
    await expect.poll(() => table.getByTestId('base-unweighted-row').count()).toBe(1);
    expect(await a.getByTestId('margin-of-error').textContent()).toContain('有効 n');
    await a.getByTestId('crosstab-chart').waitFor();
    // The page shows what the API computes, cell by cell.
    const query = `stub=${encodeURIComponent(K.method)}&banner=${encodeURIComponent(K.age)}&weighting=${weightingId}`;
    const api = (await apiGet(a, `/api/engagements/${id}/surveys/${sid}/crosstab?${query}`)).body as CrosstabReply;
    expect(api.weighted).toBe(true);
    expect(shown.map((c) => Number(c.count))).toEqual(api.table.counts.flat());
    expect(shown.map((c) => c.letters)).toEqual(api.table.columnTests.cells.flat());
    await screenshot(a, 'surveys-crosstab');
    const link = new URL(a.url());
    expect(link.searchParams.get('w')).toBe(weightingId);

    // The deck as .xlsx, weighted like the table.
    const deck = a.getByTestId('deck-download');
    const href = (await deck.getAttribute('href')) ?? '';
    expect(href).toContain(`stubs=${encodeURIComponent(K.method)}`);
    expect(href).toContain(`weighting=${weightingId}`);
    const [download] = await Promise.all([a.waitForEvent('download'), deck.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = join(mkdtempSync(join(tmpdir(), 'kpo-deck-')), download.suggestedFilename());
    await download.saveAs(path);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    const text = workbook.worksheets.flatMap((ws) => ws.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.map(String) : [])));
    expect(text.join('\n')).toContain('50代');
    await analyst.context.close();

    // The client's owner, in English, opens the same link: the same numbers, no edit control.
    const owner = await personIn(browser, OWNER, 'en-US');
    const o = owner.page;
    await o.goto(`${link.pathname}${link.search}`);
    const ownerTable = o.getByRole('table', { name: `Crosstab: ${K.method} by ${K.age}` });
    await expect.poll(() => ownerTable.getAttribute('data-weighted')).toBe('true');
    expect(await cellsOf(ownerTable)).toEqual(shown);
    expect(await ownerTable.getByTestId('column-letter').allTextContents()).toEqual(['A', 'B', 'C', 'D']);
    expect(await o.getByTestId('chi-square').textContent()).toMatch(/^Chi-square: χ² = [\d.]+, df = \d+, p [=<] 0\.\d{3}/);
    expect(await o.getByTestId('survey-view').getAttribute('data-can-edit')).toBe('false');
    await screenshot(o, 'surveys-crosstab-client');
    await o.getByRole('tab', { name: 'Weighting', exact: true }).click();
    await o.getByTestId('weighting-report').waitFor();
    await expect.poll(() => o.getByRole('button', { name: 'New weighting' }).count()).toBe(0);
    await o.getByRole('tab', { name: 'Codebook', exact: true }).click();
    await o.getByTestId('codebook-table').waitFor();
    await expect.poll(() => o.getByRole('button', { name: 'Edit codebook' }).count()).toBe(0);
    await o.getByRole('button', { name: 'All survey data' }).click();
    const list = o.getByRole('table', { name: 'Survey datasets' });
    await list.getByRole('row').filter({ hasText: '家計管理調査_回答' }).waitFor();
    await expect.poll(() => o.getByRole('button', { name: 'Import survey data' }).count()).toBe(0);
    await owner.context.close();
  });

  it('shows NPS, Likert and means, and saves a corrected codebook as a new version after a conflict', { timeout: 180_000 }, async () => {
    const run = Date.now().toString(36);
    const { id, analyst: api } = await engagementInProgress(`家計簿アプリの顧客調査 ${run}`, { owner: OWNER });
    const doc = await api.ok<DocumentView>(
      'POST',
      `/api/engagements/${id}/documents?name=${encodeURIComponent(FILE)}&classification=confidential`,
      undefined,
      encodeShiftJis(demoSurveyCsv({ respondents: RESPONDENTS })),
    );
    const created = await api.ok<SurveyDetail>('POST', `/api/engagements/${id}/surveys`, {
      name: '家計管理調査',
      documentId: doc.id,
      codebook: demoSurveyCodebook(),
    });
    const base = `/engagements/${id}/surveys?s=${created.id}`;

    // NPS: the score and its interval as the API computes them, and the 0–10 distribution by group.
    const { context, page } = await personIn(browser, ANALYST, 'en-US');
    await page.goto(`${base}&view=frequencies&q=${encodeURIComponent(K.nps)}`);
    const score = page.getByTestId('nps-score');
    await score.waitFor();
    const nps = (await apiGet(page, `/api/engagements/${id}/surveys/${created.id}/scales?questions=${encodeURIComponent(K.nps)}`)).body as {
      result: { score: number; ci: { low: number; high: number } };
    };
    expect(await score.textContent()).toBe(nps.result.score.toFixed(1));
    expect(await page.getByTestId('nps-ci').textContent()).toBe(`${nps.result.ci.low.toFixed(1)} to ${nps.result.ci.high.toFixed(1)}`);
    await page.getByTestId('nps-chart').waitFor();
    await expect
      .poll(() =>
        page
          .getByRole('table', { name: `Frequencies of ${K.nps}` })
          .getByTestId('frequency-row')
          .count(),
      )
      .toBe(11);
    await screenshot(page, 'surveys-nps');

    // A Likert item of the 重視点 grid: its mean, top-2-box, and the grid's Cronbach's alpha.
    const item = demoSurveyCodebook().questions.find((q) => q.type === 'likert' && !q.reverse)?.key ?? '';
    await choose(page, /^Question/, new RegExp(`^${item}`));
    await page.getByTestId('likert-mean').waitFor();
    expect(await page.getByTestId('likert-top2').textContent()).toMatch(/^\d+\.\d%$/);
    expect(await page.getByTestId('grid-alpha').textContent()).toMatch(
      new RegExp(`^Grid ${K.needsGrid}: Cronbach’s α = 0\\.\\d{2} over 6 items`),
    );

    // A numeric stub gives means by column.
    await page.getByRole('tab', { name: 'Crosstabs', exact: true }).click();
    await choose(page, /^Rows/, new RegExp(`^${K.willingnessToPay}`));
    await choose(page, /^Columns/, new RegExp(`^${K.method}`));
    const means = page.getByRole('table', { name: `Means: ${K.willingnessToPay} by ${K.method}` });
    await means.waitFor();
    await expect.poll(() => means.getByTestId('means-mean').getByRole('cell').count()).toBe(5);
    await screenshot(page, 'surveys-means');

    // The codebook is edited while someone else saves a version: a conflict to reload, not an overwrite.
    await page.getByRole('tab', { name: 'Codebook', exact: true }).click();
    await page.getByRole('button', { name: 'Edit codebook' }).click();
    const editor = page.getByRole('table', { name: 'Codebook' });
    await editor.getByRole('textbox', { name: `Question text (${K.gender})` }).fill('性別（自認）をお答えください。');
    await api.ok('POST', `/api/engagements/${id}/surveys/${created.id}/versions`, {
      baseVersion: 1,
      codebook: demoSurveyCodebook(),
      note: '同時に保存された版',
    });
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    const conflict = page.getByTestId('codebook-conflict');
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Reload the dataset' }).click();
    await expect.poll(() => page.getByTestId('survey-view').getAttribute('data-version')).toBe('2');
    await page.getByRole('button', { name: 'Edit codebook' }).click();
    await editor.getByRole('textbox', { name: `Question text (${K.gender})` }).fill('性別（自認）をお答えください。');
    await page.getByRole('textbox', { name: /^What changed/ }).fill('性別の設問文を修正');
    await page.getByRole('button', { name: 'Save as version 3' }).click();
    await expect.poll(() => page.getByTestId('survey-view').getAttribute('data-version')).toBe('3');
    const gender = page.getByTestId('codebook-table').locator(`[data-key="${K.gender}"]`);
    expect(await gender.textContent()).toContain('性別（自認）をお答えください。');
    await page.getByRole('tab', { name: 'History', exact: true }).click();
    const history = page.getByRole('table', { name: 'Versions of the dataset' });
    await expect.poll(() => history.getByTestId('history-row').count()).toBe(3);
    expect(await history.locator('[data-version="3"]').textContent()).toContain('性別の設問文を修正');
    await screenshot(page, 'surveys-history');
    await context.close();
  });
});
