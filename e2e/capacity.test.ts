import { describe, expect, it } from 'vitest';
import { ANALYST, MANAGER } from './api.js';
import { fileBrowser, screenshot } from './support.js';

/**
 * The capacity board (issue #14), in Chromium: the provider's delivery manager, in Japanese, opens
 * it from the navigation and reads people × twelve weeks, each cell planned against available
 * hours; in English the same board speaks English. An analyst has no such door.
 */

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
});
