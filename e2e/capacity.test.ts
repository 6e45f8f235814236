import { describe, expect, it } from 'vitest';
import type { CapacityBoardView } from '../src/shared/contracts/capacity.js';
import type { EngagementView } from '../src/shared/contracts/engagements.js';
import type { ProviderProposalView } from '../src/shared/contracts/staffing.js';
import type { TimesheetView } from '../src/shared/contracts/time.js';
import { ANALYST, ApiSession, engagementInProgress, MANAGER, OWNER } from './api.js';
import { fileBrowser, screenshot } from './support.js';

/**
 * The capacity board (issue #14), in Chromium: the provider's delivery manager, in Japanese, opens
 * it from the navigation and reads people × twelve weeks, each cell planned against available
 * hours; in English the same board speaks English. An analyst has no such door. Adding the demo's
 * busy analyst to a team with planned hours shows, before the click, what it does to their overtime:
 * a warning the manager may accept, and past a legal maximum a block that only the provider admin
 * may lift with a reason. Then the whole path of an award (decision 0011, "Staffing plans and the award"):
 * the analyst's week is filled and approved (through the API; time.test.ts drives the grid), the manager
 * staffs the analyst on a bid and sees the load preview, the client awards it, and the manager sees the
 * analyst's monthly limit crossed on the proposal tab and on the analyst's load page.
 */

/** An ISO date `days` from now (the engagement must still have weeks to plan). */
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** The Monday of the week `days` from now. */
const mondayFromNow = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
};

const { personIn } = fileBrowser();

describe('capacity', () => {
  it('shows the provider’s managers their people × weeks, and no analyst the board', async () => {
    const m = await personIn(MANAGER, 'ja-JP');
    await m.page.goto('/');
    await m.page.getByRole('navigation').getByRole('link', { name: 'キャパシティ' }).click();
    await expect.poll(() => m.page.getByRole('heading', { name: 'キャパシティ', level: 1 }).count()).toBe(1);
    const table = m.page.getByRole('table', { name: '担当者・週ごとの予定工数' });
    await table.waitFor();
    // A header row with the person column and twelve weeks, and a row per analyst or manager.
    expect(await table.getByRole('columnheader').count()).toBe(13);
    expect(await table.getByRole('rowheader').count()).toBeGreaterThan(0);
    expect(await table.getByText(/\d+(\.\d)? \/ \d+(\.\d)? 時間/).count()).toBeGreaterThan(0);
    await m.page.getByRole('button', { name: '次の12週' }).click();
    await m.page.getByRole('button', { name: '今週' }).waitFor();
    await screenshot(m.page, 'capacity-board-ja');

    const en = await personIn(MANAGER, 'en-US');
    await en.page.goto('/capacity');
    await en.page.getByRole('table', { name: 'Planned hours per person and week' }).waitFor();

    const a = await personIn(ANALYST, 'en-US');
    await a.page.goto('/');
    await a.page.getByRole('navigation').getByRole('link', { name: 'Home' }).waitFor();
    expect(await a.page.getByRole('navigation').getByRole('link', { name: 'Capacity' }).count()).toBe(0);
  });

  it('shows what adding an analyst with planned hours does to their load, and blocks a legal maximum for a manager', async () => {
    const e = await engagementInProgress('負荷の確認（e2e）', { withAnalyst: false, targetEnd: daysFromNow(120) });
    const m = await personIn(MANAGER, 'ja-JP');
    await m.page.goto(`/engagements/${e.id}`);
    const team = m.page.getByRole('textbox', { name: '担当者' });
    await team.click();
    await m.page.getByRole('option', { name: ANALYST }).click();
    const hours = m.page.getByRole('textbox', { name: '週あたりの予定工数(時間)' });

    // Far past any limit: the preview says so before the click, and a manager's reason does not lift it.
    await hours.fill('90');
    const effect = m.page.getByTestId('load-warning');
    await expect.poll(() => effect.textContent(), { timeout: 15_000 }).toContain('時間外労働の法定上限を超えます');
    await m.page.getByRole('textbox', { name: '上限を超える理由' }).fill('納期の都合');
    const refused = m.page.waitForResponse((r) => r.url().endsWith(`/api/engagements/${e.id}/team`) && r.request().method() === 'POST');
    await m.page.getByRole('button', { name: 'アサイン', exact: true }).click();
    const reply = await refused;
    expect(reply.status()).toBe(400);
    expect(((await reply.json()) as { error: { issues?: { code: string }[] } }).error.issues?.map((i) => i.code)).toContain(
      'load_limit_breach',
    );
    await m.page
      .getByText(/プロバイダー管理者のみが上書きできます/)
      .first()
      .waitFor();
    expect((await e.manager.ok<{ team: { userId: string }[] }>('GET', e.path)).team.map((t) => t.userId)).not.toContain(e.analyst.userId);
    await screenshot(m.page, 'capacity-load-blocked-ja');

    // A few hours more a week: over the agreement's monthly 45 h, a warning the manager may accept.
    await hours.fill('12');
    await expect.poll(() => effect.textContent(), { timeout: 15_000 }).toContain('月の時間外労働');
    expect(await effect.textContent()).not.toContain('法定上限を超えます');
    await m.page.getByRole('button', { name: 'アサイン', exact: true }).click();
    await expect
      .poll(async () => (await e.manager.ok<{ team: { userId: string }[] }>('GET', e.path)).team.map((t) => t.userId))
      .toContain(e.analyst.userId);
  });

  it('an award whose staffing plan takes the analyst past the monthly limit: the manager sees the warning', async () => {
    // The analyst fills a week (long before the demo's hours) and the manager approves it.
    const work = await engagementInProgress(`稼働の実績(E2E ${Date.now()})`, { targetEnd: daysFromNow(60) });
    const { analyst, manager } = work;
    const week = mondayFromNow(-26 * 7);
    for (let day = 0; day < 5; day++) {
      const date = new Date(Date.parse(`${week}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
      await analyst.ok('POST', `/api/engagements/${work.id}/time-entries`, { date, category: 'research', minutes: 480 });
    }
    const sheetPath = `/api/organizations/${analyst.orgId}/people/${analyst.userId}/timesheets/${week}`;
    const open = await analyst.ok<TimesheetView>('GET', sheetPath);
    const submitted = await analyst.ok<TimesheetView>('POST', `${sheetPath}/submit`, { version: open.version });
    const approved = await manager.ok<TimesheetView>('POST', `${sheetPath}/approve`, { version: submitted.version });
    expect([approved.status, approved.days.slice(0, 5).map((d) => d.minutes)]).toEqual(['approved', [480, 480, 480, 480, 480]]);

    // A new request to the provider, starting in half a year: a new agreement year, past the demo's plans.
    const owner = await ApiSession.of(OWNER);
    const targetStart = mondayFromNow(182);
    const targetEnd = daysFromNow(182 + 83);
    // Whatever else is planned for the analyst then, the bid adds hours to make 52 h a week: 12 h of overtime a
    // week, past the agreement's 45 h a month and well within the legal maxima.
    const board = await manager.ok<CapacityBoardView>(
      'GET',
      `/api/organizations/${manager.orgId}/people/${analyst.userId}/capacity-board?from=${targetStart}`,
    );
    const alreadyPlanned = Math.max(0, ...(board.people[0]?.weeks.map((w) => w.plannedMinutes) ?? []));
    const hours = Math.max(12, 52 - Math.ceil(alreadyPlanned / 60));
    const title = `要員計画の確認(E2E ${Date.now()})`;
    const e = await owner.ok<EngagementView>('POST', '/api/engagements', {
      type: 'market_research',
      title,
      codeName: null,
      objectives: '新規事業の市場規模を把握する。',
      scope: '国内市場、2026〜2030 年。',
      expectedDeliverables: ['市場規模の推計'],
      classification: 'confidential',
      budget: { amount: 3_000_000, currency: 'JPY' },
      targetStart,
      targetEnd,
    });
    const path = `/api/engagements/${e.id}`;
    await owner.ok('POST', `${path}/providers`, { providerOrgIds: [manager.orgId] });
    await owner.ok('POST', `${path}/transitions`, { action: 'request', version: e.version });
    await manager.ok('PUT', `${path}/proposal`, {
      version: 0,
      proposal: {
        approach: '公開統計と業界インタビューによる推計。',
        team: [{ role: 'アナリスト', name: null, hoursPerWeek: hours }],
        milestones: [{ key: 'report', title: '推計レポート', dueDate: targetEnd, weight: 100, deliverables: ['レポート'] }],
        fee: { type: 'fixed', amount: { amount: 2_500_000, currency: 'JPY' } },
        assumptions: '統計は公開されているものを使う。',
        cadenceDays: 7,
      },
    });

    // The delivery manager staffs the analyst on the bid, in Japanese: the load preview warns before the click.
    const m = await personIn(MANAGER, 'ja-JP');
    await m.page.goto(`/engagements/${e.id}/proposals`);
    await m.page.getByRole('heading', { name: '要員計画(社内用)' }).waitFor();
    await m.page.getByRole('button', { name: '担当者を追加' }).click();
    await m.page.getByRole('textbox', { name: '担当者 1', exact: true }).click();
    await m.page.getByRole('option', { name: ANALYST }).click();
    await m.page.getByRole('textbox', { name: '担当者 1 の週あたり時間' }).fill(String(hours));
    const preview = m.page.getByTestId('load-warning');
    await expect.poll(() => preview.textContent(), { timeout: 15_000 }).toContain('月の時間外労働');
    expect(await preview.textContent()).not.toContain('法定上限を超えます');
    await screenshot(m.page, 'staffing-plan-ja');
    await m.page.getByRole('button', { name: '提案を提出' }).click();
    await expect
      .poll(async () => (await manager.ok<ProviderProposalView[]>('GET', `${path}/proposals`))[0]?.status, { timeout: 15_000 })
      .toBe('submitted');
    const [bid] = await manager.ok<ProviderProposalView[]>('GET', `${path}/proposals`);
    expect(bid?.staffing.map((s) => [s.userId, s.weeks[0]?.week, s.weeks[0]?.minutes])).toEqual([
      [analyst.userId, targetStart, hours * 60],
    ]);

    // The client reads the proposal without the plan, and awards it.
    const seen = await owner.ok<Record<string, unknown>[]>('GET', `${path}/proposals`);
    expect(JSON.stringify(seen)).not.toContain(analyst.userId);
    const version = (await owner.ok<EngagementView>('GET', path)).version;
    await owner.ok('POST', `${path}/award`, { proposalId: bid?.id, version });

    // The manager: the analyst is on the team, and what the award did to their load is shown.
    await m.page.goto(`/engagements/${e.id}/proposals`);
    await m.page.getByRole('heading', { name: '採択時の反映結果' }).waitFor();
    const outcome = m.page.getByTestId('load-warning');
    await expect.poll(() => outcome.textContent(), { timeout: 15_000 }).toContain('月の時間外労働');
    expect(await outcome.textContent()).toContain('上限超過');
    await screenshot(m.page, 'staffing-award-ja');
    // The analyst's load page shows the plan and the monthly limit it crosses.
    await m.page.goto(`/time/load/${analyst.userId}`);
    const warning = m.page.getByTestId('plan-warning');
    await expect.poll(() => warning.textContent(), { timeout: 15_000 }).toContain('月の時間外労働');
    expect(await warning.textContent()).toContain('上限超過');
    await screenshot(m.page, 'staffing-load-ja');
    await m.context.close();
    // Several pages and an award on a server shared by the run: more than the default half minute.
  }, 120_000);
});
