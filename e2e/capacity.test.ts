import { describe, expect, it } from 'vitest';
import { ANALYST, engagementInProgress, MANAGER } from './api.js';
import { fileBrowser, screenshot } from './support.js';

/**
 * The capacity board (issue #14), in Chromium: the provider's delivery manager, in Japanese, opens
 * it from the navigation and reads people × twelve weeks, each cell planned against available
 * hours; in English the same board speaks English. An analyst has no such door. Adding the demo's
 * busy analyst to a team with planned hours shows, before the click, what it does to their overtime:
 * a warning the manager may accept, and past a legal maximum a block that only the provider admin
 * may lift with a reason.
 */

/** An ISO date `days` from now (the engagement must still have weeks to plan). */
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

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
});
