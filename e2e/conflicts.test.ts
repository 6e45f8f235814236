import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngagementView } from '../src/shared/contracts/engagements.js';
import { ApiSession, engagementInProgress, MANAGER } from './api.js';
import { connectBrowser, screenshot, personIn as signedInAs } from './support.js';

/**
 * Conflict walls (issue #9, point 8), in Chromium, the way each person meets them: a provider
 * analyst declares a current employer in Settings; the client's admin puts that company on the
 * restricted list; the engagement's owner names it as the target; the provider's manager who tries
 * to put the analyst on the team is refused, told the kind of conflict but not the company; the
 * client's admin lifts the wall with a reason, and the manager's second try goes through. The
 * engagement is built through the API (the demo server is shared by every journey); the company's
 * name is the run's own, so nothing else of the demo meets this wall.
 */

const CLIENT_ADMIN = 'admin@marunouchi-capital.example';
const DECLARING = 'analyst1@knowledge-bridge.example';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const personIn = (email: string) => signedInAs(browser, email);

describe('conflict walls', () => {
  it('a declared employer named as the target blocks the assignment, a client admin lifts it with a reason, and the next try succeeds', async () => {
    const company = `北辰精機株式会社 ${Date.now().toString(36)}`;
    const { id } = await engagementInProgress('利益相反の確認を伴う競合調査', { withAnalyst: false });
    const declaring = await ApiSession.of(DECLARING);

    // The analyst declares where they work now, in Settings.
    const analyst = await personIn(DECLARING);
    await analyst.page.goto('/settings#conflict-declarations');
    await analyst.page.getByRole('button', { name: '勤務先を追加' }).click();
    const row = analyst.page.getByTestId('employer-row').last();
    await row.getByRole('textbox', { name: /^会社名/ }).fill(company);
    await row.getByLabel(/^入社日/).fill('2021-04-01');
    await analyst.page.getByRole('button', { name: '申告を保存' }).click();
    await analyst.page.getByText('申告を保存しました。').waitFor();
    await screenshot(analyst.page, 'conflicts-declared');
    await analyst.context.close();

    // The client's admin puts the company on the restricted list (a provider never sees it).
    const admin = await personIn(CLIENT_ADMIN);
    await admin.page.goto('/settings#restricted-list');
    await admin.page.getByRole('button', { name: '会社を追加' }).click();
    await admin.page.getByRole('textbox', { name: /^名称/ }).last().fill(company);
    await admin.page.getByRole('button', { name: 'リストを保存' }).click();
    await admin.page.getByText('制限リストを保存しました。').waitFor();

    // The owner names it the engagement's target (the client admin leads every engagement of the client).
    await admin.page.goto(`/engagements/${id}`);
    await admin.page.getByRole('tab', { name: '利益相反', exact: true }).click();
    await admin.page.getByRole('textbox', { name: '対象会社' }).click();
    await admin.page.getByRole('option', { name: company }).click();
    await admin.page.getByRole('button', { name: '保存', exact: true }).click();
    await admin.page.getByText('利益相反の条件を保存しました。').waitFor();

    // The provider's manager tries to put the analyst on the team: refused, with the kind, not the company.
    const manager = await personIn(MANAGER);
    await manager.page.goto(`/engagements/${id}`);
    const team = manager.page.getByRole('table', { name: 'チーム' });
    await team.waitFor();
    const assign = async () => {
      await manager.page.getByRole('textbox', { name: '担当者' }).click();
      await manager.page.getByRole('option', { name: new RegExp(DECLARING) }).click();
      await manager.page.getByRole('button', { name: 'アサイン', exact: true }).click();
    };
    await assign();
    const refusal = manager.page.getByRole('alert').filter({ hasText: '利益相反があります' });
    await refusal.waitFor();
    const said = (await refusal.textContent()) ?? '';
    expect(said).toContain('対象会社に在籍中');
    expect(said).not.toContain(company);
    await screenshot(manager.page, 'conflicts-blocked');
    const managerApi = await ApiSession.of(MANAGER);
    expect((await managerApi.ok<EngagementView>('GET', `/api/engagements/${id}`)).team.map((m) => m.userId)).not.toContain(
      declaring.userId,
    );

    // The client's admin sees the blocked candidate in the report and lifts the wall with a reason.
    await admin.page.reload();
    await admin.page.getByRole('tab', { name: '利益相反', exact: true }).click();
    const report = admin.page.getByRole('table', { name: '利益相反レポート' });
    const candidate = report.getByRole('row').filter({ hasText: 'ブロック中' });
    await candidate.waitFor();
    expect(await candidate.textContent()).toContain(company);
    await candidate.getByRole('button', { name: '制限を解除' }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog
      .getByRole('textbox', { name: /^理由/ })
      .fill('退職予定日が確定しており、対象会社の案件には関与していないことを本人と確認済み。');
    await dialog.getByRole('button', { name: '解除する' }).click();
    await report.getByRole('row').filter({ hasText: '解除済み' }).waitFor();
    await screenshot(admin.page, 'conflicts-overridden');
    await admin.context.close();

    // The manager's next try goes through.
    await manager.page.reload();
    await assign();
    await manager.page.getByText(/さんをアサインしました。/).waitFor();
    expect((await managerApi.ok<EngagementView>('GET', `/api/engagements/${id}`)).team.map((m) => m.userId)).toContain(declaring.userId);
    await manager.context.close();
  });
});
