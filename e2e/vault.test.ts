import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { padTrueTypeGlyphs } from '../src/infra/exports/ttf-pad.js';
import type { DocumentLibrary } from '../src/shared/contracts/documents.js';
import { apiGet, connectBrowser, screenshot, personIn as signedInAs } from './support.js';

/**
 * The document vault (issue #9, point 10), in Chromium: the client's owner uploads a Japanese PDF
 * to Project Sakura (watching the progress reach 100 %, with a double-click making one version),
 * sees it listed as 機密 and grants it to the provider's analyst for a week; the analyst finds it
 * in the library and downloads it, and every page of the copy carries the analyst's name; an
 * analyst of the same provider who is not on the engagement is refused the file; and the analyst
 * opens a strictly confidential PDF in the browser's viewer, with no way to download it.
 *
 * Personal data (issue #9, point 6): the owner uploads a PDF with a customer's name, address, phone
 * and e-mail, reviews what kpo finds, makes a pseudonymised copy and grants the copy (not the
 * original) to the analyst, whose download carries their name and none of the originals.
 */

const OWNER = 'owner@marunouchi-capital.example';
const ANALYST = 'analyst2@knowledge-bridge.example';
const OUTSIDER = 'analyst1@knowledge-bridge.example';
/** Project Sakura as each side sees it: the client by its title, the provider by its code name. */
const CLIENT_SEES = /部品メーカー買収/;
const PROVIDER_SEES = 'Project Sakura';
const UPLOADED = '対象会社_事業計画_2026-2030.pdf';
const STRICT = 'stock-options-exercise-prices.pdf';
const PERSONAL = '顧客カルテ_山田様.pdf';
const PSEUDONYMISED = '顧客カルテ_山田様_pseudonymised.pdf';
const PERSONAL_LINES = [
  '顧客カルテ（面談記録）',
  '氏名：山田太郎 様',
  '住所：東京都千代田区千代田1-1',
  '電話：03-1234-5678',
  'メール：taro.yamada@example.co.jp',
  '面談では事業承継の方針と売却の希望時期を確認した。',
];

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await connectBrowser();
  dir = mkdtempSync(join(tmpdir(), 'kpo-vault-e2e-'));
});
afterAll(async () => {
  await browser?.close();
});

/** A two-page PDF in Japanese, with Noto Sans JP embedded (the standard PDF fonts cannot encode 日本語). */
async function japanesePdf(
  pages: string[][] = [
    [
      '対象会社 事業計画（2026〜2030年度）',
      '売上高は年率 4.2% で成長し、2030年度に 912 億円を見込む。',
      '営業利益率は 10.3% から 12.1% へ改善する計画。',
    ],
    ['設備投資と運転資本', '設備投資は売上高の 3.5% 前後で推移する。', '売上債権回転日数は 58 日を前提とする。'],
  ],
): Promise<Uint8Array> {
  const require = createRequire(import.meta.url);
  const fontPath = require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(padTrueTypeGlyphs(new Uint8Array(readFileSync(fontPath))), { subset: true });
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => {
      page.drawText(line, { x: 56, y: 770 - i * 28, size: i === 0 ? 18 : 12, font, color: rgb(0.1, 0.1, 0.1) });
    });
  }
  doc.setTitle('対象会社 事業計画');
  return doc.save();
}

/** The text of each page of a PDF, as pdf.js extracts it. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const texts: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await pdf.destroy();
  return texts;
}

const compact = (s: string) => s.replace(/\s+/g, '');

const personIn = (email: string) => signedInAs(browser, email);

/** From the engagement list to the 文書 tab of Project Sakura; returns the engagement's id. */
async function openVault(page: Page, engagement: string | RegExp): Promise<string> {
  await page.goto('/engagements');
  await page
    .getByRole('link', { name: engagement, exact: typeof engagement === 'string' })
    .first()
    .click();
  await page.waitForURL(/\/engagements\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split('/')[2] ?? '';
  await page.getByRole('tab', { name: '文書', exact: true }).click();
  await page.getByTestId('documents-table').waitFor();
  return id;
}

const row = (page: Page, name: string): Locator => page.locator(`tr[data-document="${name}"]`);

/** Picks an option of a Mantine select inside a dialog. */
async function choose(dialog: Locator, label: RegExp, option: RegExp | string): Promise<void> {
  await dialog.getByRole('textbox', { name: label }).click();
  await dialog.page().getByRole('option', { name: option }).click();
}

describe('the document vault', () => {
  it('uploads, grants, downloads with a watermark, refuses an outsider and shows a view-only PDF', { timeout: 180_000 }, async () => {
    // The analyst's name as kpo knows it: what the watermark must say.
    const analyst = await personIn(ANALYST);
    const me = (await (await analyst.context.request.get('/api/session')).json()) as { user: { displayName: string } };
    const analystName = me.user.displayName;
    expect(analystName).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);

    // The client's owner uploads a Japanese PDF as 機密; a double-click is one upload.
    const owner = await personIn(OWNER);
    const id = await openVault(owner.page, CLIENT_SEES);
    const file = join(dir, UPLOADED);
    writeFileSync(file, await japanesePdf());
    await owner.page.getByRole('button', { name: 'アップロード', exact: true }).click();
    const upload = owner.page.getByRole('dialog', { name: '文書をアップロード' });
    await upload.locator('input[type="file"]').setInputFiles(file);
    expect(await upload.getByRole('textbox', { name: /^保管庫での名前/ }).inputValue()).toBe(UPLOADED);
    await choose(upload, /^機密区分/, /^機密/);
    await upload.getByTestId('upload-policy').waitFor();
    await upload.getByRole('textbox', { name: /^メモ/ }).fill('経営陣インタビュー後の最新版');
    await upload.getByRole('button', { name: 'アップロード', exact: true }).dblclick();
    await upload.getByTestId('upload-done').waitFor();
    const bar = upload.getByRole('progressbar', { name: 'アップロードの進み具合' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect(await upload.getByTestId('upload-percent').textContent()).toBe('100%');
    expect(await upload.getByTestId('upload-done').textContent()).toContain('（機密）');
    await screenshot(owner.page, 'vault-upload-done');
    await upload.getByRole('button', { name: '閉じる', exact: true }).click();
    await upload.waitFor({ state: 'hidden' });

    const uploadedRow = row(owner.page, UPLOADED);
    await uploadedRow.waitFor();
    expect(await uploadedRow.locator('td').nth(2).textContent()).toBe('機密');
    expect(await uploadedRow.textContent()).toContain('委託元');
    let library = (await apiGet(owner.page, `/api/engagements/${id}/documents`)).body as DocumentLibrary;
    const uploaded = library.documents.find((d) => d.name === UPLOADED);
    expect(uploaded?.versions).toHaveLength(1);
    expect(uploaded?.classification).toBe('confidential');

    // Picking the same name again says it becomes version 2.
    await owner.page.getByRole('button', { name: 'アップロード', exact: true }).click();
    await upload.locator('input[type="file"]').setInputFiles(file);
    await expect.poll(() => upload.getByTestId('upload-new-version').textContent()).toContain('v2');
    await upload.getByRole('button', { name: 'キャンセル', exact: true }).click();
    await upload.waitFor({ state: 'hidden' });

    // The owner grants it to the analyst alone, with downloads, for the default week.
    await uploadedRow.getByRole('button', { name: `${UPLOADED} を共有` }).click();
    const grant = owner.page.getByRole('dialog', { name: `「${UPLOADED}」を共有` });
    await choose(grant, /^共有先/, analystName);
    await grant.getByRole('radio', { name: '閲覧とダウンロード（透かし入り）' }).check();
    expect(await grant.getByRole('textbox', { name: /^日数/ }).inputValue()).toBe('7');
    await grant.getByTestId('grant-expiry').waitFor();
    await grant.getByRole('button', { name: '共有する', exact: true }).click();
    await grant.waitFor({ state: 'hidden' });
    await uploadedRow.getByRole('button', { name: `${UPLOADED} の版と共有を表示` }).click();
    const grants = owner.page.getByRole('table', { name: `${UPLOADED} の共有` });
    await grants.getByRole('row').filter({ hasText: analystName }).filter({ hasText: '有効' }).waitFor();
    await owner.page
      .getByRole('table', { name: `${UPLOADED} の版` })
      .getByText('経営陣インタビュー後の最新版')
      .waitFor();

    // The strictly confidential PDF: named people only, view only, at most 14 days — the form offers nothing more.
    await row(owner.page, STRICT)
      .getByRole('button', { name: `${STRICT} を共有` })
      .click();
    const strictGrant = owner.page.getByRole('dialog', { name: `「${STRICT}」を共有` });
    expect(await strictGrant.getByTestId('grant-policy').textContent()).toContain('個人を指定して共有・ブラウザーでの閲覧のみ・最長 14 日');
    // kpo's proposal from the SOW: each person on the team, view only, within the class's 14 days.
    expect(await strictGrant.getByTestId('grant-suggestion').textContent()).toMatch(/チームの各担当者に閲覧のみ（ブラウザー内）、\d+ 日間/);
    await strictGrant.getByRole('textbox', { name: /^共有先/ }).click();
    expect(await owner.page.getByRole('option', { name: 'この案件の委託先チーム全体' }).count()).toBe(0);
    await owner.page.getByRole('option', { name: analystName }).click();
    expect(await strictGrant.getByRole('radio').count()).toBe(1);
    await screenshot(owner.page, 'vault-grant-strict');
    await strictGrant.getByRole('button', { name: '共有する', exact: true }).click();
    await strictGrant.waitFor({ state: 'hidden' });
    await screenshot(owner.page, 'vault-owner-library');

    // The analyst sees the document and downloads it; every page carries the analyst's name.
    const id2 = await openVault(analyst.page, PROVIDER_SEES);
    expect(id2).toBe(id);
    const analystRow = row(analyst.page, UPLOADED);
    await analystRow.waitFor();
    const [download] = await Promise.all([
      analyst.page.waitForEvent('download'),
      analystRow.getByRole('link', { name: `${UPLOADED} をダウンロード` }).click(),
    ]);
    const saved = join(dir, 'downloaded.pdf');
    await download.saveAs(saved);
    const bytes = new Uint8Array(readFileSync(saved));
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const texts = await pageTexts(bytes);
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(compact(text)).toContain(compact(analystName));
    expect(compact(texts[0] ?? '')).toContain(compact('対象会社 事業計画'));

    // An analyst of the same provider who is not on the engagement does not even learn it exists.
    const outsider = await personIn(OUTSIDER);
    await outsider.page.goto('/');
    const refused = await apiGet(outsider.page, `/api/engagements/${id}/documents/${uploaded?.id}/versions/latest/content?mode=download`);
    expect(refused.status).toBe(404);
    expect((refused.body as { error: { reason: string } }).error.reason).toBe('engagement_not_found');
    await outsider.context.close();

    // The strictly confidential PDF: no download anywhere, the viewer draws its pages.
    await analyst.page.reload();
    await analyst.page.getByTestId('documents-table').waitFor();
    const strictRow = row(analyst.page, STRICT);
    await strictRow.waitFor();
    expect(await strictRow.getByRole('link', { name: /ダウンロード/ }).count()).toBe(0);
    await strictRow.getByRole('button', { name: `${STRICT} を表示` }).click();
    const viewer = analyst.page.getByTestId('document-viewer');
    await viewer.locator('canvas[data-page="1"][data-rendered="true"]').waitFor({ timeout: 20_000 });
    await viewer.getByText('閲覧のみ：この文書はダウンロードできません。').waitFor();
    const dialog = analyst.page.getByRole('dialog');
    expect(await dialog.getByRole('link').count()).toBe(0);
    expect(await dialog.getByRole('button', { name: /ダウンロード/ }).count()).toBe(0);
    await screenshot(analyst.page, 'vault-analyst-viewer');
    library = (await apiGet(analyst.page, `/api/engagements/${id}/documents`)).body as DocumentLibrary;
    const strict = library.documents.find((d) => d.name === STRICT);
    expect(strict?.allowedActions).toEqual(['view']);
    const viewOnly = await apiGet(analyst.page, `/api/engagements/${id}/documents/${strict?.id}/versions/latest/content?mode=download`);
    expect((viewOnly.body as { error: { reason: string } }).error.reason).toBe('view_only');

    // The owner's access review shows the analyst's grants, the downloaded one with its last use.
    await owner.page.reload();
    const review = owner.page.getByTestId('access-review');
    const reviewed = review.getByRole('row').filter({ hasText: UPLOADED }).filter({ hasText: analystName });
    await reviewed.waitFor();
    expect(await reviewed.textContent()).not.toContain('未利用');

    await analyst.context.close();
    await owner.context.close();
  });
  it('finds personal data, shares a pseudonymised copy that carries none of it, and restores the originals for the client', {
    timeout: 180_000,
  }, async () => {
    const analyst = await personIn(ANALYST);
    const me = (await (await analyst.context.request.get('/api/session')).json()) as { user: { displayName: string } };
    const analystName = me.user.displayName;

    // The owner uploads a customer record with a name, an address, a phone number and an e-mail.
    const owner = await personIn(OWNER);
    const id = await openVault(owner.page, CLIENT_SEES);
    const file = join(dir, PERSONAL);
    writeFileSync(file, await japanesePdf([PERSONAL_LINES]));
    await owner.page.getByRole('button', { name: 'アップロード', exact: true }).click();
    const upload = owner.page.getByRole('dialog', { name: '文書をアップロード' });
    await upload.locator('input[type="file"]').setInputFiles(file);
    await choose(upload, /^機密区分/, /^機密/);
    await upload.getByRole('button', { name: 'アップロード', exact: true }).click();
    await upload.getByTestId('upload-done').waitFor();
    await upload.getByRole('button', { name: '閉じる', exact: true }).click();
    await upload.waitFor({ state: 'hidden' });

    // The review: counts by kind, each finding where it stands, the mapping's note.
    const source = row(owner.page, PERSONAL);
    await source.getByRole('button', { name: `${PERSONAL} の個人情報を確認` }).click();
    const review = owner.page.getByRole('dialog', { name: /の個人情報を確認/ });
    const counts = review.getByTestId('pii-counts');
    await counts.waitFor({ timeout: 30_000 });
    for (const [type, name] of [
      ['PERSON', '氏名'],
      ['STREET_ADDRESS', '住所'],
      ['PHONE_NUMBER', '電話番号'],
      ['EMAIL_ADDRESS', 'メールアドレス'],
    ] as const) {
      expect(await counts.locator(`[data-pii-type="${type}"]`).textContent(), type).toMatch(new RegExp(`^${name} \\d+ 件$`));
    }
    const findings = review.getByRole('table', { name: '検出した個人情報' });
    expect(await findings.getByText('1 ページ', { exact: true }).count()).toBe(1);
    for (const text of ['山田太郎', '東京都千代田区千代田1-1', '03-1234-5678', 'taro.yamada@example.co.jp'])
      await findings.locator('mark', { hasText: text }).first().waitFor();
    expect(await findings.locator('tr[data-pii-type="PERSON"]').first().textContent()).toContain('山田太郎');
    expect(await review.getByTestId('pii-mapping-note').textContent()).toContain('委託元側にだけ残り');
    for (const type of ['氏名', '住所', '電話番号', 'メールアドレス'])
      expect(await review.getByRole('checkbox', { name: new RegExp(`^${type} `) }).isChecked(), type).toBe(true);
    await screenshot(owner.page, 'vault-pii-review');

    // The copy, granted at once to the analyst for a week with downloads.
    await review.getByRole('button', { name: '仮名化した複製を作成', exact: true }).click();
    await review.getByTestId('pii-copy-made').waitFor({ timeout: 30_000 });
    await review.getByRole('button', { name: '今すぐ共有', exact: true }).click();
    const grant = owner.page.getByRole('dialog', { name: `「${PSEUDONYMISED}」を共有` });
    await choose(grant, /^共有先/, analystName);
    await grant.getByRole('radio', { name: '閲覧とダウンロード（透かし入り）' }).check();
    expect(await grant.getByRole('textbox', { name: /^日数/ }).inputValue()).toBe('7');
    await grant.getByRole('button', { name: '共有する', exact: true }).click();
    await grant.waitFor({ state: 'hidden' });
    const copyRow = row(owner.page, PSEUDONYMISED);
    await copyRow.getByTestId('pseudonymised-badge').waitFor();
    expect(await copyRow.getByTestId('pseudonymised-badge').textContent()).toBe('仮名化済み');
    expect(await source.getByTestId('pseudonymised-badge').count()).toBe(0);
    await screenshot(owner.page, 'vault-pii-copy');
    const library = (await apiGet(owner.page, `/api/engagements/${id}/documents`)).body as DocumentLibrary;
    const original = library.documents.find((d) => d.name === PERSONAL);
    const copy = library.documents.find((d) => d.name === PSEUDONYMISED);
    expect(copy?.sourceDocumentId).toBe(original?.id);
    expect(original?.grants).toEqual([]);
    expect(copy?.grants.map((g) => [g.grantee.kind === 'user' && g.grantee.displayName, g.access, g.state])).toEqual([
      [analystName, 'download', 'live'],
    ]);

    // The analyst sees the copy only, downloads it: their name on every page, no original left.
    await openVault(analyst.page, PROVIDER_SEES);
    const analystRow = row(analyst.page, PSEUDONYMISED);
    await analystRow.waitFor();
    expect(await row(analyst.page, PERSONAL).count()).toBe(0);
    const [download] = await Promise.all([
      analyst.page.waitForEvent('download'),
      analystRow.getByRole('link', { name: `${PSEUDONYMISED} をダウンロード` }).click(),
    ]);
    const saved = join(dir, 'pseudonymised.pdf');
    await download.saveAs(saved);
    const texts = await pageTexts(new Uint8Array(readFileSync(saved)));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(compact(text)).toContain(compact(analystName));
    const all = compact(texts.join(''));
    for (const originalText of ['山田太郎', '千代田1-1', '03-1234-5678', 'taro.yamada@example.co.jp'])
      expect(all).not.toContain(originalText);
    expect(all).toMatch(/人物[A-Z]+様/);
    expect(all).toContain('事業承継の方針');

    // An analyst of the same provider who is not on the engagement does not learn it exists.
    const outsider = await personIn(OUTSIDER);
    await outsider.page.goto('/');
    const refused = await apiGet(outsider.page, `/api/engagements/${id}/documents/${copy?.id}/versions/latest/content?mode=download`);
    expect([refused.status, (refused.body as { error: { reason: string } }).error.reason]).toEqual([404, 'engagement_not_found']);
    await outsider.context.close();

    // The client's owner reads the copy with the originals put back.
    const [restored] = await Promise.all([
      owner.page.waitForEvent('download'),
      copyRow.getByRole('link', { name: `${PSEUDONYMISED} を元の情報に戻してダウンロード` }).click(),
    ]);
    const back = join(dir, 'restored.pdf');
    await restored.saveAs(back);
    expect(compact((await pageTexts(new Uint8Array(readFileSync(back)))).join(''))).toContain('山田太郎');

    await analyst.context.close();
    await owner.context.close();
  });
});
