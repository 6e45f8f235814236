import { describe, expect, it } from 'vitest';
import { demoFtoCorpus } from '../src/infra/demo/patents.js';
import type { DeliverableDetail } from '../src/shared/contracts/deliverables.js';
import type { MilestoneView } from '../src/shared/contracts/engagements.js';
import type { PatentCorpusView, SavedSearchView } from '../src/shared/contracts/patents-api.js';
import { ANALYST, engagementInProgress } from './api.js';
import { fileBrowser, getJson, screenshot } from './support.js';

/**
 * A patent search report in Chromium (issue #12, points 2, 3, 4 and 7). The corpus and a saved search
 * of three steps (two searches and their combination, S1 OR S2) are made through the API; the
 * provider's analyst, in Japanese, opens the report deliverable, takes the saved search's steps with
 * their hit counts, adds the key patent as an X result, charts its claim 1 against two documents —
 * deciding the first cell by hand with the passage shown, taking the tool's suggestions for the
 * rest —, runs the checks on the draft and submits. The client's owner, in English, reads the
 * version: the steps, the chart's judgements, the checks, and downloads the PDF.
 */

const OWNER = 'owner@towa-medical.example';
const PRIORITY_DATE = '2024-03-15';
const KEY = 'JP7158342B2';
const CITED = ['JP2015030607A', 'JP4418630B2'] as const;
const { personIn } = fileBrowser();

describe('a patent search report', () => {
  it('the analyst charts a claim against two documents and issues the report; the client reads it and its checks', {
    timeout: 300_000,
  }, async () => {
    const run = Date.now().toString(36);
    const title = `FTO 調査報告書 ${run}`;
    const e = await engagementInProgress(`カフレス血圧計の FTO 報告(E2E ${run})`, { owner: OWNER, type: 'patent_research' });
    const base = `/api/engagements/${e.id}`;
    const corpus = await e.analyst.ok<PatentCorpusView>('POST', `${base}/patent-corpora`, { name: 'FTO 母集合' });
    const records = demoFtoCorpus();
    const file = new TextEncoder().encode(`${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    await e.analyst.ok('POST', `${base}/patent-corpora/${corpus.id}/imports?format=jsonl`, undefined, file);
    const saved = await e.analyst.ok<SavedSearchView>('POST', `${base}/patent-searches`, {
      title: '血圧計 FTO 母集合',
      steps: [
        { query: '脈波伝播時間 AND 手首', corpusId: corpus.id, publishedBefore: PRIORITY_DATE },
        // A facet filter kept with the step: the builder and the report show it beside the cut-off.
        {
          query: '"pulse transit time" AND wrist',
          corpusId: corpus.id,
          publishedBefore: PRIORITY_DATE,
          legalStatuses: ['alive', 'pending'],
        },
        { query: 'S1 OR S2' },
      ],
    });
    expect(saved.steps[2]).toMatchObject({ label: 'S3', combines: ['S1', 'S2'] });
    const [milestone] = await e.manager.ok<MilestoneView[]>('GET', `${base}/milestones`);
    const deliverable = await e.manager.ok<DeliverableDetail>('POST', `${base}/deliverables`, {
      milestoneId: milestone?.id,
      title,
      type: 'patent_research',
    });

    const a = await personIn(ANALYST, 'ja-JP');
    // The search's facets: a legal status clicked is a filter, its count the hits left.
    await a.page.goto(`/engagements/${e.id}/patents?q=${encodeURIComponent('血圧')}`);
    const facets = a.page.getByRole('navigation', { name: 'ヒットの絞り込み' });
    const alive = facets.getByRole('group', { name: '法的状態' }).getByRole('button', { name: /^存続 \(\d+\)$/ });
    const aliveCount = Number((await alive.textContent())?.match(/\((\d+)\)/)?.[1]);
    expect(aliveCount).toBeGreaterThan(0);
    await alive.click();
    const status = a.page.getByRole('region', { name: '検索', exact: true }).getByRole('status');
    await expect.poll(() => status.textContent()).toBe(`${aliveCount} 件ヒット`);
    expect(await alive.getAttribute('aria-pressed')).toBe('true');
    expect(new URL(a.page.url()).searchParams.getAll('status')).toEqual(['alive']);
    await a.page.goto(`/engagements/${e.id}/deliverables?d=${deliverable.id}&view=submit`);
    const builder = a.page.getByTestId('patent-report-builder');
    await builder.waitFor();
    await builder
      .getByRole('textbox', { name: /^調査目的/ })
      .fill('手首装着型カフレス血圧計 TM-W1 の実施の障害となる存続中の権利を調べる。');
    await builder
      .getByRole('textbox', { name: /^調査対象の発明/ })
      .fill('A: 手首に装着する筐体\nB: 二つの光学式脈波センサ\nC: 脈波伝播時間から血圧を推定');
    await builder.getByLabel('優先日').fill(PRIORITY_DATE);

    // The saved search's steps, with the hit counts the server counted.
    await builder.getByRole('textbox', { name: '保存した検索から' }).click();
    await a.page.getByRole('option', { name: '血圧計 FTO 母集合' }).click();
    await builder.getByRole('button', { name: 'ステップを取り込む' }).click();
    const steps = builder.getByRole('table', { name: '検索式とヒット件数' });
    await steps.getByRole('row', { name: /^S3 / }).waitFor();
    for (const [i, step] of saved.steps.entries())
      expect(await steps.getByRole('row', { name: new RegExp(`^S${i + 1} `) }).textContent()).toContain(String(step.hits));
    expect(await steps.getByRole('row', { name: /^S2 / }).textContent()).toContain('法的状態 存続, 審査中');
    await builder.getByRole('textbox', { name: /^スクリーニング基準/ }).fill('存続中または審査中の権利のみ');

    // The key patent as an X result.
    const addResult = builder.getByRole('form', { name: '結果を追加' });
    await addResult.getByRole('textbox', { name: '公報番号' }).fill(KEY);
    await addResult.getByRole('button', { name: '結果を追加' }).click();
    const results = builder.getByRole('table', { name: '抽出結果(ランキング)' });
    await results.getByRole('row', { name: new RegExp(KEY) }).waitFor();
    await results.getByRole('combobox', { name: `${KEY} のカテゴリ` }).selectOption('X');
    await results.getByRole('textbox', { name: `${KEY} の理由` }).fill('請求項1が特徴A〜Cを充足し得る。');

    // Claim 1 charted against two documents.
    const newChart = builder.getByRole('form', { name: '新しいクレームチャート' });
    await newChart.getByRole('textbox', { name: '請求項の特許' }).fill(KEY);
    await newChart.getByRole('combobox', { name: '請求項' }).selectOption('1');
    const cited = newChart.getByRole('textbox', { name: '引用文献' });
    for (const number of CITED) {
      await cited.fill(number);
      await cited.press('Enter');
    }
    await newChart.getByRole('button', { name: 'チャートを作成' }).click();
    const chart = builder.getByRole('region', { name: `${KEY} 請求項1` });
    const table = chart.getByRole('table', { name: `クレームチャート ${KEY} 請求項1` });
    await table.waitFor();
    const rows = await table.getByRole('row').count();
    expect(rows).toBeGreaterThan(2);
    const cells = (rows - 1) * CITED.length;
    await chart.getByText(`${cells} セル中 0 セル判断済み`).waitFor();

    // The first cell decided by hand: a judgement and a passage, whose text is shown.
    const where = `A × ${CITED[0]}`;
    const firstCell = table.locator(`[data-cell="${where}"]`);
    await firstCell.getByRole('combobox', { name: `判断 ${where}` }).selectOption('partly');
    const passage = firstCell.getByRole('combobox', { name: `引用箇所 ${where}` });
    const options = await passage.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    const paragraph = options.find((v) => v.startsWith('paragraph:'));
    expect(paragraph).toBeTruthy();
    await passage.selectOption(paragraph as string);
    const paragraphId = (paragraph as string).slice('paragraph:'.length);
    const text = records.find((r) => r.number === CITED[0])?.description.find((p) => p.id === paragraphId)?.text ?? '';
    await expect.poll(async () => (await firstCell.getByTestId('chart-passage').textContent()) ?? '').toBe(text);
    await firstCell.getByRole('textbox', { name: `メモ ${where}` }).fill('筐体の記載は段落に限られる。');
    await chart.getByText(`${cells} セル中 1 セル判断済み`).waitFor();
    // The rest take the tool's suggestion; the hand-made decision stays.
    await chart.getByRole('button', { name: '未判断のセルに提案を採用' }).click();
    await chart.getByText(`${cells} セル中 ${cells} セル判断済み`).waitFor();
    expect(await firstCell.getAttribute('data-judgement')).toBe('partly');

    await builder.getByRole('textbox', { name: /^調査結果/ }).fill(`${KEY} の請求項1は TM-W1 の特徴を充足し得る。`);
    await builder.getByRole('textbox', { name: /^調査の限界/ }).fill('デモコーパス(60 件)のみを対象とした。');
    await builder.getByText('これらの判断には弁理士による鑑定が必要です。', { exact: false }).first().waitFor();

    // The checks on the draft: every element mapped and decided, every citation in the corpus.
    await builder.getByRole('button', { name: 'チェックを実行' }).click();
    const preview = builder.getByTestId('checks-preview');
    await preview.waitFor();
    for (const code of ['patent.elements_mapped', 'patent.citations_resolve', 'patent.search_steps', 'patent.rights_alive'])
      expect(await preview.getByTestId('checks-pass').locator(`[data-code="${code}"]`).count(), code).toBe(1);
    await screenshot(a.page, 'patent-report-builder-ja');
    await builder.getByRole('button', { name: 'この版を提出' }).click();
    const version = a.page.getByTestId('version-view');
    await version.waitFor();
    await version.getByTestId('patent-report').waitFor();

    const detail = await getJson<DeliverableDetail>(a.page, `${base}/deliverables/${deliverable.id}`);
    const content = detail.versions.at(-1)?.content;
    if (content?.type !== 'patent_research') throw new Error('The version is not a patent report.');
    expect(content.steps.map((s) => [s.formula, s.hits, s.savedSearchId])).toEqual(saved.steps.map((s) => [s.query, s.hits, saved.id]));
    expect(content.steps.map((s) => s.legalStatuses)).toEqual([[], ['alive', 'pending'], []]);
    expect(content.results.map((r) => [r.number, r.category])).toEqual([[KEY, 'X']]);
    const [charted] = content.charts;
    expect(charted?.documents.map((d) => d.number)).toEqual([...CITED]);
    expect(charted?.cells.every((c) => c.judgement !== null)).toBe(true);
    expect(charted?.cells.find((c) => c.element === 'A' && c.document === CITED[0])).toMatchObject({
      judgement: 'partly',
      passage: { kind: 'paragraph', ref: paragraphId },
      note: '筐体の記載は段落に限られる。',
    });

    // The client reads the version in English: the steps, the chart's judgements and the checks.
    const o = await personIn(OWNER, 'en-US');
    await o.page.goto(`/engagements/${e.id}/deliverables?d=${deliverable.id}&view=version`);
    const report = o.page.getByTestId('patent-report');
    await report.waitFor();
    const readSteps = report.getByRole('table', { name: 'Search formulas and hit counts' });
    expect(await readSteps.getByRole('row', { name: /^S1 / }).textContent()).toContain('脈波伝播時間 AND 手首');
    expect(await readSteps.getByRole('row', { name: /^S2 / }).textContent()).toContain('status Alive, Pending');
    const readChart = report.getByRole('table', { name: `Claim chart ${KEY} claim 1` });
    expect(await readChart.locator(`[data-cell="${where}"]`).textContent()).toContain('Partly');
    expect(await report.getByRole('table', { name: 'Ranked results' }).textContent()).toContain(KEY);
    const checks = o.page.getByTestId('checks-report');
    expect(await checks.getByTestId('checks-pass').locator('[data-code="patent.elements_mapped"]').count()).toBe(1);
    expect(await report.textContent()).toContain('弁理士');
    const pdf = report.getByRole('link', { name: 'PDF (English)' });
    const href = await pdf.getAttribute('href');
    const download = await o.page.request.get(href ?? '');
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('application/pdf');
    await screenshot(o.page, 'patent-report-en');
    await Promise.all([a.context.close(), o.context.close()]);
  });
});
