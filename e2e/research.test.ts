import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CanvasSummary, MatrixDetail, SizingDetail } from '../src/shared/contracts/market-sizing-api.js';
import { ApiSession } from './api.js';
import { MIRAI_ANALYST as ANALYST, demoMiraiEngagement, fileBrowser, getJson, MIRAI_OWNER as OWNER, screenshot } from './support.js';

/**
 * Market sizing and the competitor matrix (issue #11) in Chromium. The provider's analyst, in
 * Japanese, opens the demo engagement's top-down sizing from the survey tab, reads TAM, SAM and SOM
 * as the API ranges them, and saves a new version with one assumption changed; the view moves to
 * that version with the new SOM. The analyst opens the competitor matrix and picks another
 * horizontal axis for the positioning map: the address and the map follow. The client's owner, in
 * English, opens both links and reads the same figures and map, without an edit control.
 */

const { personIn } = fileBrowser();

const oldestFirst = (list: CanvasSummary[]) => [...list].sort((x, y) => x.createdAt.localeCompare(y.createdAt));

/** The demo's sizing by one approach: the first one made (a later journey adds its own). */
async function demoSizing(
  page: Page,
  base: string,
  summaries: CanvasSummary[],
  approach: SizingDetail['approach'],
): Promise<SizingDetail | undefined> {
  const details = await Promise.all(oldestFirst(summaries).map((s) => getJson<SizingDetail>(page, `${base}/sizings/${s.id}`)));
  return details.find((s) => s.approach === approach);
}

/** Picks an option of a Mantine select by the field's label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The digits of what a cell shows ("¥26,956,800,000" → "26956800000"). */
const digits = async (cell: Locator) => ((await cell.textContent()) ?? '').replace(/[^0-9]/g, '');

/** TAM, SAM and SOM as the page shows them must be the API's ranges, in the attributes and in the text. */
async function readsLevels(page: Page, detail: SizingDetail): Promise<void> {
  const view = page.getByTestId('sizing-view');
  await view.waitFor();
  await expect.poll(() => view.getAttribute('data-version')).toBe(String(detail.version));
  for (const level of ['tam', 'sam', 'som'] as const) {
    const row = page.locator(`[data-testid="sizing-level"][data-level="${level}"]`);
    const range = detail.evaluation.levels[level];
    for (const bound of ['low', 'base', 'high'] as const) {
      expect(await row.getAttribute(`data-${bound}`)).toBe(String(range[bound]));
      expect(await digits(row.locator(`[data-bound="${bound}"]`))).toBe(String(range[bound]));
    }
  }
  const missing = (['tam', 'sam', 'som'] as const).flatMap((l) => detail.sizing.levels[l].factors.filter((f) => f.source === null));
  await expect.poll(() => page.getByTestId('missing-source').count()).toBe(missing.length);
  await expect
    .poll(() => page.getByTestId('tornado-row').count())
    .toBe(detail.evaluation.contributions.filter((c) => c.swing !== 0).length);
}

/** The map as the page shows it must be the API's: its axes, every point, and one symbol per point. */
async function readsMap(page: Page, detail: MatrixDetail): Promise<void> {
  const map = page.getByTestId('positioning-map');
  if (!detail.map) throw new Error('The demo matrix has no positioning map.');
  const { x, y, points } = detail.map;
  await expect.poll(() => map.getAttribute('data-x')).toBe(x.feature);
  await expect.poll(() => map.getAttribute('data-y')).toBe(y.feature);
  await expect.poll(() => page.getByTestId('map-point').count()).toBe(points.length);
  for (const p of points) {
    const row = page.locator(`[data-testid="map-point"][data-competitor="${p.competitor}"]`);
    expect(await row.getAttribute('data-x')).toBe(String(p.x));
    expect(await row.getAttribute('data-y')).toBe(String(p.y));
  }
  await expect.poll(() => map.locator('.recharts-scatter-symbol').count()).toBe(points.length);
}

describe('market sizing and competitor matrix', () => {
  it('the analyst (ja) saves a new sizing version and moves the map; the client owner (en) reads both without edit controls', {
    timeout: 240_000,
  }, async () => {
    const analyst = await personIn(ANALYST, 'ja-JP');
    const a = analyst.page;
    await a.goto('/');
    const e = await demoMiraiEngagement(a);
    const base = `/api/engagements/${e.id}`;
    const summaries = await getJson<CanvasSummary[]>(a, `${base}/sizings`);
    const topDown = await demoSizing(a, base, summaries, 'top_down');
    if (!topDown) throw new Error('The demo top-down sizing is missing.');
    // The demo's matrix is the first one made (a later journey adds its own).
    const [matrixSummary] = oldestFirst(await getJson<CanvasSummary[]>(a, `${base}/competitor-matrices`));
    if (!matrixSummary) throw new Error('The demo competitor matrix is missing.');

    // The survey tab lists the sizings and the matrix under the survey data, with "New" for the analyst.
    await a.goto(`/engagements/${e.id}/surveys`);
    const sizingTable = a.getByRole('table', { name: '市場規模の推計' });
    await sizingTable.waitFor();
    await expect.poll(() => a.getByTestId('sizing-row').count()).toBe(summaries.length);
    await a.getByRole('button', { name: '市場規模を新規作成' }).waitFor();
    await a.getByRole('button', { name: '競合マトリクスを新規作成' }).waitFor();
    await sizingTable.getByRole('button', { name: topDown.title, exact: true }).click();
    await a.waitForURL((url) => url.searchParams.get('sizing') === topDown.id);
    await readsLevels(a, topDown);
    expect(await a.getByTestId('sizing-view').getAttribute('data-can-edit')).toBe('true');
    await screenshot(a, 'research-sizing');

    // A new version with the SOM share moved inside its range: the view shows version n + 1 and its SOM.
    const share = topDown.sizing.levels.som.factors[0];
    if (!share) throw new Error('The demo sizing has no SOM assumption.');
    const middle = Math.round(((share.low + share.high) / 2) * 1000) / 1000;
    const changed = share.base === middle ? share.low : middle;
    await a.getByRole('button', { name: '推計を編集' }).click();
    await a.getByTestId('sizing-editor').waitFor();
    await a.getByRole('textbox', { name: '基準値（SOM 1）' }).fill(String(changed));
    await a.getByRole('textbox', { name: '変更内容' }).fill('SOM のシェアを見直した');
    await a.getByRole('button', { name: `第 ${topDown.latestVersion + 1} 版として保存` }).click();
    const view = a.getByTestId('sizing-view');
    await view.waitFor();
    await expect.poll(() => view.getAttribute('data-version')).toBe(String(topDown.latestVersion + 1));
    const saved = await getJson<SizingDetail>(a, `${base}/sizings/${topDown.id}`);
    expect(saved.version).toBe(topDown.latestVersion + 1);
    expect(saved.sizing.levels.som.factors[0]?.base).toBe(changed);
    expect(saved.evaluation.levels.som.base).not.toBe(topDown.evaluation.levels.som.base);
    await readsLevels(a, saved);
    expect(await a.locator(`[data-testid="assumption-row"][data-key="${share.key}"]`).getAttribute('data-base')).toBe(String(changed));
    const newest = a.locator(`[data-testid="history-row"][data-version="${saved.version}"]`);
    expect(await newest.textContent()).toContain('SOM のシェアを見直した');
    const sizingLink = new URL(a.url());

    // The competitor matrix: the saved map first, then another horizontal axis, kept in the address.
    await a.getByRole('button', { name: '調査データと分析の一覧' }).click();
    await a.getByRole('table', { name: '競合マトリクス' }).getByRole('button').first().click();
    await a.waitForURL((url) => url.searchParams.get('matrix') === matrixSummary.id);
    await a.getByTestId('matrix-view').waitFor();
    const matrix = await getJson<MatrixDetail>(a, `${base}/competitor-matrices/${matrixSummary.id}`);
    await readsMap(a, matrix);
    const axes = matrix.matrix.features.filter((f) => f.kind === 'number' || f.kind === 'level');
    const nextX = axes.find((f) => f.key !== matrix.map?.x.feature && f.key !== matrix.map?.y.feature);
    if (!nextX || !matrix.map) throw new Error('The demo matrix has no third axis.');
    await choose(a, '横軸', nextX.label);
    await a.waitForURL((url) => url.searchParams.get('x') === nextX.key);
    expect(new URL(a.url()).searchParams.get('y')).toBe(matrix.map.y.feature);
    const moved = await getJson<MatrixDetail>(
      a,
      `${base}/competitor-matrices/${matrixSummary.id}?x=${nextX.key}&y=${matrix.map.y.feature}`,
    );
    expect(moved.map?.x.feature).toBe(nextX.key);
    await readsMap(a, moved);
    await screenshot(a, 'research-matrix');
    const matrixLink = new URL(a.url());
    await analyst.context.close();

    // The client's owner opens both links, in English: the same figures and map, nothing to edit.
    const owner = await personIn(OWNER, 'en-US');
    const o = owner.page;
    await o.goto(`${sizingLink.pathname}${sizingLink.search}`);
    await readsLevels(o, saved);
    expect(await o.getByTestId('sizing-view').getAttribute('data-can-edit')).toBe('false');
    await o.getByRole('table', { name: 'Market size by level' }).waitFor();
    expect(await o.getByRole('button', { name: 'Edit sizing' }).count()).toBe(0);
    await o.goto(`${matrixLink.pathname}${matrixLink.search}`);
    await o.getByTestId('matrix-view').waitFor();
    expect(await o.getByTestId('matrix-view').getAttribute('data-can-edit')).toBe('false');
    await readsMap(o, moved);
    expect(await o.getByRole('button', { name: 'Edit matrix' }).count()).toBe(0);
    await o.getByRole('button', { name: 'All survey data and research' }).click();
    await o.getByRole('table', { name: 'Market sizings' }).waitFor();
    expect(await o.getByRole('button', { name: 'New sizing' }).count()).toBe(0);
    expect(await o.getByRole('button', { name: 'New matrix' }).count()).toBe(0);
    await screenshot(o, 'research-owner');
    await owner.context.close();
  });

  it('the analyst sees the server’s refusal on the field it names, and a stale save as a conflict with a reload', {
    timeout: 180_000,
  }, async () => {
    const analyst = await personIn(ANALYST, 'ja-JP');
    const a = analyst.page;
    await a.goto('/');
    const e = await demoMiraiEngagement(a);
    const base = `/api/engagements/${e.id}`;
    const summaries = await getJson<CanvasSummary[]>(a, `${base}/sizings`);
    const bottomUp = await demoSizing(a, base, summaries, 'bottom_up');
    if (!bottomUp) throw new Error('The demo bottom-up sizing is missing.');
    const factor = bottomUp.sizing.levels.som.factors[0];
    if (!factor || !(factor.base > 0)) throw new Error('The demo bottom-up sizing has no SOM assumption.');

    await a.goto(`/engagements/${e.id}/surveys?sizing=${bottomUp.id}`);
    await readsLevels(a, bottomUp);
    await a.getByRole('button', { name: '推計を編集' }).click();
    await a.getByTestId('sizing-editor').waitFor();

    // A high below the base: the server refuses, and says so on that field.
    const high = a.getByRole('textbox', { name: '高位（SOM 1）' });
    await high.fill(String(factor.base / 2));
    const save = a.getByRole('button', { name: `第 ${bottomUp.latestVersion + 1} 版として保存` });
    await save.click();
    await a.getByRole('alert').filter({ hasText: '推計を保存できませんでした。赤で示した項目を直してください。' }).waitFor();
    await expect.poll(() => high.getAttribute('aria-invalid')).toBe('true');
    expect(await a.getByText('下限・基準・上限は 下限 ≤ 基準 ≤ 上限 の順にしてください。', { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(a, 'research-sizing-refused');

    // Someone else saves a version meanwhile: this save builds on a stale one, and the page says so.
    const other = await ApiSession.of(ANALYST);
    await other.ok('POST', `${base}/sizings/${bottomUp.id}/versions`, {
      baseVersion: bottomUp.latestVersion,
      sizing: bottomUp.sizing,
      note: '別の画面から保存',
    });
    await high.fill(String(factor.high));
    await save.click();
    const conflict = a.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('新しい版が保存されています');
    await conflict.getByRole('button', { name: '再読み込み' }).click();
    const view = a.getByTestId('sizing-view');
    await view.waitFor();
    await expect.poll(() => view.getAttribute('data-version')).toBe(String(bottomUp.latestVersion + 1));
    expect(await a.locator(`[data-testid="history-row"][data-version="${bottomUp.latestVersion + 1}"]`).textContent()).toContain(
      '別の画面から保存',
    );
    await analyst.context.close();
  });

  it('the analyst builds a new sizing and a new competitor matrix from empty editors', { timeout: 180_000 }, async () => {
    const run = Date.now().toString(36);
    const analyst = await personIn(ANALYST, 'ja-JP');
    const a = analyst.page;
    await a.goto('/');
    const e = await demoMiraiEngagement(a);
    const base = `/api/engagements/${e.id}`;

    // A sizing of two TAM assumptions, one without a source: SAM and SOM have none, so they equal TAM.
    await a.goto(`/engagements/${e.id}/surveys`);
    await a.getByRole('button', { name: '市場規模を新規作成' }).click();
    await a.waitForURL((url) => url.searchParams.get('sizing') === 'new');
    const editor = a.getByTestId('sizing-editor');
    await editor.waitFor();
    await a.getByRole('textbox', { name: 'タイトル' }).fill(`法人向けテスト市場 ${run}`);
    await a.getByRole('textbox', { name: '市場キー' }).fill(`e2e-${run}`);
    await a.getByRole('textbox', { name: '前提（TAM 1）' }).fill('対象企業数');
    await a.getByRole('textbox', { name: '低位（TAM 1）' }).fill('100');
    await a.getByRole('textbox', { name: '基準値（TAM 1）' }).fill('200');
    await a.getByRole('textbox', { name: '高位（TAM 1）' }).fill('300');
    await a.getByRole('textbox', { name: '出典（TAM 1）' }).fill('テスト用の出典');
    await a.getByRole('region', { name: '獲得可能な最大市場規模' }).getByRole('button', { name: '前提を追加' }).click();
    await a.getByRole('textbox', { name: '前提（TAM 2）' }).fill('1社あたりの年額');
    await a.getByRole('combobox', { name: '単位（TAM 2）' }).selectOption('money');
    for (const bound of ['低位', '基準値', '高位']) await a.getByRole('textbox', { name: `${bound}（TAM 2）` }).fill('1000');
    await a.getByRole('button', { name: '推計を作成' }).click();
    const view = a.getByTestId('sizing-view');
    await view.waitFor();
    await a.waitForURL((url) => !!url.searchParams.get('sizing') && url.searchParams.get('sizing') !== 'new');
    const sizingId = new URL(a.url()).searchParams.get('sizing') ?? '';
    const created = await getJson<SizingDetail>(a, `${base}/sizings/${sizingId}`);
    expect(created.version).toBe(1);
    expect(created.evaluation.levels.tam).toEqual({ low: 100_000, base: 200_000, high: 300_000 });
    expect(created.evaluation.levels.som).toEqual(created.evaluation.levels.tam);
    await readsLevels(a, created);
    expect(await a.getByTestId('missing-source').count()).toBe(1);

    // A matrix of two competitors on a price and a level, with its default map.
    await a.getByRole('button', { name: '調査データと分析の一覧' }).click();
    await a.getByRole('button', { name: '競合マトリクスを新規作成' }).click();
    await a.getByTestId('matrix-editor').waitFor();
    await a.getByRole('textbox', { name: 'タイトル' }).fill(`テスト競合 ${run}`);
    for (const [i, name] of ['甲社', '乙社'].entries()) {
      await a.getByRole('button', { name: '競合を追加' }).click();
      await a.getByRole('textbox', { name: `競合 ${i + 1} の名称` }).fill(name);
    }
    for (const [i, label] of ['月額', '使いやすさ'].entries()) {
      await a.getByRole('button', { name: '機能を追加' }).click();
      await a.getByRole('textbox', { name: `機能 ${i + 1}`, exact: true }).fill(label);
    }
    await a.getByRole('combobox', { name: '機能 1 の種類' }).selectOption('number');
    await a.getByRole('textbox', { name: '機能 1 の単位' }).fill('円');
    const prices = { 甲社: 500, 乙社: 800 };
    const levels = { 甲社: 3, 乙社: 1 };
    for (const name of ['甲社', '乙社'] as const) {
      await a.getByRole('textbox', { name: `${name} の月額` }).fill(String(prices[name]));
      await a.getByRole('combobox', { name: `${name} の使いやすさ` }).selectOption(String(levels[name]));
    }
    await a.getByRole('combobox', { name: '横軸' }).selectOption({ label: '月額' });
    // One axis alone would be dropped on save: the editor says so on the other one and sends nothing.
    await a.getByRole('button', { name: 'マトリクスを作成' }).click();
    await a.getByText('この軸も選ぶか、両方の軸を「なし」にしてください。マップには軸が二つ必要です。', { exact: true }).waitFor();
    await expect.poll(() => a.getByRole('combobox', { name: '縦軸' }).getAttribute('aria-invalid')).toBe('true');
    expect(new URL(a.url()).searchParams.get('matrix')).toBe('new');
    await a.getByRole('combobox', { name: '縦軸' }).selectOption({ label: '使いやすさ' });
    await a.getByRole('button', { name: 'マトリクスを作成' }).click();
    await a.getByTestId('matrix-view').waitFor();
    await a.waitForURL((url) => !!url.searchParams.get('matrix') && url.searchParams.get('matrix') !== 'new');
    const matrixId = new URL(a.url()).searchParams.get('matrix') ?? '';
    const matrix = await getJson<MatrixDetail>(a, `${base}/competitor-matrices/${matrixId}`);
    expect(matrix.map?.points.map((p) => [p.name, p.x, p.y])).toEqual([
      ['甲社', 500, 3],
      ['乙社', 800, 1],
    ]);
    await readsMap(a, matrix);

    // Its next version, from the editor filled with the saved one: one price changed.
    await a.getByRole('button', { name: 'マトリクスを編集' }).click();
    await a.getByTestId('matrix-editor').waitFor();
    expect(await a.getByRole('textbox', { name: '乙社 の月額' }).inputValue()).toBe('800');
    await a.getByRole('textbox', { name: '乙社 の月額' }).fill('700');
    await a.getByRole('button', { name: '第 2 版として保存' }).click();
    const next = a.getByTestId('matrix-view');
    await next.waitFor();
    await expect.poll(() => next.getAttribute('data-version')).toBe('2');
    const saved = await getJson<MatrixDetail>(a, `${base}/competitor-matrices/${matrixId}`);
    expect(saved.map?.points.find((p) => p.name === '乙社')?.x).toBe(700);
    await readsMap(a, saved);
    await analyst.context.close();
  });

  it('a version the link names and the canvas lacks offers the latest; a map with no saved axes keeps the first axis picked', {
    timeout: 180_000,
  }, async () => {
    const run = Date.now().toString(36);
    const analyst = await personIn(ANALYST, 'ja-JP');
    const a = analyst.page;
    await a.goto('/');
    const e = await demoMiraiEngagement(a);
    const base = `/api/engagements/${e.id}`;
    const [sizingSummary] = oldestFirst(await getJson<CanvasSummary[]>(a, `${base}/sizings`));
    if (!sizingSummary) throw new Error('The demo sizing is missing.');

    // ?v= past the latest: "no such version" and a way to the latest, not a retry that cannot work.
    const missing = sizingSummary.latestVersion + 50;
    await a.goto(`/engagements/${e.id}/surveys?sizing=${sizingSummary.id}&v=${missing}`);
    const notice = a.getByTestId('version-missing');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`第 ${missing} 版はありません`);
    await notice.getByRole('button', { name: '最新版を表示' }).click();
    const view = a.getByTestId('sizing-view');
    await view.waitFor();
    await expect.poll(() => view.getAttribute('data-version')).toBe(String(sizingSummary.latestVersion));
    expect(new URL(a.url()).searchParams.get('v')).toBeNull();

    // A matrix saved without a positioning: picking the horizontal axis keeps it, and the vertical one draws the map.
    const other = await ApiSession.of(ANALYST);
    const created = await other.ok<MatrixDetail>('POST', `${base}/competitor-matrices`, {
      matrix: {
        title: `軸なし ${run}`,
        competitors: [
          { key: 'a', name: '甲社' },
          { key: 'b', name: '乙社' },
        ],
        features: [
          { kind: 'number', key: 'price', label: '月額', unit: '円' },
          { kind: 'level', key: 'ease', label: '使いやすさ' },
        ],
        cells: [
          { competitor: 'a', feature: 'price', value: 500 },
          { competitor: 'a', feature: 'ease', value: 3 },
          { competitor: 'b', feature: 'price', value: 800 },
          { competitor: 'b', feature: 'ease', value: 1 },
        ],
      },
    });
    expect(created.map).toBeNull();
    await a.goto(`/engagements/${e.id}/surveys?matrix=${created.id}`);
    await a.getByTestId('matrix-view').waitFor();
    await a.getByText('軸が選ばれていません。機能を二つ選んでください。', { exact: true }).waitFor();
    await choose(a, '横軸', '月額');
    await a.waitForURL((url) => url.searchParams.get('x') === 'price');
    await a.getByText('もう一方の軸も選んでください。マップには二つの軸が必要です。', { exact: true }).waitFor();
    expect(await a.getByRole('textbox', { name: '横軸', exact: true }).inputValue()).toBe('月額');
    await choose(a, '縦軸', '使いやすさ');
    await a.waitForURL((url) => url.searchParams.get('y') === 'ease');
    expect(new URL(a.url()).searchParams.get('x')).toBe('price');
    const drawn = await getJson<MatrixDetail>(a, `${base}/competitor-matrices/${created.id}?x=price&y=ease`);
    await readsMap(a, drawn);
    await a.getByRole('img', { name: 'ポジショニングマップ：月額 × 使いやすさ' }).waitFor();
    await analyst.context.close();
  });
});
