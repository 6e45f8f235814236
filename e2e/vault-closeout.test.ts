import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CloseOutView, DocumentLibrary, DocumentView } from '../src/shared/contracts/documents.js';
import type { EngagementView } from '../src/shared/contracts/engagements.js';
import { ANALYST, engagementInProgress, MANAGER, OWNER } from './api.js';
import { apiGet, connectBrowser, screenshot, personIn as signedInAs } from './support.js';

/**
 * Closing out the vault (issue #9, point 9), in Chromium. The journey needs an engagement that
 * reaches 'closed', and the demo server is shared by every journey of the run (e2e/global-setup.ts
 * starts one for all files): rather than close Project Sakura under the other journeys, it builds
 * a fresh engagement through the API — brief, invitation, proposal, award, SOW, start, team,
 * milestones, delivery, acceptance, close — with a document granted to the analyst while the
 * work is in progress. Closing ends the grant; the client's owner destroys the data in the UI,
 * typing the engagement's name; nothing of the document can be had any more; the provider's lead
 * records that their copies are deleted; the owner downloads the certificate, and
 * `kpo vault verify-certificate` on this kpo's data directory finds it valid and signed by it.
 */

const root = new URL('..', import.meta.url).pathname;
const run = promisify(execFile);

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await connectBrowser();
  dir = mkdtempSync(join(tmpdir(), 'kpo-vault-closeout-e2e-'));
});
afterAll(async () => {
  await browser?.close();
});

/** The run's kpo server keeps its data (and its master key file) here: `kpo` commands read it too. */
const serverEnvironment = () => ({ KPO_DATA_DIR: inject('dataDir') });

const personIn = (email: string) => signedInAs(browser, email);

/** The engagement's 文書 tab, from the engagement list. */
async function openDocuments(page: Page, title: string, id: string): Promise<void> {
  await page.goto('/engagements');
  await page.getByRole('link', { name: title, exact: true }).first().click();
  await page.waitForURL(new RegExp(`/engagements/${id}$`));
  await page.getByRole('tab', { name: '文書', exact: true }).click();
}

describe('closing out the vault', () => {
  it('ends the grants at close, destroys the data with the name typed again, and issues a certificate that verifies', {
    timeout: 240_000,
  }, async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const title = `事業承継に関する顧客調査 ${suffix}`;
    const { id, path, owner, manager, analyst, version } = await engagementInProgress(title);

    // While the work is in progress: a document, granted to the analyst, who sees it.
    const name = '顧客名簿_抜粋.txt';
    const doc = await owner.ok<DocumentView>(
      'POST',
      `${path}/documents?name=${encodeURIComponent(name)}&classification=confidential`,
      undefined,
      new TextEncoder().encode('顧客名簿（抜粋）\n株式会社サンプル 代表 山田太郎\n'),
    );
    await owner.ok('POST', `${path}/documents/${doc.id}/grants`, {
      grantee: { kind: 'user', userId: analyst.userId },
      access: 'download',
      days: 7,
    });
    expect((await analyst.ok<DocumentLibrary>('GET', `${path}/documents`)).documents.map((d) => d.name)).toEqual([name]);

    // Not yet closed: nothing can be destroyed.
    const early = await owner.send<{ error: { reason: string } }>('POST', `${path}/close-out/destroy`, { confirm: title });
    expect(early.body.error.reason).toBe('not_closed');

    // Delivered, accepted, closed.
    const milestones = await analyst.ok<{ id: string }[]>('GET', `${path}/milestones`);
    for (const m of milestones) await analyst.ok('POST', `${path}/milestones/${m.id}/progress`, { action: 'submit' });
    await manager.ok('POST', `${path}/transitions`, { action: 'deliver', version: await version() });
    for (const m of milestones) await owner.ok('POST', `${path}/milestones/${m.id}/decision`, { action: 'accept' });
    await owner.ok('POST', `${path}/transitions`, { action: 'accept', version: await version() });
    await owner.ok('POST', `${path}/transitions`, { action: 'close', version: await version() });
    expect((await owner.ok<EngagementView>('GET', path)).status).toBe('closed');

    // The grant has ended: the analyst's library no longer lists the document.
    expect((await analyst.ok<DocumentLibrary>('GET', `${path}/documents`)).documents).toEqual([]);
    const grants = (await owner.ok<DocumentView>('GET', `${path}/documents/${doc.id}`)).grants;
    expect(grants.map((g) => g.state)).toEqual(['engagement_ended']);
    const analystUi = await personIn(ANALYST);
    await openDocuments(analystUi.page, title, id);
    await analystUi.page.getByText('文書はまだありません。', { exact: true }).waitFor();
    await analystUi.context.close();

    // The owner destroys the data in the UI: the dialog names what to type, and a wrong name is refused.
    const ui = await personIn(OWNER);
    await openDocuments(ui.page, title, id);
    const panel = ui.page.getByTestId('close-out');
    await panel.getByTestId('close-out-danger').waitFor();
    expect(await panel.getByTestId('close-out-attestation').textContent()).toContain('未受領');
    await panel.getByRole('button', { name: 'データを消去…', exact: true }).click();
    const confirm = ui.page.getByRole('dialog', { name: 'この案件のデータを消去しますか？' });
    expect(await confirm.getByTestId('close-out-name').textContent()).toBe(`入力する名前：${title}`);
    const typed = confirm.getByRole('textbox', { name: /^確認のため、案件名を入力してください/ });
    const destroyButton = confirm.getByRole('button', { name: 'データを消去する', exact: true });
    await typed.fill('事業承継に関する顧客調査');
    expect(await destroyButton.isDisabled()).toBe(true);
    await typed.fill(title);
    await screenshot(ui.page, 'vault-closeout-confirm');
    await destroyButton.click();
    await confirm.waitFor({ state: 'hidden' });
    const destroyed = panel.getByTestId('close-out-destroyed');
    await destroyed.waitFor();
    const view = await owner.ok<CloseOutView>('GET', `${path}/close-out`);
    expect(view.destroyed).toMatchObject({ documents: 1, versions: 1, dataKeyId: expect.any(String) });
    expect(view.destroyed?.by?.userId).toBe(owner.userId);
    expect(await destroyed.getByTestId('close-out-certificate-id').textContent()).toBe(view.destroyed?.certificateId);
    const shown = (await destroyed.textContent()) ?? '';
    expect(shown).toContain('1 件（1 版）');
    expect(shown).toContain(view.destroyed?.dataKeyId ?? '-');
    expect(shown).toContain(`kpo vault verify-certificate destruction-certificate-${view.destroyed?.certificateId}.pdf`);
    expect(await panel.getByTestId('close-out-danger').count()).toBe(0);
    await ui.page.getByTestId('documents-destroyed').waitFor();

    // Nothing of the document can be had any more: it is gone from the library, its content is refused.
    expect((await owner.ok<DocumentLibrary>('GET', `${path}/documents`)).documents).toEqual([]);
    const content = await apiGet(ui.page, `${path}/documents/${doc.id}/versions/1/content?mode=download`);
    expect([content.status, (content.body as { error: { reason: string } }).error.reason]).toEqual([404, 'document_not_found']);
    const again = await owner.send<{ error: { reason: string } }>('POST', `${path}/close-out/destroy`, { confirm: title });
    expect(again.body.error.reason).toBe('already_destroyed');

    // The provider's lead states in the UI that their copies are deleted; the owner sees the statement.
    const statement = 'この案件でダウンロードした資料と作業ファイルをすべて削除しました。';
    const lead = await personIn(MANAGER);
    await openDocuments(lead.page, title, id);
    const leadPanel = lead.page.getByTestId('close-out');
    await leadPanel.getByRole('textbox', { name: /^削除の報告/ }).fill(statement);
    await leadPanel.getByRole('button', { name: '報告を記録する', exact: true }).click();
    await leadPanel.getByTestId('close-out-statement').waitFor();
    expect(await leadPanel.getByTestId('close-out-statement').textContent()).toBe(statement);
    await lead.context.close();
    await ui.page.reload();
    await panel.getByTestId('close-out-statement').waitFor();
    expect(await panel.getByTestId('close-out-statement').textContent()).toBe(statement);
    await screenshot(ui.page, 'vault-closeout-destroyed');

    // The certificate, downloaded in the UI, verifies offline against this kpo's key.
    const [download] = await Promise.all([
      ui.page.waitForEvent('download'),
      panel.getByRole('link', { name: '証明書をダウンロード', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`destruction-certificate-${view.destroyed?.certificateId}.pdf`);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { stdout } = await run(process.execPath, [join(root, 'bin/kpo.js'), 'vault', 'verify-certificate', file, '--json'], {
      cwd: root,
      env: { ...process.env, KPO_LOG_LEVEL: 'warn', ...serverEnvironment() },
    });
    expect(JSON.parse(stdout)).toMatchObject({
      valid: true,
      signedByTrustedKey: true,
      data: {
        certificateId: view.destroyed?.certificateId,
        engagementId: id,
        documents: [{ id: doc.id, name, version: 1 }],
        providerAttestation: { statement },
      },
    });
    await ui.context.close();
  });
});
