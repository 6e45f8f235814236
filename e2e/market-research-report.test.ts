import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_SURVEY_KEYS as K } from '../src/infra/demo/survey.js';
import type { DeliverableDetail } from '../src/shared/contracts/deliverables.js';
import type { SurveyDetail, SurveySummary } from '../src/shared/contracts/market-research-api.js';
import type { CanvasSummary } from '../src/shared/contracts/market-sizing-api.js';
import { MIRAI_ANALYST as ANALYST, demoMiraiEngagement, fileBrowser, getJson, MIRAI_OWNER as OWNER, screenshot } from './support.js';

/**
 * A market-research report in Chromium, in Japanese (issue #11): on the demo's ミライ家計簿
 * engagement, the provider's analyst adds a market-research report, writes a findings section,
 * picks the survey dataset and its weighting, adds a table (how households keep accounts by age)
 * shown in that section, and a claim about it whose columns come from the crosstab — and a means
 * table (the monthly price a household would pay, by age) whose claim names no row. The checks run
 * on the draft: the table does not print its bases, a survey finding placed on the section. The
 * analyst ticks the bases, quotes the demo's sizing and submits; the client's owner reads the
 * evidence (dataset, weighting, table, claim, sizing) on the version.
 */

const SURVEY = '消費者調査（n=1,024）';
const WEIGHTING = '人口構成（年代×地域）';
const TABLE = '家計管理の方法（年代別）';
const MEANS_TABLE = '有料版の月額支払意向（年代別）';
const FINDINGS =
  '20代では家計簿アプリ（無料版）で家計を管理する人が 50代より多い。集計表は年代別の家計管理の方法を示し、ベースは各列に記載した。';

const { personIn } = fileBrowser();

/** Picks an option of a Mantine select (or multi-select) by the field's label. */
async function choose(scope: Locator | Page, label: RegExp, option: RegExp | string): Promise<void> {
  await scope.getByRole('textbox', { name: label }).click();
  const page = 'page' in scope ? scope.page() : scope;
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

describe('a market-research report', () => {
  it('the analyst builds the survey evidence, sees a survey finding on the draft, submits; the client reads the evidence', {
    timeout: 240_000,
  }, async () => {
    const run = Date.now().toString(36);
    const title = `市場調査レポート ${run}`;
    const analyst = await personIn(ANALYST, 'ja-JP');
    const a = analyst.page;
    await a.goto('/');
    const e = await demoMiraiEngagement(a);
    const base = `/api/engagements/${e.id}`;
    const surveys = await getJson<SurveySummary[]>(a, `${base}/surveys`);
    const summary = surveys.find((s) => s.name === SURVEY);
    if (!summary) throw new Error('The demo survey dataset is missing.');
    const survey = await getJson<SurveyDetail>(a, `${base}/surveys/${summary.id}`);
    const weighting = survey.weightings.find((w) => w.name === WEIGHTING);
    if (!weighting) throw new Error('The demo weighting is missing.');
    const sizings = await getJson<CanvasSummary[]>(a, `${base}/sizings`);
    const sizing = [...sizings].sort((x, y) => x.createdAt.localeCompare(y.createdAt))[0];
    if (!sizing) throw new Error('The demo sizing is missing.');

    // The analyst adds a market-research report to a milestone.
    await a.goto(`/engagements/${e.id}/deliverables`);
    await a.getByRole('button', { name: '成果物を追加' }).click();
    const create = a.getByRole('dialog', { name: '成果物を追加' });
    await create.getByRole('textbox', { name: /^名称/ }).fill(title);
    await choose(create, /^種類/, '市場調査レポート');
    await create.getByRole('button', { name: '追加する', exact: true }).click();
    await create.waitFor({ state: 'hidden' });
    const form = a.getByTestId('submit-form');
    await form.waitFor();

    // A findings section.
    await a.getByRole('button', { name: 'セクションを追加' }).click();
    const section = a.getByRole('group', { name: 'セクション 1', exact: true });
    await section.getByRole('textbox', { name: /^見出し/ }).fill('調査結果');
    await choose(section, /^役割/, '調査結果');
    await section.getByRole('textbox', { name: /^本文/ }).fill(FINDINGS);

    // The survey: the dataset (its latest version comes with it) and its weighting.
    const evidence = a.getByTestId('research-evidence');
    await choose(evidence, /^調査データセット$/, SURVEY);
    await expect
      .poll(() => evidence.getByRole('textbox', { name: /^データセットの版/ }).inputValue())
      .toContain(`第 ${summary.latestVersion} 版`);
    await choose(evidence, /^ウェイト$/, WEIGHTING);

    // A table of the codebook's questions, shown in the findings section — its bases not printed yet.
    await a.getByRole('button', { name: '集計表を追加' }).click();
    const table = a.getByRole('group', { name: '集計表 1', exact: true });
    await table.getByRole('textbox', { name: /^表題/ }).fill(TABLE);
    await choose(table, /^表側/, new RegExp(`^${K.method}`));
    await choose(table, /^表頭/, new RegExp(`^${K.age}`));
    await choose(table, /^掲載するセクション/, '調査結果 (claims)');
    await table.getByRole('checkbox', { name: 'ベース（列ごとの n）を表に記載している' }).uncheck();

    // A claim about it: the row and columns are the crosstab's categories.
    await a.getByRole('button', { name: '記述を追加' }).click();
    const claim = a.getByRole('group', { name: '記述 1', exact: true });
    expect(await claim.getByRole('textbox', { name: /^集計表/ }).inputValue()).toContain(TABLE);
    expect(await claim.getByRole('textbox', { name: /^記述のあるセクション/ }).inputValue()).toBe('調査結果 (claims)');
    await expect.poll(() => claim.getAttribute('data-cells'), { timeout: 20_000 }).toBe('crosstab');
    await choose(claim, /^行（カテゴリ）/, '家計簿アプリ（無料版）');
    await choose(claim, /^列/, '20代');
    await choose(claim, /^比較する列/, '50代');

    // A table whose rows are a numeric question is a table of means: its claim compares the columns' means and picks no row.
    await a.getByRole('button', { name: '集計表を追加' }).click();
    const meansTable = a.getByRole('group', { name: '集計表 2', exact: true });
    await meansTable.getByRole('textbox', { name: /^表題/ }).fill(MEANS_TABLE);
    await choose(meansTable, /^表側/, new RegExp(`^${K.willingnessToPay}`));
    await choose(meansTable, /^表頭/, new RegExp(`^${K.age}`));
    await choose(meansTable, /^掲載するセクション/, '調査結果 (claims)');
    await a.getByRole('button', { name: '記述を追加' }).click();
    const meansClaim = a.getByRole('group', { name: '記述 2', exact: true });
    await expect.poll(() => meansClaim.getAttribute('data-cells'), { timeout: 20_000 }).toBe('means');
    expect(await meansClaim.getByRole('textbox', { name: /^行（カテゴリ）/ }).count()).toBe(0);
    await choose(meansClaim, /^列/, '20代');
    await choose(meansClaim, /^比較する列/, '50代');

    // The demo's sizing, at its latest version.
    await choose(evidence, /^市場規模の推計/, sizing.title);
    await a.keyboard.press('Escape');
    expect(await evidence.getByRole('textbox', { name: `「${sizing.title}」の版` }).inputValue()).toBe(String(sizing.latestVersion));

    // The checks on the draft: the table's bases are not printed — a survey finding on the findings section.
    await a.getByRole('button', { name: 'チェックを実行' }).click();
    const preview = a.getByTestId('checks-preview');
    await preview.waitFor();
    const baseShown = preview.locator('[data-code="survey.base_shown"]').first();
    await baseShown.waitFor();
    expect(await baseShown.textContent()).toContain(TABLE);
    expect(await baseShown.textContent()).toContain('セクション：調査結果');
    expect(await preview.getByTestId('checks-fail').locator('[data-code="survey.base_shown"]').count()).toBeGreaterThan(0);
    expect(await preview.locator('[data-code="survey.unavailable"]').count()).toBeGreaterThan(0);
    expect(await preview.locator('[data-code="survey.significance"]').count()).toBeGreaterThan(0);
    await screenshot(a, 'market-research-report-checks');

    // A claim comparing a column with itself is refused, and the refusal shows at that field, not above the form.
    const sameColumn = '異なる2つの列を比較してください。';
    await choose(claim, /^比較する列/, '20代');
    await a.getByRole('button', { name: 'この版を提出' }).click();
    await claim.getByText(sameColumn).waitFor();
    expect(await form.getByRole('alert').filter({ hasText: sameColumn }).count()).toBe(0);
    await choose(claim, /^比較する列/, '50代');
    await claim.getByText(sameColumn).waitFor({ state: 'detached' });

    // The analyst prints the bases and submits.
    await table.getByRole('checkbox', { name: 'ベース（列ごとの n）を表に記載している' }).check();
    await a.getByRole('button', { name: 'この版を提出' }).click();
    const v1 = a.getByTestId('version-view');
    await v1.waitFor();
    expect(await v1.getAttribute('data-version')).toBe('1');
    expect(await v1.locator('[data-code="survey.base_shown"][data-finding]').count()).toBeGreaterThan(0);
    const did = new URL(a.url()).searchParams.get('d') ?? '';
    const detail = await getJson<DeliverableDetail>(a, `${base}/deliverables/${did}`);
    const content = detail.versions.at(-1)?.content;
    expect(content).toMatchObject({
      type: 'market_research',
      survey: { id: summary.id, version: summary.latestVersion, weighting: weighting.id, alpha: 0.05, correction: 'bonferroni' },
      tables: [
        { key: 'table', title: TABLE, stub: K.method, banner: K.age, section: 'claims', showsBase: true },
        { key: 'table-2', title: MEANS_TABLE, stub: K.willingnessToPay, banner: K.age, section: 'claims', showsBase: true },
      ],
      claims: [
        { section: 'claims', table: 'table', row: '家計簿アプリ（無料版）', column: '20代', than: '50代', claim: 'higher' },
        // A means claim names the stub question as its row: the checks read none there.
        { section: 'claims', table: 'table-2', row: K.willingnessToPay, column: '20代', than: '50代', claim: 'higher' },
      ],
      sizings: [{ id: sizing.id, version: sizing.latestVersion }],
    });
    await analyst.context.close();

    // The client's owner reads the evidence on the version.
    const owner = await personIn(OWNER, 'ja-JP');
    const o = owner.page;
    await o.goto(`/engagements/${e.id}/deliverables?d=${did}&view=version`);
    const view = o.getByTestId('research-evidence-view');
    await view.waitFor();
    await expect.poll(() => view.textContent()).toContain(`${SURVEY}（第 ${summary.latestVersion} 版）`);
    await expect.poll(() => view.textContent()).toContain(WEIGHTING);
    const tables = o.getByRole('table', { name: '第 1 版の集計表' });
    expect(await tables.textContent()).toContain(TABLE);
    expect(await tables.textContent()).toContain(K.method);
    expect(await tables.textContent()).toContain('記載あり');
    const claims = o.getByRole('table', { name: '第 1 版の記述' });
    expect(await claims.textContent()).toContain('家計簿アプリ（無料版）');
    expect(await claims.textContent()).toContain('より高い');
    await expect.poll(() => o.getByRole('table', { name: '第 1 版の市場規模の推計' }).textContent()).toContain(sizing.title);
    await screenshot(o, 'market-research-report-evidence');
    await owner.context.close();
  });
});
