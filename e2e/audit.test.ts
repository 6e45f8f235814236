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

  it('lets the operator auditor verify the hash chain', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, 'auditor@operator.kpo.example');
    await page.goto('/audit');
    await page.getByRole('button', { name: 'ハッシュチェーンを検証' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'チェーンは正常です' }).count()).toBe(1);
    await context.close();
  });
});
