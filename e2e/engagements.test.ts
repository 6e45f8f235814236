import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, connectBrowser, moveServerClock, openPage, screenshot, signInQuickly } from './support.js';

/**
 * The done-criterion, in Chromium and in Japanese: a client briefs, two providers
 * propose, the client awards, both sides approve the SOW, the provider posts an update and asks
 * a question, the client answers, the provider misses a cadence (the server's clock moves on) and
 * the breach shows on the control panel.
 */

const CLIENT = 'owner@mirai-link.example';
const PROVIDER_1 = { email: 'manager@knowledge-bridge.example', org: 'ナレッジブリッジ・リサーチ株式会社' };
const PROVIDER_2 = { email: 'manager@asia-ip-analytics.example', org: 'アジア知財アナリティクス株式会社' };
const DAY_MS = 86_400_000;

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A calendar day some days after the server's today, as YYYY-MM-DD. */
const dayAfter = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** Someone's own browser, signed in, working in the given organisation. */
async function personIn(email: string, orgName?: string): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openPage(browser, 'ja-JP');
  await signInQuickly(context, email);
  if (orgName) {
    // Someone in two organisations works in the one they used last: make sure it is this one.
    const session = (await (await context.request.get('/api/session')).json()) as {
      activeOrgId: string;
      csrfToken: string;
      memberships: { orgId: string; orgName: string }[];
    };
    const target = session.memberships.find((m) => m.orgName === orgName);
    if (target && session.activeOrgId !== target.orgId) {
      const switched = await context.request.put('/api/session/organization', {
        data: { orgId: target.orgId },
        headers: { 'x-csrf-token': session.csrfToken },
      });
      expect(switched.ok()).toBe(true);
    }
  }
  return { context, page };
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true }).click();
const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const notice = (page: Page, text: string) => page.locator('.mantine-Notification-root').filter({ hasText: text }).first().waitFor();

async function chooseOption(page: Page, label: string, search: string, option: string) {
  await page.getByRole('textbox', { name: label }).fill(search);
  await page.getByRole('option', { name: option }).click();
}

/** A bidder writes and submits a proposal in the editor. */
async function propose(page: Page, plan: { fee: number; milestones: { title: string; due: string; weight: number }[] }) {
  await tab(page, '提案');
  await page
    .getByLabel('進め方', { exact: true })
    .fill('公開統計と業界団体資料による机上調査の後、1,000 名規模のウェブアンケートで検証します。');
  for (const [i, m] of plan.milestones.entries()) {
    if (i > 0) await button(page, 'マイルストーンを追加').click();
    await page.getByLabel(`マイルストーン ${i + 1} の名称`).fill(m.title);
    await page.getByLabel(`マイルストーン ${i + 1} の期日`).fill(m.due);
    await page.getByLabel(`マイルストーン ${i + 1} の比重（%）`).fill(String(m.weight));
  }
  await page.getByLabel('固定報酬（円）').fill(String(plan.fee));
  await button(page, '提案を提出').click();
  await notice(page, '提案を委託元に提出しました。');
  await expect.poll(() => page.getByText('提出済み', { exact: true }).count()).toBeGreaterThan(0);
}

describe('engagements: from brief to a breach on the control panel', () => {
  it('runs the whole journey through the UI, in Japanese', { timeout: 170_000 }, async () => {
    const now = await moveServerClock(0);
    const unique = now.getTime().toString(36).slice(-5).toUpperCase();
    const title = `新製品の国内市場規模調査 ${unique}`;
    const codeName = `SAKURA-${unique}`;
    const [start, firstDue, secondDue, end] = [dayAfter(now, 1), dayAfter(now, 21), dayAfter(now, 42), dayAfter(now, 60)];

    // 1. The client writes the brief, invites two providers and sends the request.
    const client = await personIn(CLIENT);
    await client.page.goto('/engagements');
    await client.page.getByRole('link', { name: '新しい案件' }).click();
    await client.page.getByLabel('業務の種類').selectOption('market_research');
    await client.page.getByLabel(/^案件名/).fill(title);
    await client.page.getByLabel('コードネーム（任意）').fill(codeName);
    await client.page.getByLabel('目的', { exact: true }).fill('新製品の国内市場規模を推計し、参入判断の材料にする。');
    await client.page.getByLabel('範囲', { exact: true }).fill('国内の一般消費者市場。2025 年度実績と 5 年後までの予測。');
    await client.page.getByLabel('成果物 1', { exact: true }).fill('市場規模推計レポート');
    await client.page.getByLabel('予算（円・任意）').fill('5000000');
    await client.page.getByLabel('開始予定日').fill(start);
    await client.page.getByLabel('完了予定日').fill(end);
    await chooseOption(client.page, '招待する委託先', 'ナレッジ', PROVIDER_1.org);
    await chooseOption(client.page, '招待する委託先', 'アジア', PROVIDER_2.org);
    await client.page.keyboard.press('Escape');
    // A double-click saves one draft, not two.
    await button(client.page, '下書きを保存').dblclick();
    await client.page.waitForURL(/\/engagements\/[0-9a-f-]{36}$/);
    const engagementPath = new URL(client.page.url()).pathname;
    const drafts = await apiGet(client.page, `/api/engagements?q=${encodeURIComponent(unique)}`);
    expect((drafts.body as { total: number }).total).toBe(1);
    await expect.poll(() => client.page.getByTestId('brief-budget').textContent()).toContain('5,000,000');
    await button(client.page, '委託先に依頼を送る').click();
    await notice(client.page, '案件のステータスが「依頼中」になりました。');

    // 2. Two providers propose. They see the code name, never the title or the client's budget.
    const provider1 = await personIn(PROVIDER_1.email, PROVIDER_1.org);
    await provider1.page.goto('/engagements');
    await provider1.page.getByRole('link', { name: codeName }).click();
    await provider1.page.waitForURL(`**${engagementPath}`);
    await provider1.page.getByRole('heading', { name: codeName }).waitFor();
    const seenByProvider = (await provider1.page.locator('main').textContent()) ?? '';
    expect(seenByProvider).not.toContain(title);
    expect(seenByProvider).not.toContain('5,000,000');
    await propose(provider1.page, {
      fee: 3_000_000,
      milestones: [
        { title: '机上調査', due: firstDue, weight: 40 },
        { title: 'アンケートと報告', due: secondDue, weight: 60 },
      ],
    });

    const provider2 = await personIn(PROVIDER_2.email);
    await provider2.page.goto(engagementPath);
    await propose(provider2.page, { fee: 3_600_000, milestones: [{ title: '調査と報告', due: secondDue, weight: 100 }] });
    await provider2.context.close();

    // 3. The client compares the proposals side by side and awards provider 1.
    await client.page.reload();
    await tab(client.page, '提案');
    const comparison = client.page.getByTestId('proposal-comparison');
    await comparison.waitFor();
    await expect.poll(() => comparison.textContent()).toContain('3,600,000');
    expect(await comparison.textContent()).toContain('3,000,000');
    // The bell has told the client of the proposals.
    await expect.poll(() => client.page.getByTestId('bell').getAttribute('aria-label')).toMatch(/未読 \d+ 件/);
    await button(client.page, `${PROVIDER_1.org} を採用`).click();
    await client.page.getByRole('dialog').getByRole('button', { name: '採用する' }).click();
    await notice(client.page, `${PROVIDER_1.org} を採用しました。`);

    // The provider that lost sees how its bid ended and its own proposal, nothing of the engagement.
    const loser = await personIn(PROVIDER_2.email);
    await loser.page.goto('/engagements');
    const lostRow = loser.page.locator(`[data-engagement-id="${engagementPath.split('/').pop()}"]`);
    await expect.poll(() => lostRow.textContent()).toContain('不採用');
    await loser.page.goto(engagementPath);
    await loser.page.getByText('他社の提案が採用されました').waitFor();
    await loser.page.getByText('3,600,000').first().waitFor();
    const seenByLoser = (await loser.page.locator('main').textContent()) ?? '';
    expect(seenByLoser).not.toContain(PROVIDER_1.org);
    expect(seenByLoser).not.toContain('契約済み');
    expect(await loser.page.getByRole('tab').count()).toBe(0);
    await loser.context.close();

    // 4. Both sides approve SOW version 1; the provider starts the work.
    await tab(client.page, 'SOW');
    await button(client.page, '第 1 版を承認').click();
    await notice(client.page, 'SOW 第 1 版を承認しました。');
    await provider1.page.goto(`${engagementPath}/sow`);
    await button(provider1.page, '第 1 版を承認').click();
    await provider1.page.getByText('双方が承認しました', { exact: false }).waitFor();
    await tab(provider1.page, '概要');
    await button(provider1.page, '作業を開始').click();
    await notice(provider1.page, '案件のステータスが「進行中」になりました。');

    // 5. The provider posts a status update and asks a question.
    await tab(provider1.page, '進捗報告');
    await provider1.page.getByLabel('進捗（%）').fill('10');
    await provider1.page.getByLabel('完了したこと').fill('公開統計の収集と整理');
    await provider1.page.getByLabel('次にやること').fill('業界団体へのヒアリング');
    await button(provider1.page, '報告する').dblclick(); // a double-click posts one update
    await notice(provider1.page, '進捗を報告しました。');
    await expect.poll(() => provider1.page.getByTestId('status-update').count()).toBe(1);
    const updates = await apiGet(provider1.page, `/api/engagements/${engagementPath.split('/').pop()}/updates`);
    expect(updates.body).toHaveLength(1);

    await tab(provider1.page, 'Q&A');
    await provider1.page.getByLabel(/^質問/).fill('過去の販売データの提供について');
    await provider1.page.getByLabel('詳細', { exact: true }).fill('2025 年度の地域別販売実績をいただけますか。');
    await button(provider1.page, '質問を送る').dblclick();
    await notice(provider1.page, '質問を送りました。');
    const asked = await apiGet(provider1.page, `/api/engagements/${engagementPath.split('/').pop()}/questions`);
    expect((asked.body as { title: string }[]).filter((q) => q.title === '過去の販売データの提供について')).toHaveLength(1);

    // 6. The client answers.
    await client.page.goto(`${engagementPath}/questions`);
    const question = client.page.getByRole('article', { name: '過去の販売データの提供について' });
    await question.getByLabel('回答', { exact: true }).fill('本日中に共有フォルダへ格納します。');
    await question.getByRole('button', { name: '回答を送る' }).dblclick(); // one answer, however often it is clicked
    await expect.poll(() => question.textContent()).toContain('回答済み');
    const thread = await apiGet(client.page, `/api/engagements/${engagementPath.split('/').pop()}/questions`);
    const answered = (thread.body as { title: string; messages: { body: string }[] }[]).find(
      (q) => q.title === '過去の販売データの提供について',
    );
    expect(answered?.messages.filter((m) => m.body === '本日中に共有フォルダへ格納します。')).toHaveLength(1);
    // The page's first view is one request: the engagement carries how the work stands.
    const engagementId = engagementPath.split('/').pop() ?? '';
    const partsAsked: string[] = [];
    const onRequest = (r: { url(): string }) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith(`/api/engagements/${engagementId}`)) partsAsked.push(path);
    };
    client.page.on('request', onRequest);
    await client.page.goto(engagementPath);
    await client.page.getByRole('heading', { name: title }).waitFor();
    await client.page.getByRole('table', { name: 'チーム' }).waitFor();
    const summary = client.page.getByRole('group', { name: '進捗の概況' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('10%');
    expect(await summary.textContent()).toContain('次の進捗報告期限');
    client.page.off('request', onRequest);
    expect(partsAsked).toEqual([`/api/engagements/${engagementId}`]);
    await screenshot(client.page, 'engagement-overview-ja');

    // 7. Eight days pass without an update: the 7-day cadence is missed.
    await moveServerClock(8 * 24);
    await signInQuickly(client.context, CLIENT);
    await client.page.goto(`${engagementPath}/control`);
    const breach = client.page.locator('[data-testid="sla-breach"][data-kind="update"][data-open="true"]');
    await breach.waitFor();
    expect(await breach.textContent()).toContain('委託先');
    expect(await client.page.getByTestId('control-breaches').textContent()).toMatch(/SLA 違反[1-9]/);
    await client.page.getByTestId('chart-schedule').locator('.recharts-surface').waitFor();
    await screenshot(client.page, 'control-panel-ja');

    // The page's summary flags it too, from the deadline kept on the engagement and the server's time.
    await client.page.goto(engagementPath);
    await expect.poll(() => client.page.getByRole('group', { name: '進捗の概況' }).textContent()).toContain('進捗報告の未提出');

    // The list flags it, and the filter finds it.
    await client.page.goto('/engagements?risk=missed_update');
    const row = client.page.locator(`[data-engagement-id="${engagementPath.split('/').pop()}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('進捗報告の未提出');

    // The provider's control panel shows the same breach, without the client's budget.
    await signInQuickly(provider1.context, PROVIDER_1.email);
    await provider1.page.goto(`${engagementPath}/control`);
    await provider1.page.locator('[data-testid="sla-breach"][data-kind="update"]').waitFor();
    const budgetPanel = (await provider1.page.getByTestId('chart-budget').textContent()) ?? '';
    expect(budgetPanel).toContain('契約報酬');
    expect(budgetPanel).not.toContain('5,000,000');
    expect((await apiGet(provider1.page, `/api/engagements/${engagementPath.split('/').pop()}`)).body).toMatchObject({
      title: null,
      budget: null,
    });

    await client.context.close();
    await provider1.context.close();
  });
});
