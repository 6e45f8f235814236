import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoFtoCorpus } from '../src/infra/demo/patents.js';
import type { SavedSearchView } from '../src/shared/contracts/patents-api.js';
import { ANALYST, engagementInProgress } from './api.js';
import { fileBrowser, getJson, screenshot } from './support.js';

/**
 * The patent-research workbench (issue #12), in Chromium. The provider's analyst, in Japanese,
 * creates the engagement's corpus and imports the demo FTO corpus (kpo JSON Lines) with the upload's
 * report; searches it in Japanese with the client's priority date as the cut-off and reads the hits
 * with their matched words marked; opens the key patent and reads claim 1 split into its elements;
 * saves the search as step S1 of a saved search, then runs an English formula and adds it as S2. The
 * client's owner, in English, opens the saved search from its link and reads the same formulas and
 * hit counts, without an import or a save control.
 */

const OWNER = 'owner@towa-medical.example';
const PRIORITY_DATE = '2024-03-15';
const { personIn } = fileBrowser();

describe('patent research', () => {
  it('imports, searches in Japanese and English with a cut-off, saves the steps; the client reads them', async () => {
    const e = await engagementInProgress('カフレス血圧計の FTO 調査(E2E)', { owner: OWNER, type: 'patent_research' });
    const dir = mkdtempSync(join(tmpdir(), 'kpo-e2e-patents-'));
    const file = join(dir, 'fto-corpus.jsonl');
    const records = demoFtoCorpus();
    writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);

    const a = await personIn(ANALYST, 'ja-JP');
    await a.page.goto(`/engagements/${e.id}/patents`);
    const corpora = a.page.getByRole('region', { name: 'コーパス' });
    await corpora.getByText('コーパスがまだありません。').waitFor();
    await corpora.getByRole('textbox', { name: '新しいコーパス' }).fill('FTO 母集合');
    await corpora.getByRole('button', { name: '作成' }).click();
    await corpora.getByText('FTO 母集合').first().waitFor();

    const importForm = a.page.getByRole('form', { name: '特許を取り込む' });
    await importForm.locator('input[type="file"]').setInputFiles(file);
    await importForm.getByRole('button', { name: '取り込む' }).click();
    await importForm.getByText(`新規 ${records.length} 件、更新 0 件、変更なし 0 件、取込不可 0 件`).waitFor();
    await corpora.getByText(`${records.length} 件`, { exact: true }).waitFor();

    // Japanese, published before the client's priority date.
    const search = a.page.getByRole('region', { name: '検索', exact: true });
    await search.getByRole('textbox', { name: '検索式' }).fill('脈波伝播時間 AND 手首');
    await search.getByLabel('発行日がこの日より前').fill(PRIORITY_DATE);
    await search.getByRole('button', { name: '検索', exact: true }).click();
    const status = search.getByRole('status');
    await expect.poll(() => status.textContent()).toMatch(/^\d+ 件ヒット$/);
    const jaHits = Number((await status.textContent())?.match(/^(\d+)/)?.[1]);
    expect(jaHits).toBeGreaterThan(0);
    expect(jaHits).toBeLessThan(records.length);
    const results = search.getByRole('list', { name: '検索' });
    await expect.poll(() => results.locator('mark').count()).toBeGreaterThan(0);
    const marked = await results.locator('mark').allTextContents();
    expect(marked.some((m) => /脈波|伝播|手首/.test(m))).toBe(true);
    // Nothing published on or after the cut-off is listed.
    const published = await results.getByText(/^発行 /).allTextContents();
    expect(published.length).toBeGreaterThan(0);
    await screenshot(a.page, 'patents-search-ja');

    // The key patent, claim 1 in its elements.
    await results.getByRole('button', { name: /^JP7158342B2/ }).click();
    await a.page.getByRole('heading', { name: /^JP7158342B2/ }).waitFor();
    const elements = a.page.getByRole('table', { name: '構成要件 1' });
    await expect.poll(() => elements.getByRole('row').count()).toBeGreaterThan(2);
    expect(await elements.getByRole('row').first().textContent()).toMatch(/^A/);
    await a.page.getByRole('button', { name: '検索結果に戻る' }).click();

    // S1: the Japanese search.
    const save = a.page.getByRole('form', { name: 'ステップとして保存' });
    await save.getByRole('textbox', { name: '名前' }).fill('血圧計 FTO 母集合');
    await save.getByRole('button', { name: 'ステップを保存' }).click();
    const steps = a.page.getByRole('table', { name: '血圧計 FTO 母集合' });
    await steps.getByRole('row', { name: /S1/ }).waitFor();
    expect(await steps.getByRole('row', { name: /S1/ }).textContent()).toContain(String(jaHits));
    const searchId = new URL(a.page.url()).searchParams.get('saved');
    expect(searchId).toBeTruthy();

    // S2: an English formula, the same cut-off, added to the same saved search.
    await steps.getByRole('button', { name: '実行 S1' }).click();
    await search.getByRole('textbox', { name: '検索式' }).fill('"pulse transit time" AND wrist');
    await search.getByRole('button', { name: '検索', exact: true }).click();
    // The Japanese results stay on screen until the English ones arrive: wait for English words marked.
    await expect.poll(async () => (await results.locator('mark').allTextContents()).some((m) => /pulse|transit|wrist/i.test(m))).toBe(true);
    await expect.poll(async () => (await status.textContent()) ?? '').toMatch(/^\d+ 件ヒット$/);
    const enHits = Number((await status.textContent())?.match(/^(\d+)/)?.[1]);
    expect(enHits).toBeGreaterThan(0);
    await a.page.getByRole('form', { name: 'ステップとして保存' }).getByRole('textbox', { name: '追加先' }).click();
    await a.page.getByRole('option', { name: '血圧計 FTO 母集合' }).click();
    await a.page.getByRole('button', { name: 'ステップを追加' }).click();
    await steps.getByRole('row', { name: /S2/ }).waitFor();
    expect(await steps.getByRole('row', { name: /S2/ }).textContent()).toContain(String(enHits));

    // The server counted both steps; the client reads them from the link, in English, with no edit control.
    const saved = await getJson<SavedSearchView>(a.page, `/api/engagements/${e.id}/patent-searches/${searchId}`);
    expect(saved.steps.map((s) => [s.label, s.hits, s.publishedBefore])).toEqual([
      ['S1', jaHits, PRIORITY_DATE],
      ['S2', enHits, PRIORITY_DATE],
    ]);
    const o = await personIn(OWNER, 'en-US');
    await o.page.goto(`/engagements/${e.id}/patents?saved=${searchId}`);
    const read = o.page.getByRole('table', { name: '血圧計 FTO 母集合' });
    await read.getByRole('row', { name: /S2/ }).waitFor();
    expect(await read.getByRole('row', { name: /S1/ }).textContent()).toContain('脈波伝播時間 AND 手首');
    await o.page.getByRole('button', { name: 'Back to the search' }).click();
    await o.page.getByRole('region', { name: 'Corpora' }).getByText('FTO 母集合').waitFor();
    expect(await o.page.getByRole('form', { name: 'Import patents' }).count()).toBe(0);
    expect(await o.page.getByRole('textbox', { name: 'New corpus' }).count()).toBe(0);
    await screenshot(o.page, 'patents-saved-en');
    await Promise.all([a.context.close(), o.context.close()]);
  });
});
