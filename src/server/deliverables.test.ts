import { expect, it } from 'vitest';
import type {
  AgreementView,
  CalibrationRoundSummary,
  CalibrationRoundView,
  DeliverableCheckReport,
  DeliverableDetail,
  DeliverableView,
  GoldItemView,
  ReviewerDrift,
  ReviewQueueView,
  Rubric,
} from '../shared/contracts/deliverables.js';
import type { MilestoneView, ProviderScorecard } from '../shared/contracts/engagements.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { makeUser } from '../testing/factories.js';
import { errorOf, TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const METHOD =
  '公開統計（経済センサス、家計調査）と業界団体の資料から市場規模を推計し、主要 12 社の有価証券報告書と製品カタログで競合を比較した。前提は 2025 年の為替水準で、限界として非上場企業の売上は推定値である。推計式と各係数の出典は付録に示した。';
const TRANSFER =
  '推計の更新手順：(1) 経済センサスの最新版を取得し、(2) 付録の係数表を差し替え、(3) シートの再計算を行う。判断基準として、競合の選定は売上 10 億円以上かつ同一用途の製品を持つ企業とした。引き継ぎ資料は文書庫に保存した。';

function report(options: { method?: boolean; market?: string } = {}) {
  return {
    type: 'report' as const,
    sections: [
      { key: 'summary', title: '要約', role: 'summary', body: '国内市場は年 8% で成長している。', citations: ['census'] },
      {
        key: 'market',
        title: '市場規模',
        role: 'claims',
        body: options.market ?? '2025 年の市場規模は 1,200 億円。',
        citations: ['census'],
      },
      ...(options.method === false ? [] : [{ key: 'method', title: '方法論', role: 'methodology', body: METHOD, citations: [] }]),
      { key: 'kt', title: 'ナレッジ移転', role: 'knowledge_transfer', body: TRANSFER, citations: [] },
    ],
    references: [{ id: 'census', title: '経済センサス', url: 'https://www.e-stat.go.jp/' }],
  };
}

/** Scores on the built-in market-research rubric (criteria from core/reviews/rubrics.ts). */
const scores = (level: number, accuracy = level) => ({
  method_rigour: level,
  accuracy,
  sourcing: level,
  clarity: level,
  knowledge_transfer: level,
});

describeEachDatabase('deliverables and reviews through the API', (backend) => {
  const kit = useTestKit(backend);
  const base = (id: string) => `/api/engagements/${id}/deliverables`;

  /** An engagement in progress with two client reviewers on its team and a client admin. */
  async function setup() {
    const k = kit();
    const ctx = await engagementInProgress(k);
    const { as, people, orgs, id } = ctx;
    const second = await makeUser(k.rt, orgs.client.id, ['reviewer']);
    const admin = await makeUser(k.rt, orgs.client.id, ['client_admin']);
    const reviewer2 = new TestClient(k.app.app, '10.30.0.1');
    const clientAdmin = new TestClient(k.app.app, '10.30.0.2');
    await reviewer2.login(second.email);
    await clientAdmin.login(admin.email);
    for (const userId of [people.reviewer.id, second.id])
      expect((await as.owner.post(`/api/engagements/${id}/team`, { userId, role: 'reviewer' })).status).toBe(200);
    const milestones = (await as.owner.get<MilestoneView[]>(`/api/engagements/${id}/milestones`)).body;
    const milestoneId = milestones[0]?.id ?? '';
    const created = await as.p1Manager.post<DeliverableDetail>(base(id), { milestoneId, title: '市場調査レポート', type: 'report' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const did = created.body.id;
    const v = (n: number) => `${base(id)}/${did}/versions/${n}`;
    return { ...ctx, k, milestoneId, did, v, reviewer2, clientAdmin, people: { ...people, reviewer2: second, admin } };
  }

  it('the provider checks before submitting, submits, fixes and resubmits; the checks are stored with each version and both sides see them', async () => {
    const { as, id, did } = await setup();
    const preview = await as.p1Analyst.post<DeliverableCheckReport>(`${base(id)}/${did}/check`, { content: report({ method: false }) });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.status).toBe('fail');
    const missing = preview.body.findings.find((f) => f.status === 'fail');
    expect(missing).toMatchObject({
      code: 'report.required_sections',
      message: { key: 'requiredSectionMissing', params: { role: 'methodology' } },
    });
    // A preview stores nothing.
    expect((await as.p1Analyst.get<DeliverableDetail>(`${base(id)}/${did}`)).body.versions).toEqual([]);

    const v1 = await as.p1Analyst.post<DeliverableDetail>(`${base(id)}/${did}/versions`, {
      content: report({ method: false }),
      note: '初版',
    });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ status: 'in_review', latestVersion: 1 });
    expect(v1.body.versions[0]?.checks.status).toBe('fail');
    expect(v1.body.versions[0]?.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const v2 = await as.p1Analyst.post<DeliverableDetail>(`${base(id)}/${did}/versions`, { content: report(), note: '方法論を追加' });
    expect(v2.status).toBe(201);
    expect(v2.body.versions.map((v) => [v.version, v.status, v.checks.status])).toEqual([
      [1, 'superseded', 'fail'],
      [2, 'in_review', 'pass'],
    ]);
    // The client sees the same checks report.
    const seen = (await as.owner.get<DeliverableDetail>(`${base(id)}/${did}`)).body;
    expect(seen.versions[1]?.checks).toEqual(v2.body.versions[1]?.checks);
    expect(seen.allowedActions).toEqual(['decide']);
    expect((await as.reviewer.get<DeliverableDetail>(`${base(id)}/${did}`)).body.allowedActions).toEqual(['review']);
    expect((await as.p1Analyst.get<DeliverableView[]>(base(id))).body[0]?.allowedActions).toEqual(['submit']);
  });

  it('two reviewers score blind; the disagreement shows to the lead and in the agreement; the owner decides; the provider learns only the comments', async () => {
    const { as, id, did, v, reviewer2, orgs } = await setup();
    await as.p1Analyst.post(`${base(id)}/${did}/versions`, { content: report() });
    const first = await as.reviewer.post<DeliverableDetail>(`${v(1)}/reviews`, {
      scores: scores(5),
      decision: 'accept',
      comments: [{ anchor: { kind: 'section', section: 'market' }, body: '数字の根拠が明確。' }],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.versions[0]?.reviews[0]).toMatchObject({ scores: scores(5), decision: 'accept' });

    // Blind: the second reviewer does not see the first's scores or decision before reviewing.
    const before = (await reviewer2.get<DeliverableDetail>(`${base(id)}/${did}`)).body.versions[0];
    expect(before?.reviewCount).toBe(1);
    expect(before?.reviews[0]).toMatchObject({ scores: null, weightedScore: null, decision: null, comments: [] });
    // The queue hides how far the others disagree, too.
    const queued = (await reviewer2.get<ReviewQueueView>('/api/reviews/queue')).body.find((r) => r.deliverableId === did);
    expect(queued).toMatchObject({ reviews: 1, reviewedByViewer: false, decisionSplit: null, scoreSpread: null });

    const second = await reviewer2.post<DeliverableDetail>(`${v(1)}/reviews`, {
      scores: scores(2, 1),
      decision: 'rework',
      comments: [
        { anchor: { kind: 'finding', finding: 'report.glossary#1' }, body: '用語は問題なし。' },
        { anchor: { kind: 'general' }, body: '競合比較が浅い。' },
      ],
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const after = second.body.versions[0]?.reviews ?? [];
    expect(after.map((r) => r.decision).sort()).toEqual(['accept', 'rework']);

    // The lead sees both, and the agreement measures the disagreement.
    const lead = (await as.owner.get<DeliverableDetail>(`${base(id)}/${did}`)).body.versions[0];
    expect(lead?.reviews.map((r) => r.weightedScore).sort()).toEqual([1.7, 5]);
    const agreement = (await as.owner.get<AgreementView>(`/api/engagements/${id}/agreement`)).body;
    const mine = agreement.deliverables.find((d) => d.deliverableId === did);
    expect(mine?.scoresInterval.pairable).toBe(10);
    expect(mine?.scoresInterval.alpha ?? 1).toBeLessThan(0);
    expect(agreement.pairs).toHaveLength(1);
    const queue = (await as.owner.get<ReviewQueueView>('/api/reviews/queue')).body.find((r) => r.deliverableId === did);
    expect(queue).toMatchObject({ reviews: 2, viewerDecides: true, decisionSplit: 1 });
    expect(queue?.scoreSpread ?? 0).toBeGreaterThan(30);

    // The provider sees neither scores nor reviewers before or after, and the comments after the decision.
    const providerBefore = (await as.p1Analyst.get<DeliverableDetail>(`${base(id)}/${did}`)).body.versions[0];
    expect(providerBefore).toMatchObject({ reviews: [], reviewCount: 0 });
    expect((await as.p1Analyst.get(`/api/engagements/${id}/agreement`)).status).toBe(403);

    // The scorecard counts scores once the version is decided.
    const card = async (client: TestClient) =>
      (await client.get<ProviderScorecard[]>('/api/providers/scorecards')).body.find((c) => c.provider.orgId === orgs.p1.id)?.quality;
    expect(await card(as.owner)).toMatchObject({ deliverables: 1, submissions: 1, meanScorePct: null, firstPassAcceptancePct: null });
    const decided = await as.owner.post<DeliverableDetail>(`${v(1)}/decision`, {
      decision: 'rework',
      note: '競合比較を 5 社追加してください。',
    });
    expect(await card(as.owner)).toMatchObject({
      meanScorePct: 58.8,
      firstPassAcceptancePct: 0,
      reworkRoundsPerDeliverable: 1,
      findingsPerSubmission: 0,
    });
    expect((await card(as.owner))?.trend).toHaveLength(1);
    // A provider sees its own record, never another's.
    expect((await card(as.p1Manager))?.meanScorePct).toBe(58.8);
    expect(await card(as.p2Manager)).toBeUndefined();
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'rework', reworkRounds: 1, escalated: false });
    const providerAfter = (await as.p1Analyst.get<DeliverableDetail>(`${base(id)}/${did}`)).body.versions[0];
    expect(providerAfter?.decision).toMatchObject({ decision: 'rework', note: '競合比較を 5 社追加してください。' });
    expect(providerAfter?.reviews.every((r) => r.reviewer === null && r.scores === null && r.decision === null)).toBe(true);
    expect(providerAfter?.reviews.flatMap((r) => r.comments.map((c) => c.body)).sort()).toEqual(
      ['数字の根拠が明確。', '用語は問題なし。', '競合比較が浅い。'].sort(),
    );
    const bell = await as.p1Analyst.get<{ items: { kind: string }[] }>('/api/notifications');
    expect(JSON.stringify(bell.body)).toContain('deliverable.decided');
  });

  it('refuses what breaks the rules with a clear reason, and saves nothing of a refused request', async () => {
    const { as, id, did, v, clientAdmin, k } = await setup();
    await as.p1Analyst.post(`${base(id)}/${did}/versions`, { content: report() });
    const count = async () =>
      Number(
        (
          await k.rt.database.db
            .selectFrom('deliverable_reviews')
            .select(({ fn }) => fn.countAll<number>().as('n'))
            .where('deliverable_id', '=', did)
            .executeTakeFirstOrThrow()
        ).n,
      );

    // The provider never reviews; a client person off the team does not either.
    expect(errorOf(await as.p1Manager.post(`${v(1)}/reviews`, { scores: scores(3), decision: 'accept' })).code).toBe('forbidden');
    expect(errorOf(await clientAdmin.post(`${v(1)}/reviews`, { scores: scores(3), decision: 'accept' })).reason).toBe('not_a_reviewer');
    // Scores outside the scale, a criterion the rubric does not have, one missing: every problem listed.
    const bad = errorOf(
      await as.reviewer.post(`${v(1)}/reviews`, {
        scores: { ...scores(3), accuracy: 6, method_rigour: 0, speed: 3, clarity: undefined },
        decision: 'accept',
      }),
    );
    expect(bad.code).toBe('invalid_input');
    expect(bad.issues?.map((i) => `${i.path.join('.')}:${i.code}`).sort()).toEqual(
      [
        'scores.accuracy:out_of_scale',
        'scores.clarity:required',
        'scores.method_rigour:out_of_scale',
        'scores.speed:unknown_criterion',
      ].sort(),
    );
    const anchored = errorOf(
      await as.reviewer.post(`${v(1)}/reviews`, {
        scores: scores(3),
        decision: 'accept',
        comments: [{ anchor: { kind: 'section', section: 'nope' }, body: 'x' }],
      }),
    );
    expect(anchored.issues?.[0]?.code).toBe('unknown_section');
    expect(await count()).toBe(0);

    expect((await as.reviewer.post(`${v(1)}/reviews`, { scores: scores(3), decision: 'accept' })).status).toBe(201);
    expect(errorOf(await as.reviewer.post(`${v(1)}/reviews`, { scores: scores(4), decision: 'accept' })).reason).toBe('already_reviewed');
    expect(await count()).toBe(1);

    // A superseded version takes no review and no decision.
    await as.p1Analyst.post(`${base(id)}/${did}/versions`, { content: report({ market: '1,300 億円' }) });
    const superseded = await as.reviewer.post(`${v(1)}/reviews`, { scores: scores(4), decision: 'accept' });
    expect(superseded.status).toBe(409);
    expect(errorOf(superseded).reason).toBe('version_superseded');
    expect(errorOf(await as.owner.post(`${v(1)}/decision`, { decision: 'accept' })).reason).toBe('version_superseded');
    expect(errorOf(await as.owner.post(`${v(9)}/decision`, { decision: 'accept' })).reason).toBe('deliverable_version_not_found');
    // Rework needs a note; only the lead decides.
    expect(errorOf(await as.owner.post(`${v(2)}/decision`, { decision: 'rework' })).issues?.[0]).toMatchObject({
      path: ['note'],
      code: 'required',
    });
    expect(errorOf(await as.reviewer.post(`${v(2)}/decision`, { decision: 'accept' })).code).toBe('forbidden');
    // References to what is not there.
    const refs = errorOf(
      await as.p1Analyst.post(`${base(id)}/${did}/versions`, {
        content: { ...report(), type: 'financial_model', model: { id: '00000000-0000-4000-8000-000000000009', version: 1 } },
        documentIds: ['00000000-0000-4000-8000-000000000001'],
      }),
    );
    expect(refs.issues?.map((i) => i.code).sort()).toEqual(['type_mismatch', 'unknown_document', 'unknown_model']);
    // Oversize content is refused whole.
    const big = await as.p1Analyst.post(`${base(id)}/${did}/versions`, { content: report({ market: 'あ'.repeat(50_001) }) });
    expect(big.status).toBe(400);
    expect((await as.owner.get<DeliverableDetail>(`${base(id)}/${did}`)).body.latestVersion).toBe(2);
    // A rubric whose weights do not sum to 1, or that misses an anchor.
    const rubric = errorOf(
      await clientAdmin.post('/api/rubrics', {
        name: '当社基準',
        engagementType: 'market_research',
        scale: { min: 1, max: 3 },
        criteria: [
          { key: 'accuracy', title: '正確性', weight: 0.5, anchors: ['低', '中', '高'] },
          { key: 'clarity', title: '明瞭さ', weight: 0.3, anchors: ['低', '高'] },
        ],
      }),
    );
    expect(rubric.issues?.map((i) => i.code).sort()).toEqual(['anchor_per_level', 'weights_sum']);
    expect(
      errorOf(await as.owner.post('/api/rubrics', { name: 'x', engagementType: 'other', scale: { min: 1, max: 2 }, criteria: [] })).code,
    ).toBe('forbidden');
  });

  it("rework rounds count against the SOW's maximum; past it the owner is told; an accepted deliverable takes no new version", async () => {
    const { as, id, did, v, k, people, orgs, clientAdmin } = await setup();
    for (let round = 1; round <= 3; round++) {
      await as.p1Analyst.post(`${base(id)}/${did}/versions`, { content: report({ market: `第 ${round} 版` }) });
      // A client admin decides the last round: the owner, who did not, is told.
      const d = await (round === 3 ? clientAdmin : as.owner).post<DeliverableDetail>(`${v(round)}/decision`, {
        decision: 'rework',
        note: `修正 ${round}`,
      });
      expect(d.body).toMatchObject({ reworkRounds: round, maxReworkRounds: 2, escalated: round > 2 });
    }
    const escalations = await k.rt.database.db
      .selectFrom('audit_events')
      .select('type')
      .where('type', '=', 'deliverable.escalated')
      .where('resource_id', '=', did)
      .execute();
    expect(escalations).toHaveLength(1);
    const bell = await k.rt.store.read.notifications.listForUser(people.owner.id, orgs.client.id, 50);
    expect(JSON.stringify(bell)).toContain('deliverable.escalated');

    await as.p1Analyst.post(`${base(id)}/${did}/versions`, { content: report() });
    const accepted = await as.owner.post<DeliverableDetail>(`${v(4)}/decision`, { decision: 'accept' });
    expect(accepted.body).toMatchObject({ status: 'accepted', allowedActions: [] });
    expect(errorOf(await as.p1Analyst.post(`${base(id)}/${did}/versions`, { content: report() })).reason).toBe('deliverable_accepted');
    expect(errorOf(await as.owner.post(`${v(4)}/decision`, { decision: 'rework', note: 'x' })).reason).toBe('version_decided');
  });

  it("the client's rubric template and quality settings apply to the next submission; the rubric version is kept with each review", async () => {
    const { as, id, did, v, clientAdmin } = await setup();
    await as.p1Analyst.post(`${base(id)}/${did}/versions`, { content: report() });
    const template = {
      name: '当社の調査基準',
      engagementType: 'market_research',
      scale: { min: 1, max: 4 },
      criteria: [
        { key: 'accuracy', title: '正確性', weight: 0.6, anchors: ['誤り多数', '一部誤り', '概ね正確', '正確'] },
        { key: 'insight', title: '示唆', weight: 0.4, anchors: ['なし', '弱い', 'あり', '優れる'] },
      ],
    };
    const saved = await clientAdmin.post<Rubric>('/api/rubrics', template);
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ version: 1, scale: { min: 1, max: 4 } });
    const again = await clientAdmin.post<Rubric>('/api/rubrics', { ...template, name: '当社の調査基準（改）' });
    expect(again.body.version).toBe(2);
    expect((await as.owner.get<Rubric>(`/api/engagements/${id}/rubric`)).body).toMatchObject({ id: again.body.id, version: 2 });

    // Version 1 was submitted under the built-in rubric: it is reviewed against that one.
    const old = await as.reviewer.post<DeliverableDetail>(`${v(1)}/reviews`, { scores: scores(4), decision: 'accept' });
    expect(old.status).toBe(201);
    expect(old.body.versions[0]?.reviews[0]).toMatchObject({ rubricVersion: 1 });
    expect(old.body.versions[0]?.reviews[0]?.rubricId).not.toBe(again.body.id);

    // Settings: one reviewer, a glossary; a stale version is refused.
    const settings = (await as.owner.get<{ version: number }>(`/api/engagements/${id}/quality`)).body;
    const put = await as.owner.put(`/api/engagements/${id}/quality`, {
      reviewersPerSubmission: 1,
      blind: true,
      requiredSections: ['summary', 'methodology'],
      glossary: [{ term: 'サーバー', variants: ['サーバ'] }],
      version: settings.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const stale = await as.owner.put(`/api/engagements/${id}/quality`, {
      reviewersPerSubmission: 3,
      blind: false,
      requiredSections: [],
      glossary: [],
      version: settings.version,
    });
    expect(errorOf(stale).reason).toBe('version_conflict');
    expect(
      (
        await as.p1Manager.put(`/api/engagements/${id}/quality`, {
          reviewersPerSubmission: 3,
          blind: false,
          requiredSections: [],
          glossary: [],
          version: 1,
        })
      ).status,
    ).toBe(403);

    const next = await as.p1Analyst.post<DeliverableDetail>(`${base(id)}/${did}/versions`, {
      content: report({ market: '国内のサーバ市場は 1,200 億円。' }),
    });
    const v2 = next.body.versions[1];
    expect(v2?.reviewersWanted).toBe(1);
    expect(v2?.checks.findings.find((f) => f.code === 'report.glossary')).toMatchObject({
      status: 'warn',
      message: { key: 'glossaryVariant', params: { variant: 'サーバ', term: 'サーバー' } },
    });
    const scored = await as.reviewer.post<DeliverableDetail>(`${v(2)}/reviews`, {
      scores: { accuracy: 4, insight: 2 },
      decision: 'accept_with_fixes',
    });
    expect(scored.status, JSON.stringify(scored.body)).toBe(201);
    expect(scored.body.versions[1]?.reviews[0]).toMatchObject({ rubricId: again.body.id, rubricVersion: 2, weightedScore: 3.2 });
  });

  it('creating a deliverable is idempotent under an Idempotency-Key', async () => {
    const { as, id, milestoneId } = await setup();
    const body = { milestoneId, title: '競合マトリクス', type: 'report' };
    const headers = { 'idempotency-key': 'create-deliverable-1' };
    const a = await as.p1Manager.request<DeliverableDetail>('POST', base(id), body, headers);
    const b = await as.p1Manager.request<DeliverableDetail>('POST', base(id), body, headers);
    expect(a.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect((await as.owner.get<DeliverableView[]>(base(id))).body.filter((d) => d.title === '競合マトリクス')).toHaveLength(1);
  });
  it('gold checks: the client plants known answers, each version is scored against them, the provider never learns of them; the hit rate reaches the scorecard', async () => {
    const { as, id, did, v, k, orgs } = await setup();
    await as.p1Analyst.post(`${base(id)}/${did}/versions`, { content: report() });
    const gold = `/api/engagements/${id}/gold`;
    // Planted after version 1: scored against it at once (missed); a second item the report does name (caught).
    const missed = await as.owner.post<GoldItemView>(gold, { kind: 'reference', label: '必ず見つけるべき統計', terms: ['家計調査 2024'] });
    expect(missed.status, JSON.stringify(missed.body)).toBe(201);
    expect(missed.body).toMatchObject({ outcome: 'missed', results: [{ deliverableId: did, version: 1, hit: false }] });
    const caught = await as.owner.post<GoldItemView>(gold, { kind: 'planted_error', label: '市場規模の誤記', terms: ['１，２００ 億円'] });
    expect(caught.body.outcome).toBe('caught');
    // Bad input, and the provider's side: nothing to see, nothing to plant.
    expect(errorOf(await as.owner.post(gold, { kind: 'reference', label: 'x', terms: [] })).issues?.[0]?.code).toBe('gold_needs_term');
    expect(
      errorOf(
        await as.owner.post(gold, { kind: 'reference', label: 'x', terms: ['y'], deliverableId: '00000000-0000-4000-8000-000000000001' }),
      ).issues?.[0]?.code,
    ).toBe('unknown_deliverable');
    for (const provider of [as.p1Manager, as.p1Analyst]) {
      expect((await provider.get(gold)).status).toBe(403);
      expect((await provider.post(gold, { kind: 'reference', label: 'x', terms: ['y'] })).status).toBe(403);
    }
    const seenByProvider = JSON.stringify((await as.p1Analyst.get(`${base(id)}/${did}`)).body);
    expect(seenByProvider).not.toContain('家計調査 2024');
    const providerAudit = await k.rt.database.db
      .selectFrom('audit_events')
      .select(['type', 'party_org_id'])
      .where('type', 'like', 'gold.%')
      .where('org_id', '=', orgs.client.id)
      .execute();
    expect(providerAudit.length).toBeGreaterThan(0);
    expect(providerAudit.every((e) => e.party_org_id === null)).toBe(true);

    // Version 2 names the statistics: the first item is caught now.
    await as.p1Analyst.post(`${base(id)}/${did}/versions`, { content: report({ market: '家計調査 2024 によれば 1,200 億円。' }) });
    const items = (await as.reviewer.get<GoldItemView[]>(gold)).body;
    expect(items.map((g) => g.outcome)).toEqual(['caught', 'caught']);
    // The scorecard counts decided versions only; the client sees it, the provider not until the engagement is over.
    const card = async (client: TestClient) =>
      (await client.get<ProviderScorecard[]>('/api/providers/scorecards')).body.find((c) => c.provider.orgId === orgs.p1.id)?.quality;
    expect(await card(as.owner)).toMatchObject({ goldItems: 0, goldHitRatePct: null });
    await as.owner.post(`${v(2)}/decision`, { decision: 'accept' });
    expect(await card(as.owner)).toMatchObject({ goldItems: 2, goldHitRatePct: 100 });
    expect(await card(as.p1Manager)).toMatchObject({ goldItems: 0, goldHitRatePct: null });
    // Withdrawn: no longer counted, and not twice.
    const withdrawn = await as.owner.post<GoldItemView>(`${gold}/${missed.body.id}/withdraw`);
    expect(withdrawn.body.withdrawnAt).not.toBeNull();
    expect(errorOf(await as.owner.post(`${gold}/${missed.body.id}/withdraw`)).reason).toBe('gold_withdrawn');
    expect(await card(as.owner)).toMatchObject({ goldItems: 1 });
  });

  it('calibration: chosen reviewers score the same reference blind, each sees their deviation from the consensus, the administrator sees who drifts', async () => {
    const { as, id, did, k, people, reviewer2, clientAdmin } = await setup();
    await as.p1Analyst.post(`${base(id)}/${did}/versions`, { content: report() });
    const rounds = '/api/calibration/rounds';
    const source = { engagementId: id, deliverableId: did, version: 1 };
    const participants = [people.reviewer.id, people.reviewer2.id, people.owner.id];
    // Only a client administrator starts one; participants must be the client's reviewers, owners or admins.
    expect((await as.owner.post(rounds, { title: '基準合わせ', source, participants })).status).toBe(403);
    const outsider = errorOf(
      await clientAdmin.post(rounds, { title: '基準合わせ', source, participants: [people.reviewer.id, people.p1Analyst.id] }),
    );
    expect(outsider.issues?.map((i) => `${i.path.join('.')}:${i.code}`)).toEqual(['participants.1:not_calibration_candidate']);
    const created = await clientAdmin.post<CalibrationRoundView>(rounds, { title: '基準合わせ 第 1 回', source, participants });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const round = `${rounds}/${created.body.id}`;
    expect(created.body).toMatchObject({ participants: 3, scored: 0, consensus: null });
    expect(created.body.content.sections.map((s) => s.key)).toContain('method');

    const first = await as.reviewer.post<CalibrationRoundView>(`${round}/scores`, { scores: scores(5) });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // Blind: the second reviewer sees no consensus before scoring.
    expect((await reviewer2.get<CalibrationRoundView>(round)).body).toMatchObject({
      viewerScored: false,
      consensus: null,
      myDeviation: null,
    });
    await reviewer2.post(`${round}/scores`, { scores: scores(3) });
    const third = await as.owner.post<CalibrationRoundView>(`${round}/scores`, { scores: scores(3, 2) });
    expect(third.body.consensus).toMatchObject({ accuracy: 3, clarity: 3 });
    expect(third.body.myDeviation).toMatchObject({ accuracy: -1, clarity: 0 });
    expect(third.body.deviations).toBeNull();
    // Once only; not for someone not asked; out-of-scale scores listed.
    expect(errorOf(await as.owner.post(`${round}/scores`, { scores: scores(3) })).reason).toBe('already_scored');
    expect(errorOf(await clientAdmin.post(`${round}/scores`, { scores: scores(3) })).reason).toBe('not_a_participant');
    expect((await as.p1Manager.get(round)).status).toBe(403);

    const admin = (await clientAdmin.get<CalibrationRoundView>(round)).body;
    expect(admin.deviations?.map((d) => d.meanAbsoluteDeviation).sort()).toEqual([0, 0.2, 2]);
    expect((await as.reviewer.get<CalibrationRoundSummary[]>(rounds)).body.map((r) => r.viewerScored)).toEqual([true]);

    // A second round where the generous reviewer is generous again: they drift.
    const again = (await clientAdmin.post<CalibrationRoundView>(rounds, { title: '基準合わせ 第 2 回', source, participants })).body;
    await as.reviewer.post(`${rounds}/${again.id}/scores`, { scores: scores(5) });
    await reviewer2.post(`${rounds}/${again.id}/scores`, { scores: scores(3) });
    await as.owner.post(`${rounds}/${again.id}/scores`, { scores: scores(3) });
    const drift = (await clientAdmin.get<ReviewerDrift[]>('/api/calibration/drift')).body;
    expect(drift[0]).toMatchObject({ person: { userId: people.reviewer.id }, rounds: 2, bias: 2, drifting: true });
    expect(drift.filter((d) => d.drifting)).toHaveLength(1);
    expect((await as.reviewer.get('/api/calibration/drift')).status).toBe(403);
    // A strictly confidential engagement's deliverables are not copied out to calibrate.
    await k.rt.database.db.updateTable('engagements').set({ classification: 'strictly_confidential' }).where('id', '=', id).execute();
    expect(errorOf(await clientAdmin.post(rounds, { title: 'x', source, participants })).reason).toBe('calibration_source_restricted');
  });
});
