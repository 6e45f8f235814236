import { beforeAll, expect, it } from 'vitest';
import { seedDemoEngagements } from '../infra/demo/engagements.js';
import { seedDemo } from '../infra/demo/seed.js';
import { type AuditEventType, auditEventResources, auditEventTypes, type ResourceType } from '../shared/contracts/audit.js';
import type { EngagementList, ProposalView, SowView } from '../shared/contracts/engagements.js';
import type { InvitationView, SessionView } from '../shared/contracts/identity.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, proposal } from '../testing/engagements.js';
import { TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const PASSWORD = 'demo-password-for-tests';

/**
 * Event types this scenario cannot produce, and where they are covered instead. Every other type
 * must appear, so a new event type without a resolvable resource fails here.
 */
const notProducedHere: Partial<Record<AuditEventType, string>> = {
  'user.disabled': 'no code path disables an account yet; the type is reserved',
  'system.backup_created': 'recorded by `kpo backup` (src/cli/cli.test.ts); its resource is the fixed system id "backup"',
  'system.restored': 'recorded by `kpo restore` (src/cli/cli.test.ts); its resource is the fixed system id "backup"',
  'patent.imported': 'recorded by `kpo ip import` (src/cli/commands/ip.test.ts), which checks its corpus resolves',
  'patent.corpus_created': 'recorded by the patent API (src/server/patents.test.ts), which checks its corpus resolves',
  'patent.search_saved': 'recorded by the patent API (src/server/patents.test.ts), which checks its saved search resolves',
  'deliverable.exported':
    'recorded by the patent report exports (src/server/patent-report.test.ts), which checks the event names the version',
  'time.entry_logged':
    'the demo imports its hours (time.entries_imported) rather than logging them one by one; src/server/time.test.ts checks each time event names its row',
  'time.correction_logged': 'the demo corrects no approved week; as time.entry_logged (src/server/time.test.ts)',
  'timesheet.returned': 'the demo sends no week back; as time.entry_logged (src/server/time.test.ts)',
  'time.suggestion_dismissed':
    'the demo dismisses no suggestion; src/server/time-suggestions.test.ts checks the event names the engagement',
  'time.overtime_agreement_saved': 'the demo providers keep the default agreement; as time.entry_logged (src/server/time.test.ts)',
  'capacity.leave_removed': 'the demo removes no leave; src/server/capacity.test.ts checks each capacity event names its row',
  'proposal.staffing_saved': 'the demo bids without staffing plans; src/server/staffing.test.ts checks the event names its proposal',
  'proposal.staffing_applied': 'as proposal.staffing_saved; src/server/staffing.test.ts checks the event names its engagement',
};

describeEachDatabase('audit: every event names the object it is about', (backend) => {
  const kit = useTestKit(backend, { KPO_LOGIN_MAX_FAILURES: '3' });

  beforeAll(async () => {
    const { rt, app } = kit();
    // The demo: organisations, people, three engagements fifty days into their history, a model.
    await seedDemo({ admin: rt.services.admin, store: rt.store, audit: rt.recordAudit }, rt.system('seed'), PASSWORD);
    await seedDemoEngagements((clock) => rt.servicesAt(clock), rt.store, rt.clock.now());

    // And what people do around it, through the API.
    const admin = new TestClient(app.app, '10.9.0.1');
    expect((await admin.login('admin@mirai-link.example', PASSWORD)).status).toBe(200);
    await admin.patch('/api/session/profile', { displayName: '監査 テスト' });
    const orgId = admin.session?.activeOrgId ?? '';
    const invited = await admin.post<{ invitation: InvitationView; token: string }>(`/api/organizations/${orgId}/invitations`, {
      email: 'newcomer@mirai-link.example',
      roles: ['reviewer'],
    });
    expect(invited.status).toBe(201);
    const newcomer = new TestClient(app.app, '10.9.0.2');
    const accepted = await newcomer.post<SessionView>('/api/invitations/accept', {
      token: invited.body.token,
      displayName: '新人 さん',
      password: 'a long enough passphrase 2026',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const revoked = await admin.post<{ invitation: InvitationView }>(`/api/organizations/${orgId}/invitations`, {
      email: 'never@mirai-link.example',
      roles: ['reviewer'],
    });
    await admin.delete(`/api/organizations/${orgId}/invitations/${revoked.body.invitation.id}`);
    const newcomerId = accepted.body.user.id;
    await admin.put(`/api/organizations/${orgId}/members/${newcomerId}/roles`, { roles: ['reviewer', 'finance'] });
    await admin.delete(`/api/organizations/${orgId}/members/${newcomerId}`);
    const created = await admin.post<{ token: { id: string } }>('/api/tokens', { name: 'audit test', scopes: ['read'] });
    await admin.delete(`/api/tokens/${created.body.token.id}`);
    const hook = await admin.post<{ webhook: { id: string } }>(`/api/organizations/${orgId}/webhooks`, {
      url: 'https://hooks.example.com/kpo',
      kinds: ['question.asked'],
    });
    await admin.delete(`/api/organizations/${orgId}/webhooks/${hook.body.webhook.id}`);

    // Someone in two organisations switches; a password changes; a proposal is withdrawn.
    const manager = new TestClient(app.app, '10.9.0.3');
    await manager.login('manager@knowledge-bridge.example', PASSWORD);
    const other = manager.session?.memberships.find((m) => m.orgId !== manager.session?.activeOrgId);
    expect(other).toBeDefined();
    await manager.put('/api/session/organization', { orgId: other?.orgId });
    const owner = new TestClient(app.app, '10.9.0.4');
    await owner.login('owner@mirai-link.example', PASSWORD);
    const e = (await owner.post<{ id: string; version: number }>('/api/engagements', brief())).body;
    await owner.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [other?.orgId] });
    await owner.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: e.version });
    const draft = await manager.put<ProposalView>(`/api/engagements/${e.id}/proposal`, { proposal: proposal(), version: 0 });
    expect((await manager.post(`/api/engagements/${e.id}/proposal/withdraw`, { version: draft.body.version })).status).toBe(200);
    await owner.patch(`/api/engagements/${e.id}`, { objectives: '目的を具体化しました。', version: e.version + 1 });

    // A second engagement through the award: the SOW revised, the team changed, a question asked and closed.
    const kb = new TestClient(app.app, '10.9.0.7');
    await kb.login('manager@knowledge-bridge.example', PASSWORD);
    const kbOrg = kb.session?.memberships.find((m) => m.orgName.startsWith('ナレッジブリッジ'))?.orgId ?? '';
    await kb.put('/api/session/organization', { orgId: kbOrg });
    const e2 = (await owner.post<{ id: string; version: number }>('/api/engagements', brief())).body;
    await owner.post(`/api/engagements/${e2.id}/providers`, { providerOrgIds: [kbOrg] });
    await owner.post(`/api/engagements/${e2.id}/transitions`, { action: 'request', version: e2.version });
    const bid = await kb.put<ProposalView>(`/api/engagements/${e2.id}/proposal`, { proposal: proposal(), version: 0 });
    await kb.post(`/api/engagements/${e2.id}/proposal/submit`, { version: bid.body.version });
    const awarded = await owner.post(`/api/engagements/${e2.id}/award`, { proposalId: bid.body.id, version: e2.version + 1 });
    expect(awarded.status, JSON.stringify(awarded.body)).toBe(200);
    const sow = await owner.get<SowView>(`/api/engagements/${e2.id}/sow`);
    const content = sow.body.current?.content;
    const revised = await owner.put(`/api/engagements/${e2.id}/sow`, {
      content: { ...content, assumptions: '前提を追記。' },
      baseVersion: 1,
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    const reviewer = (await admin.get<{ userId: string; email: string }[]>(`/api/organizations/${orgId}/members`)).body.find((m) =>
      m.email.startsWith('reviewer@'),
    );
    await owner.post(`/api/engagements/${e2.id}/team`, { userId: reviewer?.userId, role: 'reviewer' });
    await owner.delete(`/api/engagements/${e2.id}/team/${reviewer?.userId}`);
    const asked = await owner.post<{ id: string }[]>(`/api/engagements/${e2.id}/questions`, { title: '確認', body: '質問です。' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    await owner.post(`/api/engagements/${e2.id}/questions/${asked.body[0]?.id}/close`);

    // The vault: a document uploaded, granted to the provider's team, used, a grant revoked, the rest ended by a cancellation.
    const uploaded = await owner.upload<{ id: string }>(
      `/api/engagements/${e2.id}/documents?name=${encodeURIComponent('要件.txt')}&classification=internal`,
      '要件の下書き',
    );
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const documentPath = `/api/engagements/${e2.id}/documents/${uploaded.body.id}`;
    const granted = await owner.post<{ grants: { id: string }[] }>(`${documentPath}/grants`, {
      grantee: { kind: 'team' },
      access: 'download',
      days: 30,
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    expect((await kb.raw('GET', `${documentPath}/versions/1/content?mode=view`)).status).toBe(200);
    expect((await kb.raw('GET', `${documentPath}/versions/1/content`)).status).toBe(200);
    await owner.post(`${documentPath}/grants/${granted.body.grants[0]?.id}/revoke`);
    const pseudonymised = await owner.post(`${documentPath}/versions/1/pseudonymised-copy`, {});
    expect(pseudonymised.status, JSON.stringify(pseudonymised.body)).toBe(201);
    expect((await owner.raw('GET', `${documentPath}/versions/1/reidentified`)).status).toBe(200);
    await owner.post(`${documentPath}/grants`, { grantee: { kind: 'team' }, access: 'view', days: 30 });
    const before = (await owner.get<{ version: number }>(`/api/engagements/${e2.id}`)).body;
    const cancelled = await owner.post(`/api/engagements/${e2.id}/transitions`, {
      action: 'cancel',
      version: before.version,
      reason: '監査テストのため中止',
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    // Close-out: the client destroys the cancelled engagement's data, the provider states its copies are gone.
    const destroyed = await owner.post(`/api/engagements/${e2.id}/close-out/destroy`, { confirm: brief().title });
    expect(destroyed.status, JSON.stringify(destroyed.body)).toBe(200);
    const attested = await kb.post(`/api/engagements/${e2.id}/close-out/attestation`, { statement: '手元の複製を削除しました。' });
    expect(attested.status, JSON.stringify(attested.body)).toBe(201);
    // Conflict walls (before the cancellation above, on a third engagement in progress): a restricted list, the
    // engagement's target, a declaration, a refused assignment (its block kept on record) and an override.
    const walls = (await owner.post<{ id: string; version: number }>('/api/engagements', brief())).body;
    await owner.post(`/api/engagements/${walls.id}/providers`, { providerOrgIds: [kbOrg] });
    await owner.post(`/api/engagements/${walls.id}/transitions`, { action: 'request', version: walls.version });
    const wallsBid = await kb.put<ProposalView>(`/api/engagements/${walls.id}/proposal`, { proposal: proposal(), version: 0 });
    await kb.post(`/api/engagements/${walls.id}/proposal/submit`, { version: wallsBid.body.version });
    await owner.post(`/api/engagements/${walls.id}/award`, { proposalId: wallsBid.body.id, version: walls.version + 1 });
    const restricted = await admin.put<{ entities: { id: string }[] }>(`/api/organizations/${orgId}/restricted-list`, {
      coolingOffMonths: 6,
      version: 0,
      entities: [{ name: 'トヨタ自動車株式会社', tickers: ['7203'], kind: 'target' }],
    });
    expect(restricted.status, JSON.stringify(restricted.body)).toBe(200);
    await owner.put(`/api/engagements/${walls.id}/conflict-subjects`, { targets: [restricted.body.entities[0]?.id], competitors: [] });
    expect((await kb.put('/api/conflict-declarations', { employers: [], holdings: [{ entity: '7203.T' }] })).status).toBe(200);
    const kbUser = kb.session?.user.id ?? '';
    const blocked = await kb.post(`/api/engagements/${walls.id}/team`, { userId: kbUser, role: 'lead' });
    expect(blocked.status, JSON.stringify(blocked.body)).toBe(409);
    const lifted = await admin.post(`/api/engagements/${walls.id}/conflicts/overrides`, { userId: kbUser, reason: '誓約書を受領済み。' });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(201);
    await admin.patch(`/api/organizations/${orgId}`, { name: '株式会社ミライリンク（監査テスト）' });
    await owner.put('/api/session/password', { currentPassword: PASSWORD, newPassword: 'another long passphrase 2026' });

    // The bank's model, taken out as a workbook.
    const banker = new TestClient(app.app, '10.9.0.5');
    await banker.login('owner@marunouchi-capital.example', PASSWORD);
    const list = await banker.get<EngagementList>('/api/engagements?q=Sakura');
    const sakura = list.body.items[0]?.id ?? '';
    const models = await banker.get<{ id: string; latestVersion: number }[]>(`/api/engagements/${sakura}/models`);
    const model = models.body[0];
    expect((await banker.raw('GET', `/api/engagements/${sakura}/models/${model?.id}/versions/1/export.xlsx`)).status).toBe(200);

    // Failed sign-ins, past the limit (the fourth attempt is refused), and a sign-out.
    const stranger = new TestClient(app.app, '10.9.0.6');
    for (let i = 0; i < 4; i++) await stranger.login('reviewer@towa-medical.example', 'wrong password');
    await stranger.login('nobody@example.com', 'wrong password');
    await admin.delete('/api/session');

    // The SLA watch, two weeks on: breaches found and escalated.
    kit().clock.advance(14 * 86_400_000);
    await rt.services.engagements.oversight.checkSlas();
    kit().clock.advance(86_400_000);
    await rt.services.engagements.oversight.checkSlas();
  }, 600_000);

  it('every event of every type names an object of its declared type that exists', async () => {
    const db = kit().rt.database.db;
    const events = await db.selectFrom('audit_events').select(['seq', 'type', 'resource_type', 'resource_id']).orderBy('seq').execute();
    const ids = async (table: string, column = 'id') =>
      new Set(
        (
          await db
            .selectFrom(table as never)
            .select(`${column} as id` as never)
            .execute()
        ).map((r) => String((r as { id: unknown }).id)),
      );
    const memberships = new Set(
      (await db.selectFrom('memberships').select(['org_id', 'user_id']).execute()).map((m) => `${m.org_id}:${m.user_id}`),
    );
    const [orgs, users] = [await ids('organizations'), await ids('users')];
    const sows = new Set(
      (await db.selectFrom('sow_versions').select(['engagement_id', 'version']).execute()).map((v) => `${v.engagement_id}:${v.version}`),
    );
    const loginAttempts = await ids('login_attempts');
    const invitations = await ids('invitations');
    const tokens = await ids('api_tokens');
    const sessions = await ids('sessions');
    const engagements = await ids('engagements');
    const proposals = await ids('proposals');
    const milestones = await ids('milestones');
    const updates = await ids('status_updates');
    const questions = await ids('questions');
    const changes = await ids('change_requests');
    const webhooks = await ids('webhooks');
    const models = await ids('financial_models');
    const documents = await ids('documents');
    const grants = await ids('document_grants');
    const overrides = await ids('conflict_overrides');
    const deliverables = await ids('deliverables');
    const deliverableVersions = new Set(
      (await db.selectFrom('deliverable_versions').select(['deliverable_id', 'version']).execute()).map(
        (v) => `${v.deliverable_id}:${v.version}`,
      ),
    );
    const deliverableReviews = await ids('deliverable_reviews');
    const rubrics = await ids('rubrics');
    const calibrationRounds = await ids('calibration_rounds');
    const goldItems = await ids('gold_items');
    const surveys = await ids('survey_datasets');
    const weightings = await ids('survey_weightings');
    const canvases = await db.selectFrom('research_canvases').select(['id', 'kind']).execute();
    const sizings = new Set(canvases.filter((c) => c.kind === 'sizing').map((c) => c.id));
    const matrices = new Set(canvases.filter((c) => c.kind === 'competitors').map((c) => c.id));
    const codeframes = await ids('survey_codeframes');
    const corpora = await ids('patent_corpora');
    const savedSearches = await ids('patent_saved_searches');
    const timeEntries = await ids('time_entries');
    const timesheets = await ids('timesheets');
    const exists: Record<ResourceType, (id: string) => boolean> = {
      organization: (id) => orgs.has(id),
      login_attempt: (id) => loginAttempts.has(id),
      user: (id) => users.has(id),
      // A removed membership is gone; the organisation and the person it joined remain.
      membership: (id) => memberships.has(id) || (orgs.has(id.split(':')[0] ?? '') && users.has(id.split(':')[1] ?? '')),
      invitation: (id) => invitations.has(id),
      api_token: (id) => tokens.has(id),
      session: (id) => sessions.has(id),
      system: (id) => ['demo', 'backup'].includes(id),
      engagement: (id) => engagements.has(id),
      proposal: (id) => proposals.has(id),
      sow: (id) => sows.has(id),
      milestone: (id) => milestones.has(id),
      status_update: (id) => updates.has(id),
      question: (id) => questions.has(id),
      change_request: (id) => changes.has(id),
      webhook: (id) => webhooks.has(id),
      financial_model: (id) => models.has(id),
      document: (id) => documents.has(id),
      document_grant: (id) => grants.has(id),
      conflict_override: (id) => overrides.has(id),
      deliverable: (id) => deliverables.has(id),
      deliverable_version: (id) => deliverableVersions.has(id),
      deliverable_review: (id) => deliverableReviews.has(id),
      rubric: (id) => rubrics.has(id),
      calibration_round: (id) => calibrationRounds.has(id),
      gold_item: (id) => goldItems.has(id),
      survey_dataset: (id) => surveys.has(id),
      survey_weighting: (id) => weightings.has(id),
      market_sizing: (id) => sizings.has(id),
      competitor_matrix: (id) => matrices.has(id),
      survey_codeframe: (id) => codeframes.has(id),
      patent_corpus: (id) => corpora.has(id),
      patent_saved_search: (id) => savedSearches.has(id),
      time_entry: (id) => timeEntries.has(id),
      timesheet: (id) => timesheets.has(id),
    };

    const problems: string[] = [];
    const seen = new Set<string>();
    for (const e of events) {
      seen.add(e.type);
      const declared = auditEventResources[e.type as AuditEventType];
      if (e.resource_type !== declared) problems.push(`#${e.seq} ${e.type}: resource type ${e.resource_type}, declared ${declared}`);
      else if (!exists[declared](e.resource_id)) problems.push(`#${e.seq} ${e.type}: no ${declared} ${e.resource_id}`);
    }
    expect(problems).toEqual([]);
    const missing = auditEventTypes.filter((t) => !seen.has(t) && !(t in notProducedHere));
    expect(missing, 'event types the scenario never produced').toEqual([]);
    expect(events.length).toBeGreaterThan(150);
  });

  it('an organisation is created by one rule, from the API, the CLI or the demo: a bad name is refused and nothing is written', async () => {
    const { rt } = kit();
    const before = await rt.database.db.selectFrom('organizations').select('id').execute();
    for (const name of ['', '   ', 'a\u0007b', 'x'.repeat(500)]) {
      await expect(rt.services.admin.ensureOrganization(rt.system('test'), { name, kind: 'client' })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
    expect(await rt.database.db.selectFrom('organizations').select('id').execute()).toHaveLength(before.length);
  });
});
