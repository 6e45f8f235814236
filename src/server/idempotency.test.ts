import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import type { DB } from '../infra/db/schema.js';
import { demoFtoCorpus } from '../infra/demo/patents.js';
import { demoCompetitors, demoSizing } from '../infra/demo/survey.js';
import type { CalibrationRoundView, DeliverableDetail } from '../shared/contracts/deliverables.js';
import type { EngagementView, MilestoneView, ProposalView, QuestionView } from '../shared/contracts/engagements.js';
import type { ModelDetail } from '../shared/contracts/financial-model-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, engagementInProgress, parties, proposal } from '../testing/engagements.js';
import { makeOrg, makeUser } from '../testing/factories.js';
import { errorOf, type Reply, TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const MODEL = JSON.parse(readFileSync(new URL('../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8'));

interface Case {
  /** The route as Hono registers it. */
  route: string;
  path: () => string;
  body: () => unknown;
  as: () => TestClient;
  /** The table where a second record would appear. */
  table: keyof DB;
  /** The answer holds a one-time secret: a repeat is told it was done, never given it. */
  secret?: boolean;
}

/**
 * Every creating request (a POST that answers 201) made twice with one Idempotency-Key — at the
 * same moment, as a double-click does, and again later, as a retry does — makes one record.
 */
describeEachDatabase('idempotent creating requests', (backend) => {
  const kit = useTestKit(backend, { KPO_WEBHOOK_ALLOW_PRIVATE: 'true' });
  const cases: Case[] = [];

  beforeAll(async () => {
    const k = kit();
    const { orgs, people, as } = await parties(k);
    const clientAdmin = await makeUser(k.rt, orgs.client.id, ['client_admin']);
    const admin = new TestClient(k.app.app, '10.60.0.1');
    await admin.login(clientAdmin.email);
    const operatorOrg = await makeOrg(k.rt, 'operator');
    const operator = new TestClient(k.app.app, '10.60.0.2');
    await operator.login((await makeUser(k.rt, operatorOrg.id, ['platform_admin'])).email);

    // A financial-modeling engagement in progress, with a question from the provider and a model shared with the client.
    const e = (await as.owner.post<EngagementView>('/api/engagements', brief({ type: 'financial_modeling' }))).body;
    await as.owner.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.p1.id] });
    await as.owner.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: e.version });
    const draft = await as.p1Manager.put<ProposalView>(`/api/engagements/${e.id}/proposal`, { proposal: proposal(), version: 0 });
    const bid = (await as.p1Manager.post<ProposalView>(`/api/engagements/${e.id}/proposal/submit`, { version: draft.body.version })).body;
    let view = (await as.owner.get<EngagementView>(`/api/engagements/${e.id}`)).body;
    view = (await as.owner.post<EngagementView>(`/api/engagements/${e.id}/award`, { proposalId: bid.id, version: view.version })).body;
    await as.owner.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
    await as.p1Manager.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
    await as.p1Manager.post(`/api/engagements/${e.id}/transitions`, { action: 'start', version: view.version });
    await as.p1Manager.post(`/api/engagements/${e.id}/team`, { userId: people.p1Analyst.id, role: 'analyst' });
    const question = (await as.p1Analyst.post<QuestionView[]>(`/api/engagements/${e.id}/questions`, { title: 'Data?', body: 'When?' }))
      .body;
    const model = (await as.p1Analyst.post<ModelDetail>(`/api/engagements/${e.id}/models`, { name: 'DCF', document: MODEL })).body;
    await as.p1Analyst.post(`/api/engagements/${e.id}/models/${model.id}/versions/1/share`, {});
    const at = (suffix: string) => () => `/api/engagements/${e.id}${suffix}`;
    // A second engagement, awarded to p1 and then cancelled: its vault's close-out is open.
    const cancelled = (await as.owner.post<EngagementView>('/api/engagements', brief())).body;
    await as.owner.post(`/api/engagements/${cancelled.id}/providers`, { providerOrgIds: [orgs.p1.id] });
    await as.owner.post(`/api/engagements/${cancelled.id}/transitions`, { action: 'request', version: cancelled.version });
    const bid2 = await as.p1Manager.put<ProposalView>(`/api/engagements/${cancelled.id}/proposal`, { proposal: proposal(), version: 0 });
    const sent2 = await as.p1Manager.post<ProposalView>(`/api/engagements/${cancelled.id}/proposal/submit`, { version: bid2.body.version });
    const awarded2 = await as.owner.post<EngagementView>(`/api/engagements/${cancelled.id}/award`, {
      proposalId: sent2.body.id,
      version: cancelled.version + 1,
    });
    const cancelledNow = await as.owner.post(`/api/engagements/${cancelled.id}/transitions`, {
      action: 'cancel',
      version: awarded2.body.version,
      reason: 'Plans changed.',
    });
    expect(cancelledNow.status, JSON.stringify(cancelledNow.body)).toBe(200);
    const document = (await as.owner.upload<{ id: string }>(`/api/engagements/${e.id}/documents?name=d.txt&classification=internal`, 'd'))
      .body;

    cases.push(
      { route: 'POST /api/engagements', path: () => '/api/engagements', body: () => brief(), as: () => as.owner, table: 'engagements' },
      {
        route: 'POST /api/engagements/:id/updates',
        path: at('/updates'),
        body: () => ({ progressPct: 10, rag: 'green', done: 'Desk.', next: 'Survey.', blockers: '', risks: '' }),
        as: () => as.p1Analyst,
        table: 'status_updates',
      },
      {
        route: 'POST /api/engagements/:id/questions',
        path: at('/questions'),
        body: () => ({ title: 'Scope?', body: 'Please confirm.' }),
        as: () => as.owner,
        table: 'questions',
      },
      {
        route: 'POST /api/engagements/:id/questions/:questionId/answers',
        path: at(`/questions/${question[0]?.id}/answers`),
        body: () => ({ body: 'Tomorrow.' }),
        as: () => as.owner,
        table: 'question_messages',
      },
      {
        route: 'POST /api/engagements/:id/change-requests',
        path: at('/change-requests'),
        body: () => ({ summary: 'Add a market', reason: 'Board.', changes: { scope: 'Japan and Korea.' } }),
        as: () => as.owner,
        table: 'change_requests',
      },
      {
        route: 'POST /api/engagements/:id/models',
        path: at('/models'),
        body: () => ({ name: 'Second model', document: MODEL }),
        as: () => as.p1Analyst,
        table: 'financial_models',
      },
      {
        route: 'POST /api/engagements/:id/models/:modelId/versions',
        path: at(`/models/${model.id}/versions`),
        body: () => ({ baseVersion: 1, note: 'v2', document: MODEL }),
        as: () => as.p1Analyst,
        table: 'financial_model_versions',
      },
      {
        route: 'POST /api/engagements/:id/models/:modelId/versions/:version/comments',
        path: at(`/models/${model.id}/versions/1/comments`),
        body: () => ({ body: 'Where does the growth rate come from?' }),
        as: () => as.owner,
        table: 'financial_model_comments',
      },
      {
        route: 'POST /api/engagements/:id/documents',
        path: at('/documents?name=twice.txt&classification=internal'),
        body: () => 'the file, sent twice',
        as: () => as.owner,
        table: 'document_versions',
      },
      {
        route: 'POST /api/engagements/:id/documents/:documentId/grants',
        path: at(`/documents/${document.id}/grants`),
        body: () => ({ grantee: { kind: 'team' }, access: 'view', days: 7 }),
        as: () => as.owner,
        table: 'document_grants',
      },
      {
        route: 'POST /api/engagements/:id/documents/:documentId/versions/:version/pseudonymised-copy',
        path: at(`/documents/${document.id}/versions/1/pseudonymised-copy`),
        body: () => ({}),
        as: () => as.owner,
        table: 'documents',
      },
      {
        route: 'POST /api/engagements/:id/close-out/attestation',
        path: () => `/api/engagements/${cancelled.id}/close-out/attestation`,
        body: () => ({ statement: 'Every copy is deleted.' }),
        as: () => as.p1Manager,
        table: 'vault_deletion_attestations',
      },
      {
        route: 'POST /api/organizations',
        path: () => '/api/organizations',
        body: () => ({ name: `新しい委託元 ${randomUUID().slice(0, 6)}`, kind: 'client' }),
        as: () => operator,
        table: 'organizations',
      },
      {
        route: 'POST /api/organizations/:orgId/invitations',
        path: () => `/api/organizations/${orgs.client.id}/invitations`,
        body: () => ({ email: `new-${randomUUID().slice(0, 6)}@example.test`, roles: ['reviewer'] }),
        as: () => admin,
        table: 'invitations',
        secret: true,
      },
      {
        route: 'POST /api/tokens',
        path: () => '/api/tokens',
        body: () => ({ name: `token ${randomUUID().slice(0, 6)}`, scopes: ['read'] }),
        as: () => admin,
        table: 'api_tokens',
        secret: true,
      },
      {
        route: 'POST /api/organizations/:orgId/webhooks',
        path: () => `/api/organizations/${orgs.client.id}/webhooks`,
        body: () => ({ url: 'https://hooks.example.com/kpo', kinds: ['question.asked'] }),
        as: () => admin,
        table: 'webhooks',
        secret: true,
      },
    );

    // Deliverables and quality: a report in review, a reviewer on the team, a calibration round on it.
    await as.owner.post(`/api/engagements/${e.id}/team`, { userId: people.reviewer.id, role: 'reviewer' });
    const milestoneId = (await as.owner.get<MilestoneView[]>(`/api/engagements/${e.id}/milestones`)).body[0]?.id;
    const newDeliverable = async (title: string) =>
      (await as.p1Analyst.post<DeliverableDetail>(`/api/engagements/${e.id}/deliverables`, { milestoneId, title, type: 'report' })).body.id;
    const report = {
      type: 'report',
      sections: [{ key: 'summary', title: '要約', role: 'summary', body: '市場は成長している。', citations: [] }],
    };
    const reviewed = await newDeliverable('レビュー用');
    const resubmitted = await newDeliverable('再提出用');
    await as.p1Analyst.post(`/api/engagements/${e.id}/deliverables/${reviewed}/versions`, { content: report });
    const round = (
      await admin.post<CalibrationRoundView>('/api/calibration/rounds', {
        title: '基準合わせ',
        source: { engagementId: e.id, deliverableId: reviewed, version: 1 },
        participants: [people.reviewer.id, people.owner.id],
      })
    ).body;
    const scores = { accuracy: 3, assumptions: 3, structure: 3, sourcing: 3, knowledge_transfer: 3 };
    cases.push(
      {
        route: 'POST /api/engagements/:id/deliverables',
        path: at('/deliverables'),
        body: () => ({ milestoneId, title: '成果物', type: 'report' }),
        as: () => as.p1Analyst,
        table: 'deliverables',
      },
      {
        route: 'POST /api/engagements/:id/deliverables/:deliverableId/versions',
        path: at(`/deliverables/${resubmitted}/versions`),
        body: () => ({ content: report }),
        as: () => as.p1Analyst,
        table: 'deliverable_versions',
      },
      {
        route: 'POST /api/engagements/:id/deliverables/:deliverableId/versions/:version/reviews',
        path: at(`/deliverables/${reviewed}/versions/1/reviews`),
        body: () => ({ scores, decision: 'accept' }),
        as: () => as.reviewer,
        table: 'deliverable_reviews',
      },
      {
        route: 'POST /api/engagements/:id/gold',
        path: at('/gold'),
        body: () => ({ kind: 'planted_error', label: '誤記', terms: ['7,030'] }),
        as: () => as.owner,
        table: 'gold_items',
      },
      {
        route: 'POST /api/rubrics',
        path: () => '/api/rubrics',
        body: () => ({
          name: '当社基準',
          engagementType: 'other',
          scale: { min: 1, max: 2 },
          criteria: [{ key: 'accuracy', title: '正確性', weight: 1, anchors: ['不可', '可'] }],
        }),
        as: () => admin,
        table: 'rubrics',
      },
      {
        route: 'POST /api/calibration/rounds',
        path: () => '/api/calibration/rounds',
        body: () => ({
          title: '基準合わせ 2',
          source: { engagementId: e.id, deliverableId: reviewed, version: 1 },
          participants: [people.reviewer.id, people.owner.id],
        }),
        as: () => admin,
        table: 'calibration_rounds',
      },
      {
        route: 'POST /api/calibration/rounds/:roundId/scores',
        path: () => `/api/calibration/rounds/${round.id}/scores`,
        body: () => ({ scores }),
        as: () => as.owner,
        table: 'calibration_scores',
      },
    );

    // Conflict walls: a provider person holding shares in the engagement's target, whom a client admin lets through.
    const entities = await admin.put<{ entities: { id: string }[] }>(`/api/organizations/${orgs.client.id}/restricted-list`, {
      coolingOffMonths: 6,
      version: 0,
      entities: [{ name: 'トヨタ自動車株式会社', tickers: ['7203'], kind: 'target' }],
    });
    await as.owner.put(`/api/engagements/${e.id}/conflict-subjects`, { targets: [entities.body.entities[0]?.id], competitors: [] });
    await as.p1Other.put('/api/conflict-declarations', { employers: [], holdings: [{ entity: '7203.T' }] });
    cases.push({
      route: 'POST /api/engagements/:id/conflicts/overrides',
      path: at('/conflicts/overrides'),
      body: () => ({ userId: people.p1Other.id, reason: '保有は少額で、売買しない旨の誓約書を受領済み。' }),
      as: () => admin,
      table: 'conflict_overrides',
    });

    // A market-research engagement in progress: a response file in the vault, a dataset read from it.
    const mr = await engagementInProgress(k);
    const mrAt = (suffix: string) => () => `/api/engagements/${mr.id}${suffix}`;
    const responses = await mr.as.p1Analyst.upload<{ id: string }>(
      `/api/engagements/${mr.id}/documents?name=r.csv&classification=internal`,
      'g,q\n1,a\n2,b\n1,b\n2,a\n',
    );
    const codebook = {
      questions: [
        {
          key: 'g',
          type: 'single',
          columns: ['g'],
          values: [
            { value: '1', label: 'M' },
            { value: '2', label: 'F' },
          ],
        },
        {
          key: 'q',
          type: 'single',
          columns: ['q'],
          values: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ],
        },
      ],
    };
    const dataset = (await mr.as.p1Analyst.post<{ id: string }>(mrAt('/surveys')(), { name: 's', documentId: responses.body.id, codebook }))
      .body;
    cases.push(
      {
        route: 'POST /api/engagements/:id/surveys',
        path: mrAt('/surveys'),
        body: () => ({ name: 'second', documentId: responses.body.id, codebook }),
        as: () => mr.as.p1Analyst,
        table: 'survey_datasets',
      },
      {
        route: 'POST /api/engagements/:id/surveys/:surveyId/versions',
        path: mrAt(`/surveys/${dataset.id}/versions`),
        body: () => ({ baseVersion: 1, codebook, note: 'v2' }),
        as: () => mr.as.p1Analyst,
        table: 'survey_dataset_versions',
      },
      {
        route: 'POST /api/engagements/:id/surveys/:surveyId/weightings',
        path: mrAt(`/surveys/${dataset.id}/weightings`),
        body: () => ({ name: 'g', targets: { g: { '1': 0.4, '2': 0.6 } } }),
        as: () => mr.as.p1Analyst,
        table: 'survey_weightings',
      },
    );

    // Open-answer coding needs an open-text question: a second file with one.
    const openFile = await mr.as.p1Analyst.upload<{ id: string }>(
      `/api/engagements/${mr.id}/documents?name=open.csv&classification=internal`,
      'g,o\n1,入力が面倒\n2,料金が高い\n',
    );
    const openSurvey = (
      await mr.as.p1Analyst.post<{ id: string }>(mrAt('/surveys')(), {
        name: 'o',
        documentId: openFile.body.id,
        codebook: { questions: [codebook.questions[0], { key: 'o', type: 'open', columns: ['o'] }] },
      })
    ).body;
    const codes = [{ key: 'effort', label: '手間', keywords: ['面倒'] }];
    const frame = (await mr.as.p1Analyst.post<{ id: string }>(mrAt(`/surveys/${openSurvey.id}/codeframes`)(), { question: 'o', codes }))
      .body;
    cases.push(
      {
        route: 'POST /api/engagements/:id/surveys/:surveyId/codeframes',
        path: mrAt(`/surveys/${openSurvey.id}/codeframes`),
        body: () => ({ question: 'o', codes }),
        as: () => mr.as.p1Analyst,
        table: 'survey_codeframes',
      },
      {
        route: 'POST /api/engagements/:id/surveys/:surveyId/codeframes/:codeframeId/versions',
        path: mrAt(`/surveys/${openSurvey.id}/codeframes/${frame.id}/versions`),
        body: () => ({ baseVersion: 1, codes }),
        as: () => mr.as.p1Analyst,
        table: 'survey_codeframe_versions',
      },
    );

    // Market sizing and the competitor matrix (#11).
    const sizing = (await mr.as.p1Analyst.post<{ id: string }>(mrAt('/sizings')(), { sizing: demoSizing })).body;
    const matrix = (await mr.as.p1Analyst.post<{ id: string }>(mrAt('/competitor-matrices')(), { matrix: demoCompetitors })).body;
    cases.push(
      {
        route: 'POST /api/engagements/:id/sizings',
        path: mrAt('/sizings'),
        body: () => ({ sizing: demoSizing }),
        as: () => mr.as.p1Analyst,
        table: 'research_canvases',
      },
      {
        route: 'POST /api/engagements/:id/sizings/:sizingId/versions',
        path: mrAt(`/sizings/${sizing.id}/versions`),
        body: () => ({ baseVersion: 1, sizing: demoSizing, note: 'v2' }),
        as: () => mr.as.p1Analyst,
        table: 'research_canvas_versions',
      },
      {
        route: 'POST /api/engagements/:id/competitor-matrices',
        path: mrAt('/competitor-matrices'),
        body: () => ({ matrix: demoCompetitors }),
        as: () => mr.as.p1Analyst,
        table: 'research_canvases',
      },
      {
        route: 'POST /api/engagements/:id/competitor-matrices/:matrixId/versions',
        path: mrAt(`/competitor-matrices/${matrix.id}/versions`),
        body: () => ({ baseVersion: 1, matrix: demoCompetitors, note: 'v2' }),
        as: () => mr.as.p1Analyst,
        table: 'research_canvas_versions',
      },
    );

    // Patent research (#12): the engagement's corpus with one patent, a saved search on it; and hours logged (#14).
    const ip = await engagementInProgress(k, { type: 'patent_research' });
    const ipAt = (suffix: string) => () => `/api/engagements/${ip.id}${suffix}`;
    const [firstPatent, secondPatent] = demoFtoCorpus();
    const corpus = (await ip.as.p1Analyst.post<{ id: string }>(ipAt('/patent-corpora')(), { name: 'FTO' })).body;
    const imported = await ip.as.p1Analyst.upload(ipAt(`/patent-corpora/${corpus.id}/imports?format=jsonl`)(), JSON.stringify(firstPatent));
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const steps = [{ query: 'sensor' }];
    const saved = (await ip.as.p1Analyst.post<{ id: string }>(ipAt('/patent-searches')(), { title: '母集合', steps })).body;
    cases.push(
      {
        route: 'POST /api/engagements/:id/patent-corpora',
        path: ipAt('/patent-corpora'),
        body: () => ({ name: 'second corpus' }),
        as: () => ip.as.p1Analyst,
        table: 'patent_corpora',
      },
      {
        route: 'POST /api/engagements/:id/patent-corpora/:corpusId/imports',
        path: ipAt(`/patent-corpora/${corpus.id}/imports?format=jsonl`),
        body: () => JSON.stringify(secondPatent),
        as: () => ip.as.p1Analyst,
        table: 'patents',
      },
      {
        route: 'POST /api/engagements/:id/patent-searches',
        path: ipAt('/patent-searches'),
        body: () => ({ title: '母集合 2', steps }),
        as: () => ip.as.p1Analyst,
        table: 'patent_saved_searches',
      },
      {
        route: 'POST /api/engagements/:id/patent-searches/:searchId/versions',
        path: ipAt(`/patent-searches/${saved.id}/versions`),
        body: () => ({ baseVersion: 1, steps }),
        as: () => ip.as.p1Analyst,
        table: 'patent_saved_search_versions',
      },
      {
        route: 'POST /api/engagements/:id/patent-searches/:searchId/steps',
        path: ipAt(`/patent-searches/${saved.id}/steps`),
        body: () => ({ baseVersion: 2, step: { query: 'wrist' } }),
        as: () => ip.as.p1Analyst,
        table: 'patent_saved_search_versions',
      },
      {
        route: 'POST /api/engagements/:id/time-entries',
        path: ipAt('/time-entries'),
        body: () => ({ date: '2026-04-01', category: 'research', minutes: 60 }),
        as: () => ip.as.p1Analyst,
        table: 'time_entries',
      },
      {
        // The owner approved the SOW on the financial-modeling engagement today: a suggested half hour of contract work.
        route: 'POST /api/engagements/:id/time-suggestions/accept',
        path: () => `/api/engagements/${e.id}/time-suggestions/accept`,
        body: () => ({ date: '2026-04-01', category: 'contract_admin' }),
        as: () => as.owner,
        table: 'time_entries',
      },
      {
        route: 'POST /api/engagements/:id/time-entries/import',
        path: ipAt('/time-entries/import'),
        body: () => ({ csv: 'date,category,minutes\n2026-04-02,analysis,90\n' }),
        as: () => ip.as.p1Analyst,
        table: 'time_entries',
      },
      {
        route: 'POST /api/organizations/:orgId/people/:userId/leave',
        path: () => `/api/organizations/${orgs.p1.id}/people/${people.p1Analyst.id}/leave`,
        body: () => ({ from: '2026-08-03', to: '2026-08-04', note: '夏季休暇' }),
        as: () => as.p1Analyst,
        table: 'person_leave',
      },
    );
  });

  const count = async (table: keyof DB) =>
    Number(
      (
        await kit()
          .rt.database.db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('covers every creating route of the API', async () => {
    const doc = (
      await new TestClient(kit().app.app).get<{ paths: Record<string, Record<string, { responses: object }>> }>('/api/openapi.json')
    ).body;
    const creating = Object.entries(doc.paths)
      .filter(([, ops]) => ops.post && '201' in ops.post.responses)
      .map(([path]) => `POST ${path.replaceAll(/\{(\w+)\}/g, ':$1')}`);
    expect(creating.sort()).toEqual(cases.map((c) => c.route).sort());
  });

  // Every creating route twice and once more: on a busy machine longer than the default 30 s.
  it('a double submission with one key makes one record, and both get the first answer', { timeout: 120_000 }, async () => {
    const problems: string[] = [];
    for (const c of cases) {
      const before = await count(c.table);
      const key = randomUUID();
      const body = c.body();
      const headers = { 'idempotency-key': key };
      const [first, second] = await Promise.all([
        c.as().request('POST', c.path(), body, headers),
        c.as().request('POST', c.path(), body, headers),
      ]);
      const made = (await count(c.table)) - before;
      if (made !== 1) problems.push(`${c.route}: ${made} records (${first.status}, ${second.status})`);
      const [original, repeat] = first.headers.get('idempotency-replayed') ? [second, first] : [first, second];
      if (original.status !== 201) problems.push(`${c.route}: first answer ${original.status} ${JSON.stringify(original.body)}`);
      if (c.secret) {
        if (repeat.status !== 409 || errorOf(repeat).reason !== 'already_done')
          problems.push(`${c.route}: a repeat of a secret answer got ${repeat.status} ${JSON.stringify(repeat.body)}`);
      } else if (repeat.status !== 201 || JSON.stringify(repeat.body) !== JSON.stringify(original.body)) {
        problems.push(`${c.route}: the repeat answered ${repeat.status} ${JSON.stringify(repeat.body).slice(0, 100)}`);
      }
      // A retry later, with the same key, is answered the same way and makes nothing.
      const later: Reply = await c.as().request('POST', c.path(), body, headers);
      if ((await count(c.table)) - before !== 1) problems.push(`${c.route}: a later retry made a record`);
      if (later.headers.get('idempotency-replayed') !== 'true') problems.push(`${c.route}: a later retry was not a replay`);
    }
    expect(problems).toEqual([]);
  });

  it('the same key for a different request is refused; without a key, each request is its own', async () => {
    const c = cases.find((x) => x.route === 'POST /api/engagements/:id/questions');
    if (!c) throw new Error('no case');
    const key = randomUUID();
    expect((await c.as().request('POST', c.path(), { title: 'One', body: 'x' }, { 'idempotency-key': key })).status).toBe(201);
    const reused = await c.as().request('POST', c.path(), { title: 'Two', body: 'x' }, { 'idempotency-key': key });
    expect(errorOf(reused)).toMatchObject({ code: 'invalid_input', reason: 'idempotency_key_reused' });
    const bad = await c.as().request('POST', c.path(), { title: 'Three', body: 'x' }, { 'idempotency-key': 'has spaces' });
    expect(errorOf(bad).issues?.[0]).toMatchObject({ path: ['headers', 'Idempotency-Key'] });
    const before = await count('questions');
    await c.as().post(c.path(), { title: 'Same', body: 'x' });
    await c.as().post(c.path(), { title: 'Same', body: 'x' });
    expect((await count('questions')) - before).toBe(2);
  });

  it('a key used more than a day ago is forgotten: the same key then makes a new record', async () => {
    const c = cases.find((x) => x.route === 'POST /api/engagements/:id/questions');
    if (!c) throw new Error('no case');
    const key = randomUUID();
    const before = await count('questions');
    expect((await c.as().request('POST', c.path(), { title: 'Monday', body: 'x' }, { 'idempotency-key': key })).status).toBe(201);
    // A day and an hour pass for the key (moving the clock would end the session too).
    const aged = new Date(kit().clock.now().getTime() - 25 * 3_600_000).toISOString();
    await kit().rt.database.db.updateTable('idempotency_keys').set({ created_at: aged }).where('key', '=', key).execute();
    // Another request, even the same one, with that key a day later: done again, not replayed and not refused.
    const again = await c.as().request('POST', c.path(), { title: 'Tuesday', body: 'x' }, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBeNull();
    expect((await count('questions')) - before).toBe(2);
  });

  it('a request that fails frees its key: corrected, it goes through with the same key', async () => {
    const c = cases.find((x) => x.route === 'POST /api/engagements');
    if (!c) throw new Error('no case');
    const key = randomUUID();
    const refused = await c.as().request('POST', c.path(), { ...brief(), title: '' }, { 'idempotency-key': key });
    expect(refused.status).toBe(400);
    // Changed input with the same key: a form corrected after an error keeps its submission key.
    const fixed = await c.as().request('POST', c.path(), brief(), { 'idempotency-key': key });
    expect(fixed.status).toBe(201);
  });
});
