import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, baseUrl, connectBrowser, DEMO_PASSWORD, openPage, signInQuickly } from './support.js';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
  // Someone else acts first, so the log has more than one actor to tell apart.
  const response = await fetch(`${baseUrl()}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@marunouchi-capital.example', password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
});

const rows = (page: Page) => page.locator('[data-testid="audit-table"] tbody tr');
const attributeOfRows = (page: Page, name: string) => rows(page).evaluateAll((trs, n) => trs.map((tr) => tr.getAttribute(n)), name);

async function choose(page: Page, label: string, search: string, option: string | RegExp) {
  await page.getByRole('textbox', { name: label }).fill(search);
  await page.getByRole('option', { name: option }).click();
}

describe('audit log', () => {
  it('filters by event type and actor, and exports with the same filters', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, 'auditor@marunouchi-capital.example');
    await page.goto('/audit');
    await rows(page).first().waitFor();
    const before = await attributeOfRows(page, 'data-event-type');
    expect(new Set(before).size).toBeGreaterThan(1);

    await choose(page, 'イベント種別', 'サインイン成功', 'サインイン成功');
    await page.waitForURL('**/audit?*type=auth.login_succeeded*');
    await expect.poll(async () => [...new Set(await attributeOfRows(page, 'data-event-type'))]).toEqual(['auth.login_succeeded']);
    const signIns = await rows(page).count();
    expect(signIns).toBeGreaterThanOrEqual(2);
    for (const cell of await rows(page).locator('td:nth-child(2)').allTextContents()) expect(cell).toBe('サインイン成功');

    const session = (await apiGet(page, '/api/session')).body as { activeOrgId: string };
    const members = (await apiGet(page, `/api/organizations/${session.activeOrgId}/members`)).body as { userId: string; email: string }[];
    const admin = members.find((m) => m.email === 'admin@marunouchi-capital.example');
    if (!admin) throw new Error('The demo admin is missing.');

    await choose(page, '実行者', 'admin@', /admin@marunouchi-capital\.example/);
    await page.waitForURL(`**/audit?*actorUserId=${admin.userId}*`);
    await expect.poll(async () => [...new Set(await attributeOfRows(page, 'data-actor-id'))]).toEqual([admin.userId]);
    expect(await rows(page).count()).toBeLessThan(signIns);

    const href = await page.getByRole('link', { name: 'CSV をエクスポート' }).getAttribute('href');
    if (!href) throw new Error('The export link has no href.');
    const exportUrl = new URL(href, baseUrl());
    expect(exportUrl.pathname).toBe('/api/audit-events/export');
    expect(exportUrl.searchParams.get('type')).toBe('auth.login_succeeded');
    expect(exportUrl.searchParams.get('actorUserId')).toBe(admin.userId);

    const csv = await context.request.get(exportUrl.toString());
    expect(csv.status()).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^seq,occurredAt,type,actorLabel/);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) {
      expect(line).toContain('auth.login_succeeded');
      expect(line).toContain(admin.userId);
    }
    await context.close();
  });

  it('shows each actor one way: a name with the e-mail on hover, or the system', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, 'auditor@marunouchi-capital.example');
    await page.goto('/audit');
    await rows(page).first().waitFor();
    // The newest page may hold only people's acts (the demo's hours and plans are recent): load older
    // pages until the system's own rows (the seeding, jobs) are among them.
    const systemRows = rows(page).locator('td:nth-child(3) [data-actor-kind="system"]');
    for (let more = 0; more < 20 && (await systemRows.count()) === 0; more++) {
      const shown = await rows(page).count();
      await page.getByRole('button', { name: 'さらに読み込む' }).click();
      await expect.poll(() => rows(page).count()).toBeGreaterThan(shown);
    }
    const actors = await rows(page)
      .locator('td:nth-child(3) [data-actor-kind]')
      .evaluateAll((cells) =>
        cells.map((c) => ({ kind: c.getAttribute('data-actor-kind'), text: c.textContent ?? '', title: c.getAttribute('title') ?? '' })),
      );
    expect(actors.length).toBe(await rows(page).count());
    const people = actors.filter((a) => a.kind === 'user');
    const system = actors.filter((a) => a.kind === 'system');
    expect(people.length).toBeGreaterThan(0);
    expect(system.length).toBeGreaterThan(0);
    for (const a of people) {
      expect(a.text).not.toContain('@');
      expect(a.title).toMatch(/@/);
    }
    for (const a of system) expect(a.text).toMatch(/^(システム|匿名)/);
    await context.close();
  });

  it('keeps the filters in the address: a reload, back and forward show the same view', async () => {
    const { context, page } = await openPage(browser, 'en-US');
    await signInQuickly(context, 'auditor@marunouchi-capital.example');
    await page.goto('/audit');
    await rows(page).first().waitFor();
    await choose(page, 'Event type', 'Sign-in succeeded', /^Sign-in succeeded$/);
    await page.waitForURL('**/audit?*type=auth.login_succeeded*');
    await page.getByRole('textbox', { name: 'Resource type' }).click();
    await page.getByRole('option', { name: 'Session', exact: true }).click();
    await page.waitForURL('**/audit?*resourceType=session*');
    const onlySignIns = async () => [...new Set(await attributeOfRows(page, 'data-event-type'))];
    await expect.poll(onlySignIns).toEqual(['auth.login_succeeded']);

    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Event type' }).inputValue()).toBe('Sign-in succeeded');
    await expect.poll(onlySignIns).toEqual(['auth.login_succeeded']);

    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('resourceType')).toBeNull();
    expect(new URL(page.url()).searchParams.get('type')).toBe('auth.login_succeeded');
    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await expect.poll(() => page.getByRole('textbox', { name: 'Event type' }).inputValue()).toBe('');
    await expect.poll(async () => new Set(await attributeOfRows(page, 'data-event-type')).size).toBeGreaterThan(1);
    await page.goForward();
    await expect.poll(() => page.getByRole('textbox', { name: 'Event type' }).inputValue()).toBe('Sign-in succeeded');
    await expect.poll(onlySignIns).toEqual(['auth.login_succeeded']);
    await context.close();
  });

  it("lets a client admin verify its organisation's events in the chain", async () => {
    const { context, page } = await openPage(browser, 'en-US');
    await signInQuickly(context, 'admin@marunouchi-capital.example');
    await page.goto('/audit');
    await rows(page).first().waitFor();
    await page.getByRole('button', { name: 'Verify hash chain' }).click();
    const result = page.getByRole('status').filter({ hasText: "of your organisation's events checked" });
    await expect.poll(() => result.count()).toBe(1);
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(/The chain is intact: \d+ of your organisation's events checked/);
    expect(text).toMatch(/Last event checked: #\d+, hash [0-9a-f]{64}/);

    // The same check in Japanese, by the organisation's auditor.
    const ja = await openPage(browser, 'ja-JP');
    await signInQuickly(ja.context, 'auditor@marunouchi-capital.example');
    await ja.page.goto('/audit');
    await ja.page.getByRole('button', { name: 'ハッシュチェーンを検証' }).click();
    await expect.poll(() => ja.page.getByRole('status').filter({ hasText: 'チェーンは正常です（自組織のイベント' }).count()).toBe(1);
    await ja.context.close();

    await context.close();
  });

  it('lets the operator auditor verify the hash chain', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, 'auditor@operator.kpo.example');
    await page.goto('/audit');
    await page.getByRole('button', { name: 'ハッシュチェーンを検証' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'チェーンは正常です' }).count()).toBe(1);
    await context.close();
  });
});
