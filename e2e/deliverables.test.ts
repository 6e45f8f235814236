import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementView, DeliverableDetail } from '../src/shared/contracts/deliverables.js';
import { ApiSession, engagementInProgress, MANAGER } from './api.js';
import { apiGet, connectBrowser, screenshot, personIn as signedInAs } from './support.js';

/**
 * Deliverables and their quality (issue #10), in Chromium, in Japanese: the provider's manager adds
 * a report to a milestone and writes it section by section; the checks fail (no methodology) and
 * the version is submitted anyway; the manager adds the methodology, the checks pass and version 2
 * replaces it, and the comparison shows the section added. Two client reviewers score version 2
 * blind — the second sees the first's scores hidden until submitting — and far apart; the owner
 * sees the disagreement side by side and in the agreement figures, and accepts.
 */

const METHOD =
  '公開統計（経済センサス、家計調査）と業界団体の資料から市場規模を推計し、主要 12 社の有価証券報告書と製品カタログで競合を比較した。前提は 2025 年の為替水準で、限界として非上場企業の売上は推定値である。推計式と各係数の出典は付録に示した。';
const TRANSFER =
  '推計の更新手順：(1) 経済センサスの最新版を取得し、(2) 付録の係数表を差し替え、(3) シートの再計算を行う。判断基準として、競合の選定は売上 10 億円以上かつ同一用途の製品を持つ企業とした。引き継ぎ資料は文書庫に保存した。';
const REPORT = '国内市場調査レポート';
/** A client of the demo with two reviewers; its events stay out of the other journeys' client's audit log. */
const OWNER = 'owner@towa-medical.example';
const REVIEWER = 'reviewer@towa-medical.example';
const SECOND_REVIEWER = 'ip-reviewer@towa-medical.example';
const CLIENT_ADMIN = 'admin@towa-medical.example';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const personIn = (email: string) => signedInAs(browser, email);

/** Picks an option of a Mantine select (or multi-select) by the field's label. */
async function choose(scope: Locator | Page, label: RegExp, option: RegExp | string): Promise<void> {
  await scope.getByRole('textbox', { name: label }).click();
  const page = 'page' in scope ? scope.page() : scope;
  await page.getByRole('option', { name: option }).click();
}

const section = (page: Page, n: number) => page.getByRole('group', { name: `セクション ${n}`, exact: true });

async function addSection(page: Page, n: number, title: string, role: string, body: string): Promise<void> {
  await page.getByRole('button', { name: 'セクションを追加' }).click();
  const s = section(page, n);
  await s.getByRole('textbox', { name: /^見出し/ }).fill(title);
  await choose(s, /^役割/, role);
  await s.getByRole('textbox', { name: /^本文/ }).fill(body);
}

/** Scores every criterion of the review form at one level. */
async function scoreAll(page: Page, level: number): Promise<void> {
  const form = page.getByTestId('review-form');
  const groups = form.getByRole('radiogroup').filter({ has: page.getByRole('radio', { name: /^1\./ }) });
  const count = await groups.count();
  expect(count).toBe(5);
  for (let i = 0; i < count; i++) {
    await groups
      .nth(i)
      .getByRole('radio', { name: new RegExp(`^${level}\\.`) })
      .check();
  }
}

describe('deliverables and their review', () => {
  it('checks, resubmits, reviews blind with two reviewers, shows the disagreement and accepts', { timeout: 240_000 }, async () => {
    const run = Date.now().toString(36);
    const { id, owner } = await engagementInProgress(`成果物レビューの検証 ${run}`, { withAnalyst: false, owner: OWNER });
    const first = await ApiSession.of(REVIEWER);
    const second = await ApiSession.of(SECOND_REVIEWER);
    const secondName = (await second.ok<{ user: { displayName: string } }>('GET', '/api/session')).user.displayName;
    await owner.ok('POST', `/api/engagements/${id}/team`, { userId: first.userId, role: 'reviewer' });
    await owner.ok('POST', `/api/engagements/${id}/team`, { userId: second.userId, role: 'reviewer' });
    const base = `/api/engagements/${id}/deliverables`;

    // The provider's manager adds a report to the milestone and writes it, without a methodology.
    const manager = await personIn(MANAGER);
    await manager.page.goto(`/engagements/${id}`);
    await manager.page.getByRole('tab', { name: '成果物', exact: true }).click();
    await manager.page.getByRole('button', { name: '成果物を追加' }).click();
    const create = manager.page.getByRole('dialog', { name: '成果物を追加' });
    await create.getByRole('textbox', { name: /^名称/ }).fill(REPORT);
    await create.getByRole('button', { name: '追加する', exact: true }).click();
    await create.waitFor({ state: 'hidden' });
    const form = manager.page.getByTestId('submit-form');
    await form.waitFor();

    await addSection(manager.page, 1, '要約', '要約', '国内市場は年 8% で成長している。');
    await addSection(manager.page, 2, '市場規模', '調査結果', '2025 年の市場規模は 1,200 億円。');
    await addSection(manager.page, 3, 'ナレッジ移転', 'ナレッジ移転', TRANSFER);
    await manager.page.getByRole('button', { name: '出典を追加' }).click();
    const reference = manager.page.getByRole('group', { name: '出典 1', exact: true });
    await reference.getByRole('textbox', { name: /^名称/ }).fill('経済センサス');
    await reference.getByRole('textbox', { name: /^URL/ }).fill('https://www.e-stat.go.jp/');
    await choose(section(manager.page, 2), /^引用する出典/, /経済センサス/);
    await manager.page.keyboard.press('Escape');

    // The checks run on the draft: the methodology is missing.
    await manager.page.getByRole('button', { name: 'チェックを実行' }).click();
    const preview = manager.page.getByTestId('checks-preview');
    await preview.waitFor();
    expect(await preview.getAttribute('data-status')).toBe('fail');
    expect(await preview.getByTestId('checks-fail').textContent()).toContain('必須セクション「方法論」がありません。');
    await screenshot(manager.page, 'deliverables-checks-fail');

    // Submitted anyway: version 1, received, its failure on record.
    await manager.page.getByRole('button', { name: 'この版を提出' }).click();
    const v1 = manager.page.getByTestId('version-view');
    await v1.waitFor();
    expect(await v1.getAttribute('data-version')).toBe('1');
    expect(await v1.getByTestId('checks-report').getAttribute('data-status')).toBe('fail');
    expect(await v1.getByTestId('version-received').textContent()).toMatch(/\d/);

    // The manager adds the methodology (the form starts from version 1); now the checks pass, and version 2 replaces it.
    await manager.page.getByRole('tab', { name: '版を提出', exact: true }).click();
    await form.waitFor();
    expect(await section(manager.page, 2).getByRole('textbox', { name: /^本文/ }).inputValue()).toBe('2025 年の市場規模は 1,200 億円。');
    await addSection(manager.page, 4, '方法論', '方法論', METHOD);
    await section(manager.page, 2).getByRole('textbox', { name: /^本文/ }).fill('2025 年の市場規模は 1,350 億円。');
    await manager.page.getByRole('button', { name: 'チェックを実行' }).click();
    await expect.poll(() => preview.getAttribute('data-status')).not.toBe('fail');
    await manager.page.getByRole('button', { name: 'この版を提出' }).click();
    await expect.poll(() => manager.page.getByTestId('version-view').getAttribute('data-version')).toBe('2');

    // The comparison: the methodology added, the market size changed (its figure marked).
    await manager.page.getByRole('tab', { name: '版の比較', exact: true }).click();
    const compare = manager.page.getByTestId('version-compare');
    await compare.waitFor();
    expect(await compare.getByTestId('compare-summary').textContent()).toBe('追加 1、削除 0、変更 1、変更なし 2');
    const changed = compare.locator('[data-testid="compared-section"][data-change="changed"]');
    expect(await changed.locator('ins').allTextContents()).toEqual(['1,350']);
    expect(await changed.locator('del').allTextContents()).toEqual(['1,200']);
    expect(await compare.locator('[data-testid="compared-section"][data-change="added"]').textContent()).toContain('方法論');
    await screenshot(manager.page, 'deliverables-compare');
    await manager.context.close();

    // The first reviewer finds version 2 in the review queue and scores it high, seeing no one else's scores.
    const r1 = await personIn(REVIEWER);
    await r1.page.goto('/reviews');
    const queue = r1.page.getByRole('table', { name: '判断を待っている版' });
    const row = queue.getByRole('row').filter({ hasText: REPORT });
    await row.waitFor();
    expect(await row.textContent()).toContain('第 2 版');
    await row.getByRole('link', { name: `${REPORT} 第 2 版を開く` }).click();
    await r1.page.getByTestId('review-form').waitFor();
    expect(await r1.page.getByTestId('other-reviews').textContent()).toContain('ほかのレビュアーはまだ提出していません。');
    await scoreAll(r1.page, 5);
    expect(await r1.page.getByTestId('weighted-score').textContent()).toContain('5.00');
    await r1.page.getByRole('button', { name: 'コメントを追加' }).click();
    await r1.page.getByRole('textbox', { name: 'コメント 1' }).fill('方法論が具体的で、社内で再現できます。');
    await r1.page.getByRole('button', { name: 'レビューを提出' }).click();
    await r1.page.getByRole('table', { name: '第 2 版のレビュー' }).waitFor();

    // Blind: the second reviewer sees that the first has reviewed, not the scores — nor does the API tell.
    const r2 = await personIn(SECOND_REVIEWER);
    await r2.page.goto(`/engagements/${id}/deliverables`);
    await r2.page.getByRole('button', { name: `${REPORT} を開く` }).click();
    const others = r2.page.getByTestId('other-reviews');
    await others.getByTestId('hidden-scores').waitFor();
    expect(await others.textContent()).toContain('ご自身のレビューを提出するまで非表示');
    const did = new URL(r2.page.url()).searchParams.get('d') ?? '';
    const blind = (await apiGet(r2.page, `${base}/${did}`)).body as DeliverableDetail;
    expect(blind.versions.at(-1)?.reviews.map((r) => r.scores)).toEqual([null]);
    await screenshot(r2.page, 'deliverables-review-blind');
    await scoreAll(r2.page, 2);
    await r2.page.getByRole('radio', { name: '差し戻し', exact: true }).check();
    await r2.page.getByRole('button', { name: 'レビューを提出' }).click();
    const table = r2.page.getByRole('table', { name: '第 2 版のレビュー' });
    await table.waitFor();
    // Once in, the first reviewer's scores show beside the second's, three levels apart.
    expect(await table.getByTestId('spread-accuracy').getAttribute('data-disagree')).toBe('true');
    expect(await table.getByTestId('spread-accuracy').textContent()).toBe('3');
    await r1.context.close();
    await r2.context.close();

    // The owner sees the reviews side by side, the split and the spread, and the agreement figures.
    const o = await personIn(OWNER);
    await o.page.goto(`/engagements/${id}/deliverables?d=${did}`);
    const decision = o.page.getByTestId('decision-form');
    await decision.waitFor();
    await o.page.getByTestId('decision-split').waitFor();
    expect(await o.page.getByTestId('score-disagreement').textContent()).toContain('3 段階');
    await screenshot(o.page, 'deliverables-decision');
    await o.page.getByRole('button', { name: '成果物の一覧' }).click();
    const agreement = o.page.getByRole('table', { name: '成果物ごとの一致度' });
    const agreementRow = agreement.getByRole('row').filter({ hasText: REPORT });
    await agreementRow.waitFor();
    expect(await agreementRow.textContent()).toMatch(/ペア 10 件/);
    const figures = (await apiGet(o.page, `/api/engagements/${id}/agreement`)).body as AgreementView;
    expect(figures.pairs).toHaveLength(1);
    expect(await o.page.getByRole('table', { name: 'レビュアーの組ごとの一致度' }).textContent()).toContain(secondName);
    await screenshot(o.page, 'deliverables-agreement');

    // The owner accepts version 2.
    await agreement.waitFor();
    await o.page.getByRole('button', { name: `${REPORT} を開く` }).click();
    await decision.waitFor();
    await decision.getByRole('radio', { name: '受入', exact: true }).check();
    await decision.getByRole('button', { name: '判断を記録' }).click();
    await o.page.getByText(`「${REPORT}」第 2 版：受入`).waitFor();
    const accepted = (await apiGet(o.page, `${base}/${did}`)).body as DeliverableDetail;
    expect(accepted.status).toBe('accepted');
    expect(accepted.versions.map((v) => v.status)).toEqual(['superseded', 'accepted']);
    await o.context.close();
  });

  it('lets a client admin save a rubric template, with the weights checked to total 100 %', async () => {
    const admin = await personIn(CLIENT_ADMIN);
    await admin.page.goto('/');
    await admin.page.getByRole('navigation').getByRole('link', { name: 'ルーブリック' }).click();
    await admin.page.waitForURL(/\/settings\/rubrics$/);
    const card = admin.page.locator('[data-testid="rubric-card"][data-type="market_research"]');
    expect(await card.textContent()).toContain('kpo 標準');
    expect(await card.textContent()).toContain('手法の厳密さ');
    await card.getByRole('button', { name: '市場調査 のルーブリックを編集' }).click();
    const editor = admin.page.getByTestId('rubric-editor');
    const criterion = (n: number) => editor.getByRole('group', { name: `基準 ${n}`, exact: true });
    // The built-in rubric is copied in the reader's words.
    expect(await criterion(1).getByRole('textbox', { name: /^名称/ }).inputValue()).toBe('手法の厳密さ');
    expect(
      await criterion(1)
        .getByRole('textbox', { name: /^段階 5/ })
        .inputValue(),
    ).toContain('優秀');
    await criterion(1).getByRole('textbox', { name: /^重み/ }).fill('30');
    const total = editor.getByTestId('weights-total');
    await expect.poll(() => total.textContent()).toContain('合計：105 %');
    // Saved as it is, the server refuses it and says so at the total.
    await editor.getByRole('button', { name: '新しい版として保存' }).click();
    await expect.poll(() => total.textContent()).toContain('重みの合計が 1.05 です。');
    await criterion(2).getByRole('textbox', { name: /^重み/ }).fill('25');
    await expect.poll(() => total.textContent()).toBe('合計：100 %');
    await editor.getByRole('button', { name: '新しい版として保存' }).click();
    await admin.page.getByText('市場調査 のルーブリックの第 1 版を保存しました。').waitFor();
    await expect.poll(() => card.textContent()).toContain('貴社のテンプレート');
    expect(await card.textContent()).toContain('30 %');
    await admin.context.close();
  });
});
