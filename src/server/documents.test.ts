import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EXIT_VERIFY_FAILED } from '../cli/exit-codes.js';
import type { AccessReview, CloseOutView, DocumentLibrary, DocumentView, PiiReview } from '../shared/contracts/documents.js';
import type { EngagementView } from '../shared/contracts/engagements.js';
import { kpo } from '../testing/cli.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const DAY = 86_400_000;
const SECRET = '顧客名簿: 山田太郎 090-1234-5678 — unreleased plan Falcon';

/** A small but real PDF (one page), enough for the content checks. */
function tinyPdf(extra = ''): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\ntrailer <</Root 1 0 R${extra}>>\n%%EOF\n`,
    'latin1',
  );
}

describeEachDatabase('the document vault through the API', (backend) => {
  // Sessions outlive the week a grant is tested over.
  const kit = useTestKit(backend, { KPO_SESSION_IDLE_MINUTES: '30000', KPO_SESSION_MAX_HOURS: '9000' });
  const base = (id: string) => `/api/engagements/${id}/documents`;
  const upload = (name: string, classification = 'confidential') => `?name=${encodeURIComponent(name)}&classification=${classification}`;

  it('stores uploads encrypted, as versions of one name; the content must be what the name says; nothing is kept of a refused upload', async () => {
    const k = kit();
    const { as, id } = await engagementInProgress(k);
    const first = await as.owner.upload<DocumentView>(`${base(id)}${upload('顧客リスト.csv')}`, SECRET);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ name: '顧客リスト.csv', classification: 'confidential', uploadedSide: 'client', latestVersion: 1 });
    expect(first.body.versions[0]).toMatchObject({ version: 1, kind: 'csv', sizeBytes: Buffer.byteLength(SECRET) });
    expect(first.body.versions[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The same name (whatever its width or case) is a new version; a classification change is refused.
    const second = await as.owner.upload<DocumentView>(`${base(id)}${upload('顧客リスト.CSV')}`, `${SECRET}\n2行目`);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ id: first.body.id, latestVersion: 2 });
    const downgraded = await as.owner.upload(`${base(id)}${upload('顧客リスト.csv', 'public')}`, 'x');
    expect(errorOf(downgraded).reason).toBe('classification_mismatch');

    // On disk: ciphertext only.
    const vaultDir = join(k.rt.config.dataDir, 'vault', id);
    const files = readdirSync(vaultDir);
    expect(files.filter((f) => f.endsWith('.kpv'))).toHaveLength(2);
    for (const f of files) {
      const raw = readFileSync(join(vaultDir, f));
      expect(raw.includes(Buffer.from('山田太郎'))).toBe(false);
      expect(raw.includes(Buffer.from('Falcon'))).toBe(false);
    }

    // The client's own people download the plain content (a csv of a confidential document is marked).
    const got = await as.owner.raw('GET', `${base(id)}/${first.body.id}/versions/1/content`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toContain("filename*=UTF-8''%E9%A1%A7");
    expect(await got.text()).toContain(SECRET);

    // Bad input: a clear 4xx, and nothing stored.
    const refusals: [string, string | Buffer, string][] = [
      ['../../etc/passwd.txt', 'x', 'invalid_file_name'],
      ['a\u202etxt.exe.txt', 'x', 'invalid_file_name'],
      ['report.exe', 'MZ', 'unsupported_file_type'],
      ['noextension', 'x', 'unsupported_file_type'],
      ['fake.pdf', 'just text', 'file_content_mismatch'],
      ['image.png', tinyPdf(), 'file_content_mismatch'],
      ['text.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'file_content_mismatch'],
      ['empty.txt', '', 'empty_file'],
      ['cut.pdf', tinyPdf().subarray(0, 60), 'malformed_file'],
      ['locked.pdf', tinyPdf(' /Encrypt 5 0 R'), 'encrypted_file'],
      ['locked.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3]), 'encrypted_file'],
      ['zipped.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'file_content_mismatch'],
    ];
    for (const [name, body, reason] of refusals) {
      const r = await as.owner.upload(`${base(id)}${upload(name)}`, body);
      expect([r.status, errorOf(r).reason], name).toEqual([errorOf(r).reason === 'file_too_large' ? 413 : 400, reason]);
    }
    expect(readdirSync(vaultDir).filter((f) => f.endsWith('.kpv'))).toHaveLength(2);
    expect((await as.owner.get<DocumentLibrary>(base(id))).body.documents).toHaveLength(1);
    const missing = await as.owner.upload(`${base(id)}?name=x.txt`, 'x');
    expect(missing.status).toBe(400);
    expect(errorOf(missing).issues?.[0]?.path).toEqual(['classification']);
  });

  it('refuses a file over the limit while it streams, leaving nothing', async () => {
    const k = kit();
    const { as, id } = await engagementInProgress(k);
    const limit = k.rt.config.vaultMaxBytes;
    const big = Buffer.alloc(limit + 1, 0x61);
    const r = await as.owner.upload(`${base(id)}${upload('big.txt')}`, big);
    expect([r.status, errorOf(r).reason]).toEqual([413, 'file_too_large']);
    const dir = join(k.rt.config.dataDir, 'vault', id);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a changed byte on disk is refused on download and found by the check', async () => {
    const k = kit();
    const { as, id } = await engagementInProgress(k);
    const doc = (await as.owner.upload<DocumentView>(`${base(id)}${upload('plan.txt')}`, 'secret plan '.repeat(10_000))).body;
    const dir = join(k.rt.config.dataDir, 'vault', id);
    const [file] = readdirSync(dir);
    const path = join(dir, file ?? '');
    const bytes = readFileSync(path);
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] ?? 0) ^ 1;
    writeFileSync(path, bytes);
    const r = await as.owner.get(`${base(id)}/${doc.id}/versions/1/content`);
    expect([r.status, errorOf(r).reason]).toEqual([409, 'blob_tampered']);
    const check = await k.rt.vault.check();
    expect(check.problems).toEqual([{ blobId: expect.any(String), documentId: doc.id, version: 1, reason: 'blob_tampered' }]);
  });

  it('a provider person sees a client document only through a live grant, within the classification policy; grants end by expiry, revocation and acceptance', async () => {
    const k = kit();
    const { as, id, people } = await engagementInProgress(k);
    const doc = (await as.owner.upload<DocumentView>(`${base(id)}${upload('発明開示書.txt')}`, '発明の内容')).body;
    const strict = (await as.owner.upload<DocumentView>(`${base(id)}${upload('term-sheet.txt', 'strictly_confidential')}`, 'TS')).body;

    // kpo proposes a grant from the SOW: a document named like a deliverable, to whom the class allows.
    const survey = (await as.owner.upload<DocumentView>(`${base(id)}${upload('survey-questionnaire.txt')}`, 'Q1')).body;
    expect(survey.suggestedGrant).toMatchObject({ grantee: { kind: 'team' }, access: 'download', deliverables: ['Survey data'] });
    expect(survey.suggestedGrant?.days).toBeLessThanOrEqual(30);
    expect(strict.suggestedGrant).toMatchObject({
      grantee: { kind: 'user', userIds: [people.p1Analyst.id] },
      access: 'view',
      deliverables: [],
    });

    // Before a grant the provider's people do not know the documents exist.
    expect((await as.p1Analyst.get<DocumentLibrary>(base(id))).body.documents).toEqual([]);
    expect(errorOf(await as.p1Analyst.get(`${base(id)}/${doc.id}`)).reason).toBe('document_not_found');
    expect(errorOf(await as.p1Analyst.get(`${base(id)}/${doc.id}/versions/1/content`)).reason).toBe('document_not_found');
    // An analyst of the provider not on the engagement does not see the engagement at all.
    expect(errorOf(await as.p1Other.get(`${base(id)}/${doc.id}/versions/1/content`)).reason).toBe('engagement_not_found');

    // The policy of each class.
    const grant = (docId: string, body: unknown) => as.owner.post<DocumentView>(`${base(id)}/${docId}/grants`, body);
    expect(errorOf(await grant(strict.id, { grantee: { kind: 'team' }, access: 'view', days: 7 })).reason).toBe('grantee_not_allowed');
    expect(
      errorOf(await grant(strict.id, { grantee: { kind: 'user', userId: people.p1Analyst.id }, access: 'download', days: 7 })).reason,
    ).toBe('grant_access_too_high');
    expect(
      errorOf(await grant(doc.id, { grantee: { kind: 'user', userId: people.p1Analyst.id }, access: 'download', days: 31 })),
    ).toMatchObject({ reason: 'grant_too_long', params: { max: 30 } });
    expect(errorOf(await grant(doc.id, { grantee: { kind: 'user', userId: people.p1Other.id }, access: 'download', days: 7 })).reason).toBe(
      'grantee_not_on_team',
    );
    expect((await as.p1Manager.post(`${base(id)}/${doc.id}/grants`, { grantee: { kind: 'team' }, access: 'view', days: 7 })).status).toBe(
      403,
    );

    const granted = await grant(doc.id, { grantee: { kind: 'user', userId: people.p1Analyst.id }, access: 'download', days: 7 });
    expect(granted.status).toBe(201);
    // The analyst is told, in the bell (and by e-mail and webhook where configured); nobody else at the provider.
    const told = await as.p1Analyst.get<{ items: { kind: string; data: Record<string, unknown> }[] }>('/api/notifications');
    expect(told.body.items.filter((n) => n.kind === 'document.granted').map((n) => n.data)).toEqual([
      { document: '発明開示書.txt', days: 7 },
    ]);
    const others = await as.p1Manager.get<{ items: { kind: string }[] }>('/api/notifications');
    expect(others.body.items.filter((n) => n.kind === 'document.granted')).toEqual([]);
    expect(granted.body.grants).toHaveLength(1);
    const viewOnly = await grant(strict.id, { grantee: { kind: 'user', userId: people.p1Analyst.id }, access: 'view', days: 14 });
    expect(viewOnly.status).toBe(201);

    const seen = (await as.p1Analyst.get<DocumentLibrary>(base(id))).body.documents;
    expect(seen.map((d) => [d.name, d.allowedActions])).toEqual(
      expect.arrayContaining([
        ['発明開示書.txt', ['view', 'download']],
        ['term-sheet.txt', ['view']],
      ]),
    );
    // The manager was not named: the grant is the analyst's.
    expect((await as.p1Manager.get<DocumentLibrary>(base(id))).body.documents).toEqual([]);
    expect(errorOf(await as.p1Analyst.get(`${base(id)}/${strict.id}/versions/1/content?mode=download`)).reason).toBe('view_only');

    // The access review lists the live grants with their last use.
    let review = (await as.owner.get<AccessReview>(`/api/engagements/${id}/access-review`)).body;
    expect(review.grants.map((g) => [g.documentName, g.lastUsedAt])).toEqual(
      expect.arrayContaining([
        ['発明開示書.txt', null],
        ['term-sheet.txt', null],
      ]),
    );
    const read = await as.p1Analyst.raw('GET', `${base(id)}/${doc.id}/versions/1/content`);
    expect(read.status).toBe(200);
    review = (await as.owner.get<AccessReview>(`/api/engagements/${id}/access-review`)).body;
    expect(review.grants.find((g) => g.documentName === '発明開示書.txt')?.lastUsedAt).not.toBeNull();
    expect((await as.p1Analyst.get(`/api/engagements/${id}/access-review`)).status).toBe(403);

    // Revoked: gone at once.
    const strictGrant = viewOnly.body.grants[0]?.id;
    expect((await as.owner.post(`${base(id)}/${strict.id}/grants/${strictGrant}/revoke`)).status).toBe(200);
    expect(errorOf(await as.p1Analyst.get(`${base(id)}/${strict.id}`)).reason).toBe('document_not_found');

    // Expired: gone by itself.
    k.clock.advance(7 * DAY + 1000);
    expect(errorOf(await as.p1Analyst.get(`${base(id)}/${doc.id}/versions/1/content`)).reason).toBe('document_not_found');
    const states = (await as.owner.get<DocumentView>(`${base(id)}/${doc.id}`)).body.grants.map((g) => g.state);
    expect(states).toEqual(['expired']);
  });

  it('every grant ends when the engagement is accepted, with one audit event', async () => {
    const k = kit();
    const { as, id, people } = await engagementInProgress(k);
    const doc = (await as.owner.upload<DocumentView>(`${base(id)}${upload('data.txt', 'internal')}`, 'data')).body;
    await as.owner.post(`${base(id)}/${doc.id}/grants`, { grantee: { kind: 'team' }, access: 'download', days: 30 });
    expect((await as.p1Analyst.get<DocumentLibrary>(base(id))).body.documents).toHaveLength(1);

    const milestones = (await as.p1Analyst.get<{ id: string }[]>(`/api/engagements/${id}/milestones`)).body;
    for (const m of milestones) await as.p1Analyst.post(`/api/engagements/${id}/milestones/${m.id}/progress`, { action: 'submit' });
    let view = (await as.owner.get<EngagementView>(`/api/engagements/${id}`)).body;
    const delivered = await as.p1Manager.post(`/api/engagements/${id}/transitions`, { action: 'deliver', version: view.version });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    // Still under review: the grant holds.
    expect((await as.p1Analyst.get<DocumentLibrary>(base(id))).body.documents).toHaveLength(1);
    for (const m of milestones) await as.owner.post(`/api/engagements/${id}/milestones/${m.id}/decision`, { action: 'accept' });
    view = (await as.owner.get<EngagementView>(`/api/engagements/${id}`)).body;
    expect((await as.owner.post(`/api/engagements/${id}/transitions`, { action: 'accept', version: view.version })).status).toBe(200);

    expect((await as.p1Analyst.get<DocumentLibrary>(base(id))).body.documents).toEqual([]);
    const grants = (await as.owner.get<DocumentView>(`${base(id)}/${doc.id}`)).body.grants;
    expect(grants.map((g) => g.state)).toEqual(['engagement_ended']);
    const events = await k.rt.database.db
      .selectFrom('audit_events')
      .select(['type', 'data'])
      .where('type', '=', 'document.grants_ended')
      .where('resource_id', '=', id)
      .execute();
    expect(events).toHaveLength(1);
    expect(people.p1Analyst.id).toBeTruthy();
  });

  it('closing out: the client lead destroys the data once the engagement is closed; nothing decrypts after; the certificate verifies offline with the CLI', async () => {
    const k = kit();
    const { as, id, people } = await engagementInProgress(k, { title: '新規事業の特許調査', codeName: 'Project Falcon' });
    const doc = (await as.owner.upload<DocumentView>(`${base(id)}${upload('発明開示書.txt')}`, '発明の要旨')).body;
    await as.owner.post(`${base(id)}/${doc.id}/grants`, {
      grantee: { kind: 'user', userId: people.p1Analyst.id },
      access: 'download',
      days: 7,
    });
    const blobDir = join(k.rt.config.dataDir, 'vault', id);
    expect(readdirSync(blobDir)).toHaveLength(1);

    // Not before the engagement is closed.
    const early = await as.owner.post(`/api/engagements/${id}/close-out/destroy`, { confirm: '新規事業の特許調査' });
    expect([early.status, errorOf(early).reason]).toEqual([409, 'not_closed']);

    const milestones = (await as.p1Analyst.get<{ id: string }[]>(`/api/engagements/${id}/milestones`)).body;
    for (const m of milestones) await as.p1Analyst.post(`/api/engagements/${id}/milestones/${m.id}/progress`, { action: 'submit' });
    const move = async (who: typeof as.owner, action: string) => {
      const v = (await as.owner.get<EngagementView>(`/api/engagements/${id}`)).body.version;
      const r = await who.post(`/api/engagements/${id}/transitions`, { action, version: v });
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
    };
    await move(as.p1Manager, 'deliver');
    for (const m of milestones) await as.owner.post(`/api/engagements/${id}/milestones/${m.id}/decision`, { action: 'accept' });
    await move(as.owner, 'accept');
    await move(as.owner, 'close');

    const status = (await as.owner.get<CloseOutView>(`/api/engagements/${id}/close-out`)).body;
    expect(status).toMatchObject({ destroyed: null, mayDestroy: true, mayAttest: false });
    expect((await as.p1Manager.get<CloseOutView>(`/api/engagements/${id}/close-out`)).body).toMatchObject({
      mayDestroy: false,
      mayAttest: true,
    });
    // Only the client's lead, only with the name typed again.
    expect((await as.p1Manager.post(`/api/engagements/${id}/close-out/destroy`, { confirm: 'Project Falcon' })).status).toBe(403);
    expect((await as.finance.post(`/api/engagements/${id}/close-out/destroy`, { confirm: 'Project Falcon' })).status).toBe(403);
    const typo = await as.owner.post(`/api/engagements/${id}/close-out/destroy`, { confirm: '新規事業' });
    expect(errorOf(typo)).toMatchObject({
      reason: 'confirmation_mismatch',
      issues: [{ path: ['confirm'], code: 'confirmation_mismatch' }],
    });
    const certificateBefore = await as.owner.get(`/api/engagements/${id}/close-out/certificate.pdf`);
    expect(errorOf(certificateBefore).reason).toBe('not_destroyed');

    const destroyed = await as.owner.post<CloseOutView>(`/api/engagements/${id}/close-out/destroy`, { confirm: 'Project Falcon' });
    expect(destroyed.status, JSON.stringify(destroyed.body)).toBe(200);
    expect(destroyed.body.destroyed).toMatchObject({ documents: 1, versions: 1, dataKeyId: expect.any(String) });
    expect(errorOf(await as.owner.post(`/api/engagements/${id}/close-out/destroy`, { confirm: 'Project Falcon' })).reason).toBe(
      'already_destroyed',
    );
    // The provider learns that the data is gone, not how many files the client kept nor their size.
    const seenByProvider = (await as.p1Manager.get<CloseOutView>(`/api/engagements/${id}/close-out`)).body.destroyed;
    expect(seenByProvider).toMatchObject({ documents: null, versions: null, totalBytes: null, at: expect.any(String) });
    const destroyedEvent = await k.rt.database.db
      .selectFrom('audit_events')
      .select('party_org_id')
      .where('type', '=', 'vault.destroyed')
      .where('resource_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(destroyedEvent.party_org_id).toBeNull();

    // The key is gone and the files with it; the library is empty, the grant ended.
    expect(existsSync(blobDir)).toBe(false);
    const version = await k.rt.database.db
      .selectFrom('document_versions')
      .select('blob_id')
      .where('document_id', '=', doc.id)
      .executeTakeFirstOrThrow();
    await expect(k.rt.vault.read(id, version.blob_id)).rejects.toMatchObject({ reason: 'vault_key_destroyed' });
    const key = await k.rt.database.db.selectFrom('vault_keys').selectAll().where('engagement_id', '=', id).executeTakeFirstOrThrow();
    expect(key.sealed_key).toBeNull();
    expect((await as.owner.get<DocumentLibrary>(base(id))).body.documents).toEqual([]);
    const grant = await k.rt.database.db.selectFrom('document_grants').select('end_reason').where('document_id', '=', doc.id).execute();
    expect(grant.map((g) => g.end_reason)).toEqual(['engagement_ended']);

    // The provider's lead states its own copies are gone; the certificate carries it.
    const attested = await as.p1Manager.post<CloseOutView>(`/api/engagements/${id}/close-out/attestation`, {
      statement: 'ダウンロードした資料と作業ファイルをすべて削除しました。',
    });
    expect(attested.status, JSON.stringify(attested.body)).toBe(201);
    expect(attested.body.attestation).toMatchObject({ statement: 'ダウンロードした資料と作業ファイルをすべて削除しました。' });
    const pdf = await as.owner.raw('GET', `/api/engagements/${id}/close-out/certificate.pdf`);
    expect(pdf.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'kpo-cert-')), 'certificate.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const env = { KPO_MASTER_KEY: k.rt.config.masterKey ?? '', KPO_DATA_DIR: k.rt.config.dataDir };
    const verified = await kpo(['vault', 'verify-certificate', file, '--json'], env);
    expect(verified.code, verified.err).toBe(0);
    expect(JSON.parse(verified.out)).toMatchObject({
      valid: true,
      signedByTrustedKey: true,
      data: {
        engagementId: id,
        documents: [{ id: doc.id, name: '発明開示書.txt', version: 1 }],
        providerAttestation: { statement: expect.any(String) },
      },
    });
    // One changed byte in the signed data, or another kpo's key: refused.
    const other = await kpo(['vault', 'verify-certificate', file], {
      KPO_MASTER_KEY: randomBytes(32).toString('base64'),
      KPO_DATA_DIR: env.KPO_DATA_DIR,
    });
    expect(other.code).toBe(EXIT_VERIFY_FAILED);
    const events = await k.rt.database.db
      .selectFrom('audit_events')
      .select('type')
      .where('resource_id', '=', id)
      .where('type', 'like', 'vault.%')
      .execute();
    expect(events.map((e) => e.type).sort()).toEqual(['vault.deletion_attested', 'vault.destroyed']);
  });

  it('personal data: the client sees the findings, shares a pseudonymised copy, and re-identifies the work that comes back', async () => {
    const k = kit();
    const { as, id, people } = await engagementInProgress(k);
    const letter =
      '顧客カルテ\n氏名: 山田太郎 様\n住所: 〒100-0001 東京都千代田区千代田1-1\n電話: 03-1234-5678\nE-mail: taro.yamada@example.co.jp\n対象会社: 東和精機の新製品について\n';
    const doc = (await as.owner.upload<DocumentView>(`${base(id)}${upload('顧客カルテ.txt')}`, letter)).body;

    const review = await as.owner.get<PiiReview>(`${base(id)}/${doc.id}/versions/1/pii`);
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    const types = new Set(review.body.findings.map((f) => f.type));
    for (const t of ['PERSON', 'STREET_ADDRESS', 'PHONE_NUMBER', 'EMAIL_ADDRESS']) expect(types, t).toContain(t);
    expect(review.body.findings.find((f) => f.type === 'PERSON')).toMatchObject({ text: '山田太郎', where: expect.any(String) });
    // The provider never runs this, nor the client's read-only people.
    expect((await as.p1Manager.get(`${base(id)}/${doc.id}/versions/1/pii`)).status).toBe(403);
    expect((await as.finance.get(`${base(id)}/${doc.id}/versions/1/pii`)).status).toBe(403);

    const copy = await as.owner.post<DocumentView>(`${base(id)}/${doc.id}/versions/1/pseudonymised-copy`, {
      codeNames: [{ term: '東和精機', codeName: 'Project Falcon' }],
    });
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect(copy.body).toMatchObject({ name: '顧客カルテ_pseudonymised.txt', sourceDocumentId: doc.id, classification: 'confidential' });
    await as.owner.post(`${base(id)}/${copy.body.id}/grants`, {
      grantee: { kind: 'user', userId: people.p1Analyst.id },
      access: 'download',
      days: 7,
    });
    const shared = await (await as.p1Analyst.raw('GET', `${base(id)}/${copy.body.id}/versions/1/content`)).text();
    for (const original of ['山田太郎', '03-1234-5678', 'taro.yamada@example.co.jp', '東和精機', '千代田1-1'])
      expect(shared).not.toContain(original);
    expect(shared).toContain('人物A');
    expect(shared).toContain('Project Falcon');
    // The source itself was never granted.
    expect((await as.p1Analyst.get<DocumentLibrary>(base(id))).body.documents.map((d) => d.id)).toEqual([copy.body.id]);

    // A second document of the engagement: the same person gets the same token.
    const memo = (await as.owner.upload<DocumentView>(`${base(id)}${upload('面談メモ.txt')}`, '面談: 山田太郎 様と東和精機の件を協議。'))
      .body;
    const memoCopy = (await as.owner.post<DocumentView>(`${base(id)}/${memo.id}/versions/1/pseudonymised-copy`, {})).body;
    const memoText = await (await as.owner.raw('GET', `${base(id)}/${memoCopy.id}/versions/1/content`)).text();
    expect(memoText).toContain('人物A');
    expect(memoText).toContain('Project Falcon');

    // The provider's work comes back in tokens; the client's people read it with the originals back.
    const work = (
      await as.p1Analyst.upload<DocumentView>(
        `${base(id)}${upload('提案書.txt')}`,
        '人物A 様へ: Project Falcon の市場規模は 1,200 億円です。',
      )
    ).body;
    const restored = await as.owner.raw('GET', `${base(id)}/${work.id}/versions/1/reidentified`);
    expect(restored.status).toBe(200);
    expect(await restored.text()).toBe('山田太郎 様へ: 東和精機 の市場規模は 1,200 億円です。');
    expect((await as.p1Analyst.get(`${base(id)}/${work.id}/versions/1/reidentified`)).status).toBe(403);
    // The mapping is kept sealed under the engagement's key, never in the clear.
    const state = await k.rt.database.db
      .selectFrom('pii_mappings')
      .select('sealed')
      .where('engagement_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(state.sealed).not.toContain('山田');
    expect(Buffer.from(state.sealed, 'base64').toString('utf8')).not.toContain('山田');
  });

  it('personal data: pseudonymisations made at the same time give different people different tokens, and each copy re-identifies', async () => {
    const k = kit();
    const { as, id } = await engagementInProgress(k);
    const texts = ['面談: 山田太郎 様 (03-1234-5678)', '面談: 佐藤花子 様 (06-9876-5432)', '面談: 鈴木一郎 様 (052-111-2222)'];
    const docs = await Promise.all(
      texts.map(async (text, i) => (await as.owner.upload<DocumentView>(`${base(id)}${upload(`面談${i + 1}.txt`)}`, text)).body),
    );
    const copies = await Promise.all(docs.map((d) => as.owner.post<DocumentView>(`${base(id)}/${d.id}/versions/1/pseudonymised-copy`, {})));
    for (const c of copies) expect(c.status, JSON.stringify(c.body)).toBe(201);
    const shared = await Promise.all(
      copies.map(async (c) => {
        const text = await (await as.owner.raw('GET', `${base(id)}/${c.body.id}/versions/1/content`)).text();
        return text.slice(text.lastIndexOf('面談: ')).split(' 様')[0]; // after the download's watermark line
      }),
    );
    // Three people, three tokens: none was handed out twice by pseudonymisations that each thought it was first.
    expect(new Set(shared).size, shared.join(' | ')).toBe(3);
    for (const [i, c] of copies.entries()) {
      const restored = await as.owner.raw('GET', `${base(id)}/${c.body.id}/versions/1/reidentified`);
      expect(await restored.text()).toBe(texts[i]);
    }
    const audited = await k.rt.database.db
      .selectFrom('audit_events')
      .select('type')
      .where('type', '=', 'document.pseudonymised')
      .where(
        'resource_id',
        'in',
        copies.map((c) => c.body.id),
      )
      .execute();
    expect(audited).toHaveLength(3);
    // A copy made again leaves no blob of its first making behind: three sources, three copies.
    expect(readdirSync(join(k.rt.config.dataDir, 'vault', id)).filter((f) => f.endsWith('.kpv'))).toHaveLength(6);
  });
});
