import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalibrationRoundView, DeliverableDetail, GoldItemView, Rubric } from '../src/shared/contracts/deliverables.js';
import type { MilestoneView } from '../src/shared/contracts/engagements.js';
import { ApiSession, engagementInProgress } from './api.js';
import { apiGet, connectBrowser, screenshot, personIn as signedInAs } from './support.js';

/**
 * Quality controls of issue #10, in Chromium, in Japanese. The client's owner plants gold checks
 * (known answers) on an engagement and withdraws one; the provider submits a report that catches
 * one and misses the other, and sees no trace of any of it. The owner sees the version's gold
 * tally, accepts it, and the provider's quality figures on the scorecard change. A client admin
 * starts a calibration round on that version; two reviewers score it blind and see their deviation
 * from the consensus; the admin sees everyone's deviation and the drift table.
 */

const OWNER = 'owner@towa-medical.example';
const REVIEWER = 'reviewer@towa-medical.example';
const SECOND_REVIEWER = 'ip-reviewer@towa-medical.example';
const CLIENT_ADMIN = 'admin@towa-medical.example';
const MANAGER = 'manager@knowledge-bridge.example';
const PROVIDER_NAME = 'ナレッジブリッジ・リサーチ株式会社';

const REPORT = '競合調査レポート';
const CAUGHT = '経済センサスを出典にしているか';
const MISSED = '資料に仕込んだ誤った市場規模（1,500 億円）';
const WITHDRAWN = '確認用の質問：主要 12 社の選定基準';

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

/** Scores every criterion of a rubric form at one level; returns how many criteria there were. */
async function scoreAll(form: Locator, level: number): Promise<number> {
  const groups = form.getByRole('radiogroup');
  const count = await groups.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await groups
      .nth(i)
      .getByRole('radio', { name: new RegExp(`^${level}\\.`) })
      .check();
  }
  return count;
}

/** The provider's row of the quality table on the scorecard page, as text. */
async function qualityRow(page: Page): Promise<{ text: string; goldItems: number }> {
  await page.goto('/providers');
  const row = page.getByTestId('quality-scorecards').getByRole('row').filter({ hasText: PROVIDER_NAME });
  await row.waitFor();
  const text = (await row.textContent()) ?? '';
  const gold = /(\d+) 件中/.exec((await row.getByRole('cell').last().textContent()) ?? '');
  return { text, goldItems: gold ? Number(gold[1]) : 0 };
}

const displayName = async (s: ApiSession) => (await s.ok<{ user: { displayName: string } }>('GET', '/api/session')).user.displayName;

describe('gold checks, the scorecard and calibration', () => {
  it('plants gold unseen by the provider, moves the scorecard on acceptance, and calibrates two reviewers', {
    timeout: 300_000,
  }, async () => {
    const run = Date.now().toString(36);
    const { id, owner, manager } = await engagementInProgress(`品質管理の検証 ${run}`, { withAnalyst: false, owner: OWNER });
    const first = await ApiSession.of(REVIEWER);
    const second = await ApiSession.of(SECOND_REVIEWER);
    const [firstName, secondName] = [await displayName(first), await displayName(second)];
    await owner.ok('POST', `/api/engagements/${id}/team`, { userId: first.userId, role: 'reviewer' });
    await owner.ok('POST', `/api/engagements/${id}/team`, { userId: second.userId, role: 'reviewer' });
    const [milestone] = await manager.ok<MilestoneView[]>('GET', `/api/engagements/${id}/milestones`);
    const created = await manager.ok<DeliverableDetail>('POST', `/api/engagements/${id}/deliverables`, {
      milestoneId: milestone?.id,
      title: REPORT,
      type: 'report',
    });
    const did = created.id;

    // The owner plants a gold check on the report in the browser; two more are planted through the API.
    const o = await personIn(OWNER);
    await o.page.goto(`/engagements/${id}/deliverables`);
    const panel = o.page.getByRole('region', { name: 'ゴールドチェック' });
    await panel.getByText('ゴールドチェックはまだ仕込まれていません。').waitFor();
    expect(await panel.textContent()).toContain('委託先には知らされません。');
    await panel.getByRole('button', { name: 'ゴールドチェックを仕込む' }).click();
    const plant = o.page.getByRole('dialog', { name: 'ゴールドチェックを仕込む' });
    await plant.getByRole('textbox', { name: /^内容/ }).fill(CAUGHT);
    // Nothing to look for yet: kpo says so before sending.
    await plant.getByRole('button', { name: '仕込む', exact: true }).click();
    await plant.getByText('検出に使う語句を 1 つ以上、または文書を指定してください。').waitFor();
    await plant.getByRole('textbox', { name: /^探す語句/ }).fill('経済センサス');
    await plant.getByRole('textbox', { name: /^探す語句/ }).press('Enter');
    await choose(plant, /^対象の成果物/, REPORT);
    await plant.getByRole('button', { name: '仕込む', exact: true }).click();
    await plant.waitFor({ state: 'hidden' });
    const item = (label: string) => panel.getByTestId('gold-item').filter({ hasText: label });
    await item(CAUGHT).waitFor();
    expect(await item(CAUGHT).getAttribute('data-outcome')).toBe('pending');
    expect(await item(CAUGHT).textContent()).toContain(`対象：${REPORT}`);
    await owner.ok<GoldItemView>('POST', `/api/engagements/${id}/gold`, {
      kind: 'planted_error',
      label: MISSED,
      terms: ['1,500 億円'],
      documentId: null,
      deliverableId: null,
    });
    await owner.ok<GoldItemView>('POST', `/api/engagements/${id}/gold`, {
      kind: 'control_question',
      label: WITHDRAWN,
      terms: ['売上 10 億円以上'],
      documentId: null,
      deliverableId: did,
    });
    await o.page.reload();
    // One is withdrawn, after a confirmation.
    await item(WITHDRAWN)
      .getByRole('button', { name: `「${WITHDRAWN}」を取り下げる` })
      .click();
    const confirm = o.page.getByRole('dialog', { name: 'このゴールドチェックを取り下げますか？' });
    await confirm.getByRole('button', { name: '取り下げる' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await item(WITHDRAWN).getByTestId('gold-withdrawn').waitFor();

    // The provider submits a report that names the census (caught) but not the planted figure (missed).
    await manager.ok<DeliverableDetail>('POST', `/api/engagements/${id}/deliverables/${did}/versions`, {
      content: {
        type: 'report',
        sections: [
          { key: 'summary', title: '要約', role: 'summary', body: '国内市場は年 8% で成長している。', citations: [] },
          {
            key: 'market',
            title: '市場規模',
            role: 'claims',
            body: '2025 年の市場規模は 1,350 億円。競合は売上 10 億円以上の 12 社。',
            citations: ['census'],
          },
          {
            key: 'method',
            title: '方法論',
            role: 'methodology',
            body: '公開統計と業界団体の資料から市場規模を推計し、主要 12 社の有価証券報告書で競合を比較した。',
            citations: [],
          },
          {
            key: 'transfer',
            title: 'ナレッジ移転',
            role: 'knowledge_transfer',
            body: '推計の更新手順と係数表を文書庫に保存した。',
            citations: [],
          },
        ],
        references: [
          { id: 'census', title: '経済センサス－活動調査', url: 'https://www.e-stat.go.jp/', documentId: null, locator: '表 3' },
        ],
      },
      documentIds: [],
      note: '',
    });
    await o.page.reload();
    await expect.poll(() => item(CAUGHT).getAttribute('data-outcome')).toBe('caught');
    await o.page.getByRole('table', { name: /の成果物$/ }).waitFor();
    expect(await item(MISSED).getAttribute('data-outcome')).toBe('missed');
    expect(await item(CAUGHT).getByTestId('gold-results').textContent()).toContain(`${REPORT} 第 1 版：検出`);
    await screenshot(o.page, 'quality-gold-panel');

    // The provider sees no trace of the gold checks: not in the tab, not on the version, not from the API.
    const m = await personIn(MANAGER);
    await m.page.goto(`/engagements/${id}/deliverables`);
    await m.page.getByRole('button', { name: `${REPORT} を開く` }).waitFor();
    expect(await m.page.getByTestId('gold-panel').count()).toBe(0);
    await m.page.getByRole('button', { name: `${REPORT} を開く` }).click();
    await m.page.getByTestId('version-view').waitFor();
    expect(await m.page.getByTestId('version-gold').count()).toBe(0);
    const seen = (await m.page.content()) + (await m.page.getByRole('main').textContent());
    for (const word of ['ゴールド', CAUGHT, MISSED, WITHDRAWN]) expect(seen).not.toContain(word);
    expect((await apiGet(m.page, `/api/engagements/${id}/gold`)).status).toBe(403);
    await screenshot(m.page, 'quality-provider-view');
    await m.context.close();

    // Both reviewers score the version (through the API: the review form has its own journey).
    const rubric = await first.ok<Rubric>('GET', `/api/engagements/${id}/rubric`);
    const at = (level: number) => Object.fromEntries(rubric.criteria.map((c) => [c.key, level]));
    const reviews = `/api/engagements/${id}/deliverables/${did}/versions/1/reviews`;
    await first.ok('POST', reviews, { scores: at(4), decision: 'accept', comments: [] });
    await second.ok('POST', reviews, { scores: at(3), decision: 'accept', comments: [] });

    // The provider's quality figures before the owner decides.
    const before = await qualityRow(o.page);

    // The owner sees the version's gold tally (blind review marked), and accepts it.
    await o.page.goto(`/engagements/${id}/deliverables?d=${did}&view=version`);
    const tally = o.page.getByTestId('version-gold');
    await tally.waitFor();
    expect(await tally.textContent()).toBe('ゴールドチェック：2 件中 1 件を検出');
    await o.page.getByTestId('version-blind').waitFor();
    await screenshot(o.page, 'quality-version-gold');
    await o.page.getByRole('tab', { name: '判断', exact: true }).click();
    const decision = o.page.getByTestId('decision-form');
    await decision.getByRole('radio', { name: '受入', exact: true }).check();
    await decision.getByRole('button', { name: '判断を記録' }).click();
    await o.page.getByText(`「${REPORT}」第 1 版：受入`).waitFor();

    // The owner accepts, the scorecard changes: the decided version and both gold checks now count.
    const after = await qualityRow(o.page);
    expect(after.text).not.toBe(before.text);
    expect(after.goldItems).toBe(before.goldItems + 2);
    await screenshot(o.page, 'quality-scorecard');
    await o.context.close();

    // A client admin starts a calibration round from the accepted version, with the two reviewers.
    const admin = await personIn(CLIENT_ADMIN);
    await admin.page.goto(`/engagements/${id}/deliverables?d=${did}&view=version`);
    await admin.page.getByRole('link', { name: 'キャリブレーションに使う' }).click();
    await admin.page.waitForURL(/\/calibration\?/);
    const start = admin.page.getByTestId('start-round-form');
    await start.waitFor();
    await expect.poll(() => start.getByRole('textbox', { name: /^版/ }).inputValue()).toBe('第 1 版');
    expect(await start.getByRole('textbox', { name: /^成果物/ }).inputValue()).toBe(REPORT);
    const roundTitle = `キャリブレーション ${run}`;
    await start.getByRole('textbox', { name: /^ラウンドの名称/ }).fill(roundTitle);
    await choose(start, /^参加者/, new RegExp(`^${firstName}（`));
    await admin.page.getByRole('option', { name: new RegExp(`^${secondName}（`) }).click();
    await admin.page.keyboard.press('Escape');
    await start.getByRole('button', { name: 'ラウンドを開始' }).click();
    await admin.page.waitForURL(/\/calibration\/[0-9a-f-]{36}$/);
    const roundId = admin.page.url().split('/').at(-1) ?? '';
    await admin.page.getByText('まだ誰も採点していません。採点が入ると合意値が表示されます。').waitFor();

    // Each reviewer scores it blind and then sees their deviation from the consensus.
    const scoreAs = async (email: string, level: number) => {
      const r = await personIn(email);
      await r.page.goto('/');
      await r.page.getByRole('navigation').getByRole('link', { name: 'キャリブレーション' }).click();
      const row = r.page.getByRole('table', { name: 'キャリブレーションのラウンド' }).getByRole('row').filter({ hasText: roundTitle });
      await row.waitFor();
      expect(await row.textContent()).toContain('採点待ち');
      await row.getByRole('link', { name: `ラウンド ${roundTitle} を開く` }).click();
      const form = r.page.getByTestId('calibration-score-form');
      await form.waitFor();
      // The reference is the version as submitted.
      expect(await r.page.getByTestId('calibration-round').textContent()).toContain('2025 年の市場規模は 1,350 億円。');
      await scoreAll(form, level);
      await form.getByRole('button', { name: '採点を提出' }).click();
      const mine = r.page.getByTestId('my-deviation');
      await mine.waitFor();
      return { ...r, mine };
    };
    const r1 = await scoreAs(REVIEWER, 4);
    await r1.page.getByTestId('only-you').waitFor();
    await r1.context.close();
    const r2 = await scoreAs(SECOND_REVIEWER, 2);
    // The consensus of 4 and 2 is 3: the second reviewer is one level stricter on every criterion.
    const deviations = await r2.mine.getByTestId('deviation').allTextContents();
    expect(deviations.length).toBeGreaterThan(0);
    expect(new Set(deviations)).toEqual(new Set(['−1.0']));
    await screenshot(r2.page, 'quality-calibration-mine');
    const round = (await apiGet(r2.page, `/api/calibration/rounds/${roundId}`)).body as CalibrationRoundView;
    expect(round.deviations).toBeNull();
    await r2.context.close();

    // The admin sees everyone's deviation, and the drift table with the bias explained.
    await admin.page.reload();
    const all = admin.page.getByTestId('all-deviations');
    await all.waitFor();
    for (const name of [firstName, secondName]) {
      const row = all.locator(`[data-person="${name}"]`);
      expect(await row.getByTestId('person-mad').textContent()).toBe('1.00');
    }
    await screenshot(admin.page, 'quality-calibration-admin');
    await admin.page.getByRole('link', { name: 'ラウンドの一覧' }).click();
    const drift = admin.page.getByTestId('drift-table');
    await drift.waitFor();
    expect(await admin.page.getByTestId('bias-explained').textContent()).toContain('0 より大きければ合意値より甘め');
    expect(await drift.locator(`[data-reviewer="${secondName}"]`).getByTestId('drift-bias').textContent()).toMatch(/^−/);
    expect(await drift.locator(`[data-reviewer="${firstName}"]`).getByTestId('drift-bias').textContent()).toMatch(/^\+/);
    await screenshot(admin.page, 'quality-drift');
    await admin.context.close();
  });
});
