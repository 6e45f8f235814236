import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { StrainView } from '../src/shared/contracts/capacity.js';
import type { EngagementList } from '../src/shared/contracts/engagements.js';
import type { TimesheetView } from '../src/shared/contracts/time.js';
import { ANALYST, ApiSession, engagementInProgress, MANAGER } from './api.js';
import { apiGet, fileBrowser, getJson, screenshot } from './support.js';

/**
 * Time (issue #14), in Chromium. The provider's analyst, in Japanese, fills a week on the weekly
 * timesheet (five days of eight hours on a new engagement) and submits it; the delivery manager
 * opens it from the approvals page, then approves it there in bulk (selected, one action), and the
 * analyst's week is then locked, offering only a correction; their load page shows the signs of
 * strain beside the hours. The bank's owner, in English, reads the demo engagement Project Sakura, whose SOW
 * bills by time: on its Time tab only the bank's own people's hours and the provider team's total —
 * never the analyst's hours or name — and logs an hour and a half of Q&A from the quick entry; the
 * control tab shows the bank's hidden hours at its internal rates. Nobody at the bank reads the
 * analyst's week.
 */

const BANK_OWNER = 'owner@marunouchi-capital.example';
const { personIn } = fileBrowser();

const DAY = 86_400_000;
/** A Monday twenty weeks back: before the demo's eight weeks of hours, so the week starts empty. */
function quietMonday(): string {
  const today = new Date(Date.now() + 9 * 3_600_000);
  const back = new Date(today.getTime() - 140 * DAY);
  const monday = new Date(back.getTime() - ((back.getUTCDay() + 6) % 7) * DAY);
  return monday.toISOString().slice(0, 10);
}

/** Picks an option of a Mantine select by the field's label, within a part of the page. */
async function choose(scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByRole('textbox', { name: label, exact: true }).click();
  await scope.page().getByRole('option', { name: option, exact: true }).click();
}

describe('time', () => {
  it('an analyst fills and submits a week, the manager approves it; the client sees its own hours and the team total', {
    timeout: 120_000,
  }, async () => {
    const title = `工数入力の確認(E2E ${Date.now()})`;
    const e = await engagementInProgress(title);
    const analystApi = await ApiSession.of(ANALYST);
    const week = quietMonday();

    // The analyst, in Japanese: the week from the navigation, then the chosen one.
    const a = await personIn(ANALYST, 'ja-JP');
    await a.page.goto('/');
    await a.page.getByRole('navigation').getByRole('link', { name: '工数表' }).click();
    await a.page.getByRole('heading', { name: '工数表', level: 1 }).waitFor();
    await a.page.goto(`/time?week=${week}`);
    await a.page.getByTestId('week-status').getByText('入力中').waitFor();
    const grid = a.page.getByRole('table', { name: '週の工数' });
    await grid.getByText('この週の工数はまだありません。').waitFor();

    const addRow = a.page.getByRole('group', { name: '行を追加' });
    await choose(addRow, '案件', title);
    await choose(addRow, '区分', '調査');
    await addRow.getByRole('button', { name: '追加' }).click();
    const row = grid.getByRole('row', { name: new RegExp(`${title.replace(/[()]/g, '.')} · 調査`) });
    const cells = row.getByRole('textbox');
    await expect.poll(() => cells.count()).toBe(7);
    for (let day = 0; day < 5; day++) await cells.nth(day).fill(day === 4 ? '7.5' : '8');
    await a.page.getByRole('textbox', { name: 'メモ' }).fill('先行文献の調査');
    await a.page.getByRole('button', { name: '工数を保存' }).click();
    // Five entries, one request each: wait for the saved notice before reading the totals.
    await a.page.getByText('工数を保存しました。').waitFor();
    await expect.poll(() => a.page.getByTestId('week-total').textContent(), { timeout: 10_000 }).toBe('39.5');
    await screenshot(a.page, 'time-week-ja');

    // A CSV import: a file with bad lines is refused whole, each line named; a good one adds Saturday's writing.
    const saturday = new Date(Date.parse(`${week}T00:00:00Z`) + 5 * DAY).toISOString().slice(0, 10);
    const dir = mkdtempSync(join(tmpdir(), 'kpo-e2e-time-'));
    writeFileSync(join(dir, 'bad.csv'), `date,category,minutes\n${saturday},writing,-60\n${saturday},briefing,60\n`);
    writeFileSync(join(dir, 'good.csv'), `date,category,minutes,note\n${saturday},writing,120,週末の執筆\n`);
    const importForm = a.page.getByRole('form', { name: 'CSV から取り込む' });
    await choose(importForm, '案件', title);
    await importForm.locator('input[type="file"]').setInputFiles(join(dir, 'bad.csv'));
    await importForm.getByRole('button', { name: '取り込む' }).click();
    await importForm.getByText(/^2 行目: /).waitFor();
    await importForm.getByText(/^3 行目: /).waitFor();
    expect(await a.page.getByTestId('week-total').textContent()).toBe('39.5');
    await importForm.locator('input[type="file"]').setInputFiles(join(dir, 'good.csv'));
    await importForm.getByRole('button', { name: '取り込む' }).click();
    await a.page.getByText('1 件を取り込みました。').waitFor();
    await expect.poll(() => a.page.getByTestId('week-total').textContent(), { timeout: 10_000 }).toBe('41.5');
    await a.page.getByRole('button', { name: '週を提出' }).click();
    await a.page.getByTestId('week-status').getByText('承認待ち').waitFor();
    await a.page.getByText('この週は承認待ちです。').first().waitFor();
    // A submitted week takes no hours: the grid has no inputs any more.
    expect(await grid.getByRole('textbox').count()).toBe(0);
    const submitted = await getJson<TimesheetView>(
      a.page,
      `/api/organizations/${analystApi.orgId}/people/${analystApi.userId}/timesheets/${week}`,
    );
    expect([submitted.status, submitted.days.map((d) => d.minutes)]).toEqual(['submitted', [480, 480, 480, 480, 450, 120, 0]]);
    expect(submitted.entries.every((x) => ['先行文献の調査', '週末の執筆'].includes(x.note) && x.engagementId === e.id)).toBe(true);

    // The delivery manager: the week waits on the approvals page; approve it from the person's week.
    const m = await personIn(MANAGER, 'ja-JP');
    await m.page.goto('/time/approvals');
    const queue = m.page.getByRole('table', { name: '承認待ちの週' });
    // The week's date and its Open button both lead to the week.
    const link = queue.locator(`a[href="/time/people/${analystApi.userId}?week=${week}"]`).first();
    await link.waitFor();
    await link.click();
    await m.page.getByTestId('week-status').getByText('承認待ち').waitFor();
    await expect.poll(() => m.page.getByTestId('week-total').textContent(), { timeout: 10_000 }).toBe('41.5');
    // Back in the queue, the week is approved in bulk: selected, then one action for the selection.
    await m.page.goto('/time/approvals');
    const weekRow = queue.getByRole('row').filter({ has: m.page.locator(`a[href="/time/people/${analystApi.userId}?week=${week}"]`) });
    await weekRow.getByRole('checkbox').check();
    await m.page.getByRole('button', { name: '選択した 1 週を承認' }).click();
    await m.page.getByText('1 週を承認しました。').waitFor();
    await expect.poll(() => m.page.locator(`a[href="/time/people/${analystApi.userId}?week=${week}"]`).count()).toBe(0);
    await m.page.goto(`/time/people/${analystApi.userId}?week=${week}`);
    await m.page.getByTestId('week-status').getByText('承認済み').waitFor();

    // The analyst's week is locked: a change is a correction with a reason.
    await a.page.reload();
    await a.page.getByTestId('week-status').getByText('承認済み').waitFor();
    await a.page.getByRole('region', { name: '訂正の記録' }).waitFor();
    expect(await grid.getByRole('textbox').count()).toBe(0);

    // Their load: the demo's long days bring their month near the 45-hour limit, and the page warns.
    await a.page.getByRole('navigation').getByRole('link', { name: '負荷' }).click();
    await a.page.getByRole('heading', { name: '負荷と時間外労働', level: 1 }).waitFor();
    const findings = a.page.getByRole('list', { name: '負荷と時間外労働' });
    await findings
      .getByText(/^月の時間外労働.*: (3[6-9]|4[0-4])(\.\d+)? 時間 \/ 上限 45 時間/)
      .first()
      .waitFor();
    expect(await findings.getByText('上限超過').count()).toBe(0);
    await a.page.getByRole('region', { name: '月ごとの時間外労働と休日労働' }).waitFor();
    // Beside the hours, the signs of strain, as the server counts them.
    const strain = await getJson<StrainView>(a.page, `/api/organizations/${analystApi.orgId}/people/${analystApi.userId}/strain`);
    const signs = a.page.getByRole('region', { name: '負荷のサイン' });
    const clients = strain.signals.find((x) => x.kind === 'concurrent_clients');
    await signs
      .getByRole('row', { name: /同時に担当する顧客/ })
      .getByText(`${clients?.value} 社(目安 ${clients?.threshold} 社)`)
      .waitFor();
    await expect.poll(() => signs.locator('tr[data-raised="true"]').count()).toBe(strain.signals.filter((x) => x.raised).length);
    await screenshot(a.page, 'time-load-ja');

    // The bank's owner, in English, on the demo's time-and-materials engagement.
    const o = await personIn(BANK_OWNER, 'en-US');
    await o.page.goto('/');
    const list = await getJson<EngagementList>(o.page, '/api/engagements?q=Sakura');
    const sakura = list.items[0]?.id ?? '';
    expect(sakura).not.toBe('');
    await o.page.goto(`/engagements/${sakura}/time`);
    const people = o.page.getByRole('table', { name: 'Hours by person' });
    await people.waitFor();
    const analystName = (await analystApi.ok<{ user: { displayName: string } }>('GET', '/api/session')).user.displayName;
    expect(await people.textContent()).not.toContain(analystName);
    const total = o.page.getByTestId('provider-team-total');
    await expect.poll(() => total.textContent(), { timeout: 10_000 }).toMatch(/^The provider team’s total: [\d.]+ h$/);
    // The owner's own row: its total grows by the hour and a half logged below.
    const ownerName = (await getJson<{ user: { displayName: string } }>(o.page, '/api/session')).user.displayName;
    const ownTotal = async () =>
      Number(
        (await people
          .getByRole('row', { name: new RegExp(`^${ownerName}`) })
          .getByRole('cell')
          .last()
          .textContent()) ?? 'NaN',
      );
    const before = await ownTotal();
    expect(before).toBeGreaterThan(0);
    const quick = o.page.getByRole('form', { name: 'Log time' });
    await choose(quick, 'Category', 'Q&A');
    await quick.getByRole('textbox', { name: 'Hours' }).fill('1.5');
    await quick.getByRole('textbox', { name: 'Note' }).fill('Working-capital question');
    await quick.getByRole('button', { name: 'Log' }).click();
    await o.page.getByText('Logged.').waitFor();
    await expect.poll(ownTotal, { timeout: 10_000 }).toBe(before + 1.5);
    expect(await o.page.locator('body').textContent()).not.toContain(analystName);
    await screenshot(o.page, 'time-client-en');

    // The control tab: the bank's hidden hours at its internal rates.
    await o.page.goto(`/engagements/${sakura}/control`);
    const hidden = o.page.getByTestId('hidden-hours');
    await hidden.getByText(/^Hidden cost: /).waitFor();
    // The analyst's week is not the bank's to read.
    const refused = await apiGet(o.page, `/api/organizations/${analystApi.orgId}/people/${analystApi.userId}/timesheets/${week}`);
    expect(refused.status).toBe(403);

    // The bank's admin keeps the internal rates the hidden cost reads (the demo set them).
    const admin = await personIn('admin@marunouchi-capital.example', 'en-US');
    await admin.page.goto('/settings#internal-rates');
    const rates = admin.page.getByRole('region', { name: 'Internal hourly rates' });
    const reviewerRate = rates.getByRole('textbox', { name: 'Reviewer (Yen per hour)' });
    await expect.poll(() => reviewerRate.inputValue(), { timeout: 10_000 }).toBe('8,000');
    await reviewerRate.fill('8500');
    await rates.getByRole('button', { name: 'Save rates' }).click();
    await admin.page.getByText('Rates saved.').waitFor();
    const saved = await getJson<{ rates: { role: string; hourlyYen: number }[] }>(
      admin.page,
      `/api/organizations/${(await getJson<{ activeOrgId: string }>(admin.page, '/api/session')).activeOrgId}/internal-rates`,
    );
    expect(saved.rates.find((r) => r.role === 'reviewer')?.hourlyYen).toBe(8500);

    await Promise.all([a.context.close(), m.context.close(), o.context.close(), admin.context.close()]);
  });

  it('suggests the analyst’s own time from a question they asked, with how it was derived; accepted, it is logged', async () => {
    const title = `工数提案の確認(E2E ${Date.now()})`;
    const e = await engagementInProgress(title);
    const analystApi = await ApiSession.of(ANALYST);
    const question = `提案元の質問 ${Date.now()}`;
    const questions = await analystApi.ok<{ title: string; askedAt: string }[]>('POST', `/api/engagements/${e.id}/questions`, {
      title: question,
      body: '対象範囲は?',
    });
    // The server's day, not the browser's: an earlier journey may have moved the server's clock on.
    const askedAt = questions.find((q) => q.title === question)?.askedAt ?? '';
    const askedOn = new Date(Date.parse(askedAt) + 9 * 3_600_000);
    const thisMonday = new Date(askedOn.getTime() - ((askedOn.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);

    const a = await personIn(ANALYST, 'ja-JP');
    await a.page.goto(`/time?week=${thisMonday}`);
    const card = a.page.getByTestId('time-suggestions').locator('[data-testid^="suggestion-"]').filter({ hasText: question });
    await card.getByText(new RegExp(`質問「${question}」をした: .* → 15 分\\(定額\\)`)).waitFor();
    await card.getByText(`${title} · 調査`, { exact: false }).waitFor();
    await screenshot(a.page, 'time-suggestions-ja');
    await card.getByRole('button', { name: /^受け入れる/ }).click();
    await a.page.getByText('提案の工数を記録しました。').waitFor();
    await card.waitFor({ state: 'detached' });
    const sheet = await getJson<TimesheetView>(
      a.page,
      `/api/organizations/${analystApi.orgId}/people/${analystApi.userId}/timesheets/${thisMonday}`,
    );
    expect(sheet.entries.filter((x) => x.engagementId === e.id).map((x) => [x.category, x.minutes])).toEqual([['research', 15]]);
    await a.context.close();
  });
});
