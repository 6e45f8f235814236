import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CodeframeDetail, CodeframeSummary } from '../src/shared/contracts/coding-api.js';
import type { SurveySummary } from '../src/shared/contracts/market-research-api.js';
import { ApiSession } from './api.js';
import { MIRAI_ANALYST as ANALYST, apiGet, demoMiraiEngagement, fileBrowser, MIRAI_OWNER as OWNER, screenshot } from './support.js';

/**
 * Open-answer coding (issue #11) in Chromium: the provider's analyst, in Japanese, opens the demo
 * survey's coding view and reads each code's count and share of the answered base, a quote and the
 * uncoded count as the API gives them; the client's owner, in English, opens the same link and
 * reads the same numbers.
 *
 * Then the analyst edits the codes: a version saved meanwhile (by the same analyst, through the
 * API) makes the save a conflict to reload; a keyword with no word in it is refused on its field;
 * the next version adds a code and its count appears; one uncoded answer is coded by hand. The
 * client's owner reads the new version, in English, without a single edit control.
 */

const { personIn } = fileBrowser();

interface DemoCodeframe {
  link: string;
  /** The codeframe's API path. */
  path: string;
  detail: CodeframeDetail;
}

async function demoCodeframe(page: Page): Promise<DemoCodeframe> {
  const e = await demoMiraiEngagement(page);
  const surveys = (await apiGet(page, `/api/engagements/${e.id}/surveys`)).body as SurveySummary[];
  const s = surveys[0];
  if (!s) throw new Error('The demo survey is missing.');
  const frames = (await apiGet(page, `/api/engagements/${e.id}/surveys/${s.id}/codeframes`)).body as CodeframeSummary[];
  const f = frames[0];
  if (!f) throw new Error('The demo codeframe is missing.');
  const path = `/api/engagements/${e.id}/surveys/${s.id}/codeframes/${f.id}`;
  const detail = (await apiGet(page, path)).body as CodeframeDetail;
  return { link: `/engagements/${e.id}/surveys?s=${s.id}&view=coding&cf=${f.id}`, path, detail };
}

/** How each language quotes an answer and names its respondent (coding.quote, coding.respondentAnswer). */
const WORDING = {
  ja: { quote: (text: string) => `「${text}」`, answer: (n: number, text: string) => `回答者 ${n}：${text}` },
  en: { quote: (text: string) => `“${text}”`, answer: (n: number, text: string) => `Respondent ${n}: ${text}` },
} as const;

async function readsResults(page: Page, detail: CodeframeDetail, language: keyof typeof WORDING = 'ja'): Promise<void> {
  const words = WORDING[language];
  const view = page.getByTestId('codeframe-detail');
  await view.waitFor();
  expect(await page.getByTestId('coding-base').getAttribute('data-answered')).toBe(String(detail.results.answered));
  const rows = page.getByTestId('code-row');
  await expect.poll(() => rows.count()).toBe(detail.results.codes.length);
  const top = [...detail.results.codes].sort((a, b) => b.count - a.count)[0];
  if (!top) throw new Error('The demo codeframe has no codes.');
  const row = page.locator(`[data-testid="code-row"][data-key="${top.key}"]`);
  expect(await row.getAttribute('data-count')).toBe(String(top.count));
  expect(Number((await row.getByTestId('code-count').textContent())?.replace(/[^0-9]/g, ''))).toBe(top.count);
  expect(await row.getByTestId('code-share').textContent()).toBe(`${(top.share * 100).toFixed(1)}%`);
  const quote = top.examples[0];
  if (quote) expect(await row.getByTestId('code-quote').first().textContent()).toBe(words.quote(quote.text));
  expect(await page.getByTestId('coding-uncoded').getAttribute('data-count')).toBe(String(detail.results.uncoded.count));
  const uncoded = detail.results.uncoded.answers[0];
  if (uncoded)
    expect(await page.locator(`[data-testid="uncoded-answer"][data-respondent="${uncoded.respondent}"]`).textContent()).toContain(
      words.answer(uncoded.respondent + 1, uncoded.text),
    );
  await expect.poll(() => page.getByTestId('override-row').count()).toBe(detail.results.overrides.length);
}

describe('open-answer coding', () => {
  it('the analyst (ja) and the client owner (en) read the same counts, shares and quotes from one link', { timeout: 180_000 }, async () => {
    const analyst = await personIn(ANALYST, 'ja-JP');
    const a = analyst.page;
    await a.goto('/');
    const { link, detail } = await demoCodeframe(a);
    await a.goto(link);
    await a.getByRole('tab', { name: 'オープン回答のコーディング' }).waitFor();
    await readsResults(a, detail);
    await analyst.context.close();

    const owner = await personIn(OWNER, 'en-US');
    const o = owner.page;
    await o.goto(link);
    await o.getByRole('tab', { name: 'Open-answer coding' }).waitFor();
    await readsResults(o, detail, 'en');
    expect(await o.getByTestId('codeframe-detail').getAttribute('data-can-edit')).toBe('false');
    await owner.context.close();
  });

  it('the analyst saves new codes through a conflict and a refused keyword, codes an answer by hand, and the owner reads it all', {
    timeout: 180_000,
  }, async () => {
    const analyst = await personIn(ANALYST, 'ja-JP');
    const a = analyst.page;
    await a.goto('/');
    const { link, path, detail: before } = await demoCodeframe(a);
    const base = before.latestVersion;
    await a.goto(link);
    await a.getByTestId('codeframe-detail').waitFor();
    expect(await a.getByTestId('codeframe-detail').getAttribute('data-can-edit')).toBe('true');

    // The editor opens on the latest codes; meanwhile another save makes the next version.
    await a.getByRole('button', { name: 'コードを編集' }).click();
    const editor = a.getByTestId('codeframe-editor');
    await editor.waitFor();
    expect(await editor.getByTestId('code-editor').count()).toBe(before.codes.length);
    const api = await ApiSession.of(ANALYST);
    await api.ok('POST', `${path}/versions`, { baseVersion: base, codes: before.codes });
    await editor.getByRole('button', { name: `第 ${base + 1} 版として保存` }).click();
    const conflict = a.getByTestId('codeframe-conflict');
    await conflict.waitFor();
    await conflict.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => a.getByTestId('codeframe-detail').getAttribute('data-version')).toBe(String(base + 1));

    // From the reloaded latest: a new code, first with a keyword that has no word in it.
    await a.getByRole('button', { name: 'コードを編集' }).click();
    await editor.waitFor();
    await editor.getByRole('button', { name: 'コードを追加' }).click();
    const card = editor.getByTestId('code-editor').last();
    await card.getByRole('textbox', { name: /^キー(\s*\*)?$/ }).fill('app');
    await card.getByRole('textbox', { name: /^ラベル/ }).fill('アプリ全般');
    const keywords = card.getByRole('textbox', { name: /^キーワード/ });
    await keywords.fill('アプリ');
    await keywords.press('Enter');
    await keywords.fill('!?');
    await keywords.press('Enter');
    await editor
      .getByTestId('codeframe-changes')
      .getByText(/追加 app/)
      .waitFor();
    await editor.getByRole('button', { name: `第 ${base + 2} 版として保存` }).click();
    await card.getByText('「!?」には照合できる語がありません。語句を入力してください。').waitFor();
    await screenshot(a, 'survey-coding-keyword-refused');
    await keywords.click();
    await keywords.press('Backspace');
    await editor.getByRole('button', { name: `第 ${base + 2} 版として保存` }).click();
    await expect.poll(() => a.getByTestId('codeframe-detail').getAttribute('data-version')).toBe(String(base + 2));

    // The new code has its count, and every number is the API's.
    const saved = (await apiGet(a, path)).body as CodeframeDetail;
    expect(saved.version).toBe(base + 2);
    const app = saved.results.codes.find((c) => c.key === 'app');
    expect(app?.count).toBeGreaterThan(0);
    expect(saved.results.uncoded.count).toBeLessThanOrEqual(before.results.uncoded.count);
    await readsResults(a, saved);
    expect(await a.locator('[data-testid="code-row"][data-key="app"]').getAttribute('data-count')).toBe(String(app?.count));

    // One uncoded answer, coded by hand: the uncoded count falls by one, the override is listed.
    const missed = saved.results.uncoded.answers[0];
    if (!missed) throw new Error('No uncoded answer is left to code by hand.');
    await a.locator(`[data-testid="uncoded-answer"][data-respondent="${missed.respondent}"]`).getByTestId('override-action').click();
    const override = a.getByTestId('override-form');
    await override.waitFor();
    await override.getByRole('textbox', { name: /^この回答のコード/ }).click();
    await a.getByRole('option', { name: 'アプリ全般', exact: true }).click();
    await override.getByText(`「${missed.text}」`).click();
    await override.getByRole('button', { name: '保存', exact: true }).click();
    await override.waitFor({ state: 'detached' });
    await expect.poll(() => a.getByTestId('coding-uncoded').getAttribute('data-count')).toBe(String(saved.results.uncoded.count - 1));
    const coded = (await apiGet(a, path)).body as CodeframeDetail;
    expect(coded.results.overrides.some((o) => o.respondent === missed.respondent && o.codes.includes('app'))).toBe(true);
    await readsResults(a, coded);
    await analyst.context.close();

    // The client's owner reads the same version and numbers, and may change nothing.
    const owner = await personIn(OWNER, 'en-US');
    const o = owner.page;
    await o.goto(link);
    await readsResults(o, coded, 'en');
    expect(await o.getByTestId('codeframe-detail').getAttribute('data-version')).toBe(String(base + 2));
    expect(await o.getByTestId('codeframe-detail').getAttribute('data-can-edit')).toBe('false');
    expect(await o.getByRole('button', { name: 'Edit codes' }).count()).toBe(0);
    expect(await o.getByRole('button', { name: 'New codeframe' }).count()).toBe(0);
    expect(await o.getByTestId('override-action').count()).toBe(0);
    await screenshot(o, 'survey-coding-owner');
    await owner.context.close();
  });

  it('the analyst codes the open question afresh in a new codeframe and reads its first counts', { timeout: 120_000 }, async () => {
    const analyst = await personIn(ANALYST, 'ja-JP');
    const a = analyst.page;
    await a.goto('/');
    const { link, path } = await demoCodeframe(a);
    const framesPath = path.replace(/\/[^/]+$/, '');
    const framesBefore = (await apiGet(a, framesPath)).body as CodeframeSummary[];
    await a.goto(link);
    await a.getByTestId('codeframe-detail').waitFor();

    await a.getByRole('button', { name: 'コード表を作成' }).click();
    const editor = a.getByTestId('codeframe-editor');
    await editor.waitFor();
    expect(await editor.getAttribute('data-mode')).toBe('create');
    // The survey's one open-text question is chosen already.
    expect(await editor.getByRole('textbox', { name: /^自由回答の設問/ }).inputValue()).toMatch(/^Q12_自由回答/);
    const card = editor.getByTestId('code-editor').first();
    await card.getByRole('textbox', { name: /^キー(\s*\*)?$/ }).fill('price');
    await card.getByRole('textbox', { name: /^ラベル/ }).fill('価格');
    const keywords = card.getByRole('textbox', { name: /^キーワード/ });
    await keywords.fill('料金');
    await keywords.press('Enter');
    await keywords.fill('高い');
    await keywords.press('Enter');
    await editor.getByRole('button', { name: '回答をコーディング' }).click();

    // The page moves to the new codeframe, version 1; its numbers are the API's.
    await expect.poll(async () => ((await apiGet(a, framesPath)).body as CodeframeSummary[]).length).toBe(framesBefore.length + 1);
    const frames = (await apiGet(a, framesPath)).body as CodeframeSummary[];
    const created = frames.find((f) => !framesBefore.some((b) => b.id === f.id));
    if (!created) throw new Error('The new codeframe is not listed.');
    await a.waitForURL((url) => url.searchParams.get('cf') === created.id);
    const detail = (await apiGet(a, `${framesPath}/${created.id}`)).body as CodeframeDetail;
    expect(detail.version).toBe(1);
    expect(detail.results.codes.map((c) => c.key)).toEqual(['price']);
    expect(detail.results.codes[0]?.count).toBeGreaterThan(0);
    await expect.poll(() => a.getByTestId('codeframe-row').count()).toBe(frames.length);
    await readsResults(a, detail);
    await analyst.context.close();
  });
});
