import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, openPage, screenshot, signInQuickly } from './support.js';

/** An organisation's administrator wires kpo to their own systems from the settings page. */
let browser: Browser;
const calls: { headers: IncomingMessage['headers']; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => {
    body += d;
  });
  req.on('end', () => {
    calls.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});
let receiverUrl = '';

beforeAll(async () => {
  browser = await connectBrowser();
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/kpo-events`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('webhooks in the settings', () => {
  it('lets a client admin add a webhook (secret shown once), send a signed test call, and remove it, in Japanese', async () => {
    const { context, page } = await openPage(browser, 'ja-JP');
    await signInQuickly(context, 'admin@mirai-link.example');
    await page.goto('/settings');
    const section = page.locator('section#webhooks');
    await section.getByRole('heading', { name: 'Webhook' }).waitFor();

    // A URL that is not one is refused on its field.
    await section.getByLabel(/^受信先 URL/).fill('not a url');
    await section.getByRole('button', { name: 'Webhook を追加' }).click();
    await expect.poll(() => section.getByLabel(/^受信先 URL/).getAttribute('aria-invalid')).toBe('true');
    expect(await section.locator('.mantine-TextInput-error').textContent()).toBeTruthy();

    await section.getByLabel(/^受信先 URL/).fill(receiverUrl);
    await section.getByRole('button', { name: 'すべて解除' }).click();
    await section.getByRole('checkbox', { name: '提案の提出' }).check();
    await section.getByRole('checkbox', { name: 'SLA 違反', exact: true }).check();
    await section.getByRole('button', { name: 'Webhook を追加' }).dblclick(); // one webhook, one secret
    const secret = section.getByLabel('署名用シークレット');
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^whsec_/);
    await section.getByRole('button', { name: '閉じる' }).click();
    await expect.poll(() => section.getByLabel('署名用シークレット').count()).toBe(0); // shown once

    const host = new URL(receiverUrl).host;
    const row = section.locator(`[data-webhook-host="${host}"]`);
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('提案の提出 / SLA 違反');
    await row.getByRole('button', { name: `テスト送信: ${host}` }).click();
    await page
      .locator('.mantine-Notification-root')
      .filter({ hasText: `${host} の受信先が 204 を返しました。` })
      .waitFor();
    await expect.poll(() => row.textContent()).toContain('配信済み');
    expect(calls.at(-1)?.headers['x-kpo-signature']).toBeTruthy();
    expect(JSON.parse(calls.at(-1)?.body ?? '{}')).toMatchObject({ type: 'ping' });
    await screenshot(page, 'webhooks-ja');

    await row.getByRole('button', { name: `削除: ${host}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: '削除' }).click();
    await section.getByText('Webhook はまだありません。').waitFor();
    await context.close();
  });

  it('is not offered to someone who is not an administrator', async () => {
    const { context, page } = await openPage(browser, 'en-US');
    await signInQuickly(context, 'owner@mirai-link.example');
    await page.goto('/settings');
    await page.locator('section#tokens').waitFor();
    expect(await page.locator('section#webhooks').count()).toBe(0);
    await context.close();
  });
});
