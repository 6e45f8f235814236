import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { demoCompetitors, demoSizing } from '../infra/demo/survey.js';
import {
  type EngagementList,
  type EngagementStatus,
  type EngagementView,
  engagementStatuses,
  type ProposalView,
} from '../shared/contracts/engagements.js';
import { type Role, roles } from '../shared/roles.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, proposal } from '../testing/engagements.js';
import { makeOrg, makeUser } from '../testing/factories.js';
import { type Reply, TestClient } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

/**
 * The authorization matrix: every API route, called by every principal that matters, on an
 * engagement in every state. The expectations are written out by hand here, from what each
 * person should be able to do (docs/security.md) — never derived from the policy code under test.
 *
 * Principals: the client's admin, the engagement's owner, a reviewer on its team and one off it,
 * finance and an auditor (read-only); another client's admin; the awarded provider's admin and
 * delivery manager (its leads), its analyst on the team and one off it, its auditor; a losing
 * bidder's delivery manager; a person who manages the losing bidder and is an (unassigned) analyst
 * of the winner, signed in to each; the operator's admin and auditor; and nobody (anonymous).
 */
const principals = [
  'A:client_admin',
  'A:owner',
  'A:reviewer',
  'A:reviewer_off',
  'A:finance',
  'A:auditor',
  'B:client_admin',
  'W:provider_admin',
  'W:delivery_manager',
  'W:analyst',
  'W:analyst_off',
  'W:auditor',
  'L:delivery_manager',
  'dual@L',
  'dual@W',
  'op:platform_admin',
  'op:auditor',
  'anonymous',
] as const;
type Principal = (typeof principals)[number];

/** The engagement states the matrix visits; `cancelled_bidding` is cancelled while proposals were open. */
const states = [
  'draft',
  'requested',
  'proposing',
  'contracted',
  'in_progress',
  'delivered',
  'accepted',
  'closed',
  'on_hold',
  'cancelled',
  'cancelled_bidding',
] as const;
type State = (typeof states)[number];
/**
 * The states the full matrix runs through on one backend. PGlite (what users run) visits all of them;
 * PostgreSQL every other one — the guard is the same code over the same queries, and the second backend
 * is there for the queries' dialect, which the states it visits exercise alike. `KPO_ACCESS=all` runs
 * every state on both (before a release).
 */
function matrixStatesFor(backend: string): readonly State[] {
  if (process.env.KPO_ACCESS === 'all' || backend === 'pglite') return states;
  return states.filter((_, i) => i % 2 === 0);
}
const statusOf = (s: State): EngagementStatus => (s === 'cancelled_bidding' ? 'cancelled' : s);

// Who stands where, by hand.
const preAward: readonly State[] = ['draft', 'requested', 'proposing', 'cancelled_bidding'];
const awarded = (s: State) => !preAward.includes(s);
const bidding = (s: State) => s === 'requested' || s === 'proposing';
const clientLeads: Principal[] = ['A:client_admin', 'A:owner'];
const clientWorkers: Principal[] = [...clientLeads, 'A:reviewer'];
const clientAll: Principal[] = [...clientWorkers, 'A:finance', 'A:auditor'];
const winnerManagers: Principal[] = ['W:provider_admin', 'W:delivery_manager'];
const loserManagers: Principal[] = ['L:delivery_manager', 'dual@L'];
const providerLeads = (s: State): Principal[] => (awarded(s) ? winnerManagers : []);
const providerTeam = (s: State): Principal[] => (awarded(s) ? [...winnerManagers, 'W:analyst'] : []);
const bidders = (s: State): Principal[] => (bidding(s) ? [...winnerManagers, ...loserManagers] : []);
const formerBidders = (s: State): Principal[] =>
  s === 'cancelled_bidding' ? [...winnerManagers, ...loserManagers] : awarded(s) ? loserManagers : [];
const parties = (s: State): Principal[] => [...clientAll, ...providerTeam(s)];
const anyone = (s: State): Principal[] => [...parties(s), ...bidders(s), ...formerBidders(s)];
const fixed = (ps: Principal[]) => () => ps;

const ALL: readonly EngagementStatus[] = [
  'draft',
  'requested',
  'proposing',
  'contracted',
  'in_progress',
  'delivered',
  'accepted',
  'closed',
  'on_hold',
  'cancelled',
];
const BEFORE_AWARD: readonly EngagementStatus[] = ['draft', 'requested', 'proposing'];
const BIDDING: readonly EngagementStatus[] = ['requested', 'proposing'];
const ACTIVE: readonly EngagementStatus[] = ['requested', 'proposing', 'contracted', 'in_progress', 'delivered'];
const NOT_ENDED: readonly EngagementStatus[] = ['draft', ...ACTIVE, 'accepted', 'on_hold'];
const WORKING: readonly EngagementStatus[] = ['contracted', 'in_progress', 'delivered'];
const BUILDING: readonly EngagementStatus[] = ['contracted', 'in_progress'];

/** Who may (standing) and when (engagement status); a principal allowed by standing at the wrong time gets invalid_state. */
type Grant = [who: (s: State) => Principal[], when: readonly EngagementStatus[]];
type Outcome = 'ok' | 'denied' | 'state';

interface EngagementCall {
  method: string;
  path: (e: string) => string;
  body?: unknown;
  grants: Grant[];
}
interface OrgCall {
  method: string;
  /** `a` is client A, `w` the winning provider; `user` a principal's own id. */
  path: (ids: { a: string; w: string; user: (p: Principal) => string }) => string;
  body?: unknown;
  allowed: Principal[];
}

const someId = '00000000-0000-4000-8000-000000000000';
const get = (suffix: string, grants: Grant[]): EngagementCall => ({ method: 'GET', path: (e) => `/api/engagements/${e}${suffix}`, grants });
const write = (method: string, suffix: string, grants: Grant[], body: unknown = {}): EngagementCall => ({
  method,
  path: (e) => `/api/engagements/${e}${suffix}`,
  body,
  grants,
});
const readWork: Grant[] = [[parties, ALL]];
const m = `/models/${someId}`;
const d = `/deliverables/${someId}`;
const sv = `/surveys/${someId}`;
const codebook = { questions: [{ key: 'a', type: 'numeric', columns: ['a'] }] };

/** Routes on one engagement, keyed as Hono registers them. */
const engagementMatrix: Record<string, EngagementCall> = {
  'GET /api/engagements/:id': get('', [[anyone, ALL]]),
  'PATCH /api/engagements/:id': write('PATCH', '', [[fixed(clientLeads), BEFORE_AWARD]]),
  'POST /api/engagements/:id/providers': write('POST', '/providers', [[fixed(clientLeads), BEFORE_AWARD]]),
  'POST /api/engagements/:id/transitions': write('POST', '/transitions', [
    [fixed(clientLeads), ['draft', 'requested', 'proposing', 'contracted', 'in_progress', 'delivered', 'accepted', 'on_hold']],
    [providerLeads, ['contracted', 'in_progress']],
  ]),
  'POST /api/engagements/:id/team': write('POST', '/team', [
    [fixed(clientLeads), NOT_ENDED],
    [providerLeads, WORKING],
  ]),
  'DELETE /api/engagements/:id/team/:userId': write('DELETE', `/team/${someId}`, [
    [fixed(clientLeads), NOT_ENDED],
    [providerLeads, WORKING],
  ]),
  'GET /api/engagements/:id/proposals': get('/proposals', [[anyone, ALL]]),
  'PUT /api/engagements/:id/proposal': write('PUT', '/proposal', [[bidders, BIDDING]]),
  'POST /api/engagements/:id/proposal/submit': write('POST', '/proposal/submit', [[bidders, BIDDING]]),
  'POST /api/engagements/:id/proposal/withdraw': write('POST', '/proposal/withdraw', [[bidders, BIDDING]]),
  'POST /api/engagements/:id/award': write('POST', '/award', [[fixed(clientLeads), BIDDING]]),
  'GET /api/engagements/:id/sow': get('/sow', readWork),
  'PUT /api/engagements/:id/sow': write('PUT', '/sow', [[(s) => [...clientLeads, ...providerLeads(s)], ['contracted']]]),
  'POST /api/engagements/:id/sow/approve': write('POST', '/sow/approve', [[(s) => [...clientLeads, ...providerLeads(s)], ['contracted']]]),
  'GET /api/engagements/:id/milestones': get('/milestones', readWork),
  'POST /api/engagements/:id/milestones/:milestoneId/progress': write('POST', `/milestones/${someId}/progress`, [
    [providerTeam, ['in_progress']],
  ]),
  'POST /api/engagements/:id/milestones/:milestoneId/decision': write('POST', `/milestones/${someId}/decision`, [
    [fixed(clientLeads), ['in_progress', 'delivered']],
  ]),
  'GET /api/engagements/:id/updates': get('/updates', readWork),
  'POST /api/engagements/:id/updates': write('POST', '/updates', [[providerTeam, ['in_progress']]]),
  'GET /api/engagements/:id/questions': get('/questions', readWork),
  // Q&A is work: finance and auditors read it, and never ask, answer or close (that stops the other side's clock).
  'POST /api/engagements/:id/questions': write('POST', '/questions', [[(s) => [...clientWorkers, ...providerTeam(s)], WORKING]]),
  'POST /api/engagements/:id/questions/:questionId/answers': write('POST', `/questions/${someId}/answers`, [
    [(s) => [...clientWorkers, ...providerTeam(s)], WORKING],
  ]),
  'POST /api/engagements/:id/questions/:questionId/close': write(
    'POST',
    `/questions/${someId}/close`,
    [[(s) => [...clientWorkers, ...providerTeam(s)], WORKING]],
    undefined,
  ),
  'GET /api/engagements/:id/change-requests': get('/change-requests', readWork),
  'POST /api/engagements/:id/change-requests': write('POST', '/change-requests', [
    [(s) => [...clientLeads, ...providerLeads(s)], BUILDING],
  ]),
  'POST /api/engagements/:id/change-requests/:changeId/decision': write('POST', `/change-requests/${someId}/decision`, [
    [(s) => [...clientLeads, ...providerLeads(s)], WORKING],
  ]),
  'GET /api/engagements/:id/control': get('/control', readWork),
  // Financial models: both teams read and export; only the awarded provider's team saves, while the work is built.
  'GET /api/engagements/:id/models': get('/models', readWork),
  'POST /api/engagements/:id/models': write('POST', '/models', [[providerTeam, BUILDING]]),
  'GET /api/engagements/:id/models/:modelId': get(m, readWork),
  'POST /api/engagements/:id/models/:modelId/versions': write('POST', `${m}/versions`, [[providerTeam, BUILDING]]),
  'GET /api/engagements/:id/models/:modelId/versions/:version': get(`${m}/versions/1`, readWork),
  'POST /api/engagements/:id/models/:modelId/versions/:version/share': write('POST', `${m}/versions/1/share`, [[providerTeam, BUILDING]]),
  'GET /api/engagements/:id/models/:modelId/versions/:version/comments': get(`${m}/versions/1/comments`, readWork),
  'POST /api/engagements/:id/models/:modelId/versions/:version/comments': write(
    'POST',
    `${m}/versions/1/comments`,
    [[(s) => [...clientWorkers, ...providerTeam(s)], WORKING]],
    { body: 'Why this growth rate?' },
  ),
  'GET /api/engagements/:id/models/:modelId/versions/:version/analysis': get(`${m}/versions/1/analysis`, readWork),
  'POST /api/engagements/:id/models/:modelId/analysis': write('POST', `${m}/analysis`, readWork),
  'GET /api/engagements/:id/models/:modelId/compare': get(`${m}/compare?from=1&to=2`, readWork),
  'GET /api/engagements/:id/models/:modelId/versions/:version/export.xlsx': get(`${m}/versions/1/export.xlsx`, readWork),
  'GET /api/engagements/:id/models/:modelId/versions/:version/summary.pdf': get(`${m}/versions/1/summary.pdf`, readWork),
  'POST /api/engagements/:id/model-imports/preview': write('POST', '/model-imports/preview', [[providerTeam, BUILDING]]),
  'POST /api/engagements/:id/model-imports/historicals': write('POST', '/model-imports/historicals', [[providerTeam, BUILDING]]),
  // The vault: the library is read by everyone on the engagement (which documents each sees is the service's
  // business: documents.test.ts); the people who work upload; the client's leads and members grant while the work is on.
  'GET /api/engagements/:id/documents': get('/documents', readWork),
  'POST /api/engagements/:id/documents': write('POST', '/documents?name=matrix.txt&classification=internal', [
    [fixed(clientWorkers), NOT_ENDED],
    [providerTeam, WORKING],
  ]),
  'GET /api/engagements/:id/documents/:documentId': get(`/documents/${someId}`, readWork),
  'GET /api/engagements/:id/documents/:documentId/versions/:version/content': get(`/documents/${someId}/versions/1/content`, readWork),
  'POST /api/engagements/:id/documents/:documentId/grants': write('POST', `/documents/${someId}/grants`, [[fixed(clientWorkers), WORKING]]),
  'POST /api/engagements/:id/documents/:documentId/grants/:grantId/revoke': write('POST', `/documents/${someId}/grants/${someId}/revoke`, [
    [fixed(clientWorkers), WORKING],
  ]),
  'GET /api/engagements/:id/access-review': get('/access-review', [[fixed([...clientLeads, 'A:finance', 'A:auditor']), ALL]]),
  // Conflict walls: the engagement's target, competitors and the report are the client lead's alone (never a
  // provider's, nor a read-only observer's); only a client admin lifts a wall, and not once the engagement is over.
  'GET /api/engagements/:id/conflict-subjects': get('/conflict-subjects', [[fixed(clientLeads), ALL]]),
  'PUT /api/engagements/:id/conflict-subjects': write('PUT', '/conflict-subjects', [[fixed(clientLeads), NOT_ENDED]]),
  'GET /api/engagements/:id/conflicts': get('/conflicts', [[fixed(clientLeads), ALL]]),
  'POST /api/engagements/:id/conflicts/overrides': write('POST', '/conflicts/overrides', [[fixed(['A:client_admin']), NOT_ENDED]]),
  // Personal data: the client's working people review, pseudonymise and re-identify, until the work is over.
  'GET /api/engagements/:id/documents/:documentId/versions/:version/pii': get(`/documents/${someId}/versions/1/pii`, [
    [fixed(clientWorkers), NOT_ENDED],
  ]),
  'POST /api/engagements/:id/documents/:documentId/versions/:version/pseudonymised-copy': write(
    'POST',
    `/documents/${someId}/versions/1/pseudonymised-copy`,
    [[fixed(clientWorkers), NOT_ENDED]],
  ),
  'GET /api/engagements/:id/documents/:documentId/versions/:version/reidentified': get(`/documents/${someId}/versions/1/reidentified`, [
    [fixed(clientWorkers), NOT_ENDED],
  ]),
  // Close-out: everyone on it sees its state; the client's lead destroys, the provider's lead attests, once it is over.
  'GET /api/engagements/:id/close-out': get('/close-out', readWork),
  'POST /api/engagements/:id/close-out/destroy': write('POST', '/close-out/destroy', [[fixed(clientLeads), ['closed', 'cancelled']]]),
  'POST /api/engagements/:id/close-out/attestation': write('POST', '/close-out/attestation', [[providerLeads, ['closed', 'cancelled']]]),
  'GET /api/engagements/:id/close-out/certificate.pdf': get('/close-out/certificate.pdf', [
    [fixed([...clientLeads, 'A:finance', 'A:auditor']), ALL],
  ]),
  // Survey datasets (#11): both teams read every table; the provider's team imports and weights while the work is
  // built — on a market-research engagement only, so on the matrix's financial-modeling one its writes are never open.
  'GET /api/engagements/:id/surveys': get('/surveys', readWork),
  'POST /api/engagements/:id/surveys/preview': write('POST', '/surveys/preview', [[providerTeam, []]], { documentId: someId }),
  'POST /api/engagements/:id/surveys': write('POST', '/surveys', [[providerTeam, []]], { name: 's', documentId: someId, codebook }),
  'GET /api/engagements/:id/surveys/:surveyId': get(sv, readWork),
  'POST /api/engagements/:id/surveys/:surveyId/versions': write('POST', `${sv}/versions`, [[providerTeam, []]], {
    baseVersion: 1,
    codebook,
  }),
  'POST /api/engagements/:id/surveys/:surveyId/weightings': write('POST', `${sv}/weightings`, [[providerTeam, []]], {
    name: 'w',
    targets: { a: { x: 1 } },
  }),
  'GET /api/engagements/:id/surveys/:surveyId/frequencies': get(`${sv}/frequencies?question=q`, readWork),
  'GET /api/engagements/:id/surveys/:surveyId/crosstab': get(`${sv}/crosstab?stub=a&banner=b`, readWork),
  'GET /api/engagements/:id/surveys/:surveyId/scales': get(`${sv}/scales?questions=q`, readWork),
  'GET /api/engagements/:id/surveys/:surveyId/deck.xlsx': get(`${sv}/deck.xlsx?banners=b`, readWork),
  'GET /api/engagements/:id/surveys/:surveyId/deck.pdf': get(`${sv}/deck.pdf?banners=b`, readWork),
  'GET /api/engagements/:id/surveys/:surveyId/data.csv': get(`${sv}/data.csv`, readWork),
  // Open-answer coding (#11): the quotes are respondents' words, read by whoever reads the survey; the provider's team codes.
  'GET /api/engagements/:id/surveys/:surveyId/codeframes': get(`${sv}/codeframes`, readWork),
  'POST /api/engagements/:id/surveys/:surveyId/codeframes': write('POST', `${sv}/codeframes`, [[providerTeam, []]], {
    question: 'q',
    codes: [{ key: 'k', label: 'l', keywords: ['高い'] }],
  }),
  'GET /api/engagements/:id/surveys/:surveyId/codeframes/:codeframeId': get(`${sv}/codeframes/${someId}`, readWork),
  'POST /api/engagements/:id/surveys/:surveyId/codeframes/:codeframeId/versions': write(
    'POST',
    `${sv}/codeframes/${someId}/versions`,
    [[providerTeam, []]],
    { baseVersion: 1, codes: [{ key: 'k', label: 'l', keywords: ['高い'] }] },
  ),
  'POST /api/engagements/:id/surveys/:surveyId/codeframes/:codeframeId/overrides': write(
    'POST',
    `${sv}/codeframes/${someId}/overrides`,
    [[providerTeam, []]],
    { respondent: 0, codes: [] },
  ),
  // Patent research (#12) belongs to patent-research engagements: on this one (financial modeling)
  // everyone on it who would read or write is told the state is wrong; everyone else is refused.
  // The team rules on a patent engagement are in src/server/patents.test.ts.
  'GET /api/engagements/:id/patent-corpora': get('/patent-corpora', [[parties, []]]),
  'POST /api/engagements/:id/patent-corpora': write('POST', '/patent-corpora', [[providerTeam, []]], { name: 'FTO' }),
  'POST /api/engagements/:id/patent-corpora/:corpusId/imports': write('POST', `/patent-corpora/${someId}/imports`, [[providerTeam, []]]),
  'POST /api/engagements/:id/patent-search': write('POST', '/patent-search', [[parties, []]], { query: 'sensor' }),
  'GET /api/engagements/:id/patents/:corpusId/:number': get(`/patents/${someId}/US1234567B2`, [[parties, []]]),
  'POST /api/engagements/:id/patent-charts': write('POST', '/patent-charts', [[parties, []]], {
    corpusId: someId,
    patent: 'US1234567B2',
    claim: 1,
    documents: ['US7654321B2'],
  }),
  'GET /api/engagements/:id/patent-searches': get('/patent-searches', [[parties, []]]),
  'POST /api/engagements/:id/patent-searches': write('POST', '/patent-searches', [[providerTeam, []]], {
    title: 'S',
    steps: [{ query: 'sensor' }],
  }),
  'GET /api/engagements/:id/patent-searches/:searchId': get(`/patent-searches/${someId}`, [[parties, []]]),
  'POST /api/engagements/:id/patent-searches/:searchId/versions': write(
    'POST',
    `/patent-searches/${someId}/versions`,
    [[providerTeam, []]],
    {
      baseVersion: 1,
      steps: [{ query: 'sensor' }],
    },
  ),
  'POST /api/engagements/:id/patent-searches/:searchId/steps': write('POST', `/patent-searches/${someId}/steps`, [[providerTeam, []]], {
    baseVersion: 1,
    step: { query: 'sensor' },
  }),
  // Market sizing and the competitor matrix (#11): both sides read them, the provider's team edits.
  'GET /api/engagements/:id/sizings': get('/sizings', readWork),
  'POST /api/engagements/:id/sizings': write('POST', '/sizings', [[providerTeam, []]], { sizing: demoSizing }),
  'GET /api/engagements/:id/sizings/:sizingId': get(`/sizings/${someId}`, readWork),
  'POST /api/engagements/:id/sizings/:sizingId/versions': write('POST', `/sizings/${someId}/versions`, [[providerTeam, []]], {
    baseVersion: 1,
    sizing: demoSizing,
  }),
  'GET /api/engagements/:id/competitor-matrices': get('/competitor-matrices', readWork),
  'POST /api/engagements/:id/competitor-matrices': write('POST', '/competitor-matrices', [[providerTeam, []]], {
    matrix: demoCompetitors,
  }),
  'GET /api/engagements/:id/competitor-matrices/:matrixId': get(`/competitor-matrices/${someId}`, readWork),
  'POST /api/engagements/:id/competitor-matrices/:matrixId/versions': write(
    'POST',
    `/competitor-matrices/${someId}/versions`,
    [[providerTeam, []]],
    { baseVersion: 1, matrix: demoCompetitors },
  ),
  // Deliverables (#10): both teams read them, the quality settings and the rubric; the provider's team submits and
  // checks versions while the work is in progress; the client's lead decides while it is under way or delivered.
  'GET /api/engagements/:id/deliverables': get('/deliverables', readWork),
  'POST /api/engagements/:id/deliverables': write('POST', '/deliverables', [[providerTeam, ['in_progress']]]),
  'GET /api/engagements/:id/deliverables/:deliverableId': get(d, readWork),
  'GET /api/engagements/:id/deliverables/:deliverableId/versions/:version/patent-report.pdf': get(
    `${d}/versions/1/patent-report.pdf`,
    readWork,
  ),
  'GET /api/engagements/:id/deliverables/:deliverableId/versions/:version/patent-report.xlsx': get(
    `${d}/versions/1/patent-report.xlsx`,
    readWork,
  ),
  'POST /api/engagements/:id/deliverables/:deliverableId/check': write('POST', `${d}/check`, [[providerTeam, ['in_progress']]]),
  'POST /api/engagements/:id/deliverables/:deliverableId/versions': write('POST', `${d}/versions`, [[providerTeam, ['in_progress']]]),
  // The guard lets the client's leads and members review while the work is under way or delivered; the service then
  // takes only a reviewer on the team (a lead who is not one: 403 not_a_reviewer). A well-formed review reaches it.
  'POST /api/engagements/:id/deliverables/:deliverableId/versions/:version/reviews': write(
    'POST',
    `${d}/versions/1/reviews`,
    [[(s) => (s === 'in_progress' || s === 'delivered' ? ['A:reviewer'] : clientWorkers), ['in_progress', 'delivered']]],
    { scores: {}, decision: 'accept' },
  ),
  'POST /api/engagements/:id/deliverables/:deliverableId/versions/:version/decision': write(
    'POST',
    `${d}/versions/1/decision`,
    [[fixed(clientLeads), ['in_progress', 'delivered']]],
    { decision: 'accept' },
  ),
  'GET /api/engagements/:id/quality': get('/quality', readWork),
  'PUT /api/engagements/:id/quality': write('PUT', '/quality', [[fixed(clientLeads), NOT_ENDED]]),
  'GET /api/engagements/:id/rubric': get('/rubric', readWork),
  'GET /api/engagements/:id/rubrics/:rubricId/versions/:version': get(`/rubrics/${someId}/versions/1`, readWork),
  // Scores, reviewers and agreement are the client's internal review: never the provider's.
  'GET /api/engagements/:id/agreement': get('/agreement', [[fixed(clientAll), ALL]]),
  // Gold checks are the client's secret: its people read them, its lead plants and withdraws them; no provider, ever.
  'GET /api/engagements/:id/gold': get('/gold', [[fixed(clientAll), ALL]]),
  // Time (#14): the client's working people (not its read-only observers) log from the brief on, the provider's team from the award until acceptance;
  // everyone on it reads (each side its own people: time.test.ts); the hidden cost is the client's alone.
  'POST /api/engagements/:id/time-entries': write('POST', '/time-entries', [
    [fixed(clientWorkers), ALL],
    [providerTeam, [...WORKING, 'accepted']],
  ]),
  'POST /api/engagements/:id/time-entries/import': write('POST', '/time-entries/import', [
    [fixed(clientWorkers), ALL],
    [providerTeam, [...WORKING, 'accepted']],
  ]),
  'GET /api/engagements/:id/time-entries': get('/time-entries', readWork),
  // Suggested entries (#14 point 1): accepting one is logging one's own time; dismissing it is its writer's too.
  'POST /api/engagements/:id/time-suggestions/accept': write('POST', '/time-suggestions/accept', [
    [fixed(clientWorkers), ALL],
    [providerTeam, [...WORKING, 'accepted']],
  ]),
  'POST /api/engagements/:id/time-suggestions/dismiss': write('POST', '/time-suggestions/dismiss', [
    [fixed(clientWorkers), ALL],
    [providerTeam, [...WORKING, 'accepted']],
  ]),
  'GET /api/engagements/:id/hidden-cost': get('/hidden-cost', [[fixed(clientAll), ALL]]),
  'POST /api/engagements/:id/gold': write('POST', '/gold', [[fixed(clientLeads), NOT_ENDED]]),
  'POST /api/engagements/:id/gold/:goldId/withdraw': write(
    'POST',
    `/gold/${someId}/withdraw`,
    [[fixed(clientLeads), NOT_ENDED]],
    undefined,
  ),
};

const signedIn = principals.filter((p) => p !== 'anonymous');
const allOfA: Principal[] = ['A:client_admin', 'A:owner', 'A:reviewer', 'A:reviewer_off', 'A:finance', 'A:auditor'];
const adminOfA: Principal[] = ['A:client_admin', 'op:platform_admin'];
const auditorsOfA: Principal[] = ['A:client_admin', 'A:auditor', 'op:platform_admin', 'op:auditor'];
const clientsAndProviders = signedIn.filter((p) => !p.startsWith('op:'));
const engagementCreators: Principal[] = ['A:client_admin', 'A:owner', 'B:client_admin'];
/** Each client organisation's admins; its people who review or decide (an owner, a reviewer on a team or off it). */
const clientAdmins: Principal[] = ['A:client_admin', 'B:client_admin'];
const clientReviewers: Principal[] = ['A:client_admin', 'A:owner', 'A:reviewer', 'A:reviewer_off', 'B:client_admin'];
const providerPeople: Principal[] = [
  'W:provider_admin',
  'W:delivery_manager',
  'W:analyst',
  'W:analyst_off',
  'W:auditor',
  'L:delivery_manager',
  'dual@L',
  'dual@W',
];

/** Routes that are not about one engagement: called once. */
const orgMatrix: Record<string, OrgCall> = {
  'GET /api/health': { method: 'GET', path: () => '/api/health', allowed: [...principals] },
  'GET /api/openapi.json': { method: 'GET', path: () => '/api/openapi.json', allowed: [...principals] },
  'GET /api/docs': { method: 'GET', path: () => '/api/docs', allowed: [...principals] },
  'GET /api/docs/init.js': { method: 'GET', path: () => '/api/docs/init.js', allowed: [...principals] },
  'GET /api/docs/swagger-ui.css': { method: 'GET', path: () => '/api/docs/swagger-ui.css', allowed: [...principals] },
  'GET /api/docs/swagger-ui-bundle.js': { method: 'GET', path: () => '/api/docs/swagger-ui-bundle.js', allowed: [...principals] },
  'POST /api/session': { method: 'POST', path: () => '/api/session', body: {}, allowed: [...principals] },
  'GET /api/session': { method: 'GET', path: () => '/api/session', allowed: signedIn },
  'PUT /api/session/organization': { method: 'PUT', path: () => '/api/session/organization', body: {}, allowed: signedIn },
  'PATCH /api/session/profile': { method: 'PATCH', path: () => '/api/session/profile', body: {}, allowed: signedIn },
  'PUT /api/session/password': { method: 'PUT', path: () => '/api/session/password', body: {}, allowed: signedIn },
  'GET /api/organizations': { method: 'GET', path: () => '/api/organizations', allowed: ['op:platform_admin', 'op:auditor'] },
  'POST /api/organizations': { method: 'POST', path: () => '/api/organizations', body: {}, allowed: ['op:platform_admin'] },
  'GET /api/organizations/:orgId': { method: 'GET', path: ({ a }) => `/api/organizations/${a}`, allowed: [...allOfA, 'op:platform_admin'] },
  'PATCH /api/organizations/:orgId': { method: 'PATCH', path: ({ a }) => `/api/organizations/${a}`, body: {}, allowed: adminOfA },
  'GET /api/organizations/:orgId/members': {
    method: 'GET',
    path: ({ a }) => `/api/organizations/${a}/members`,
    allowed: [...allOfA, 'op:platform_admin'],
  },
  // The operator onboards administrators; it does not change or remove a client's people.
  'PUT /api/organizations/:orgId/members/:userId/roles': {
    method: 'PUT',
    path: ({ a }) => `/api/organizations/${a}/members/${randomUUID()}/roles`,
    body: {},
    allowed: ['A:client_admin'],
  },
  'DELETE /api/organizations/:orgId/members/:userId': {
    method: 'DELETE',
    path: ({ a }) => `/api/organizations/${a}/members/${randomUUID()}`,
    allowed: ['A:client_admin'],
  },
  'GET /api/organizations/:orgId/invitations': { method: 'GET', path: ({ a }) => `/api/organizations/${a}/invitations`, allowed: adminOfA },
  'POST /api/organizations/:orgId/invitations': {
    method: 'POST',
    path: ({ a }) => `/api/organizations/${a}/invitations`,
    body: {},
    allowed: adminOfA,
  },
  'DELETE /api/organizations/:orgId/invitations/:invitationId': {
    method: 'DELETE',
    path: ({ a }) => `/api/organizations/${a}/invitations/${randomUUID()}`,
    allowed: adminOfA,
  },
  'POST /api/invitations/preview': { method: 'POST', path: () => '/api/invitations/preview', body: {}, allowed: [...principals] },
  'POST /api/invitations/accept': { method: 'POST', path: () => '/api/invitations/accept', body: {}, allowed: [...principals] },
  'GET /api/tokens': { method: 'GET', path: () => '/api/tokens', allowed: signedIn },
  'POST /api/tokens': { method: 'POST', path: () => '/api/tokens', body: {}, allowed: signedIn },
  'DELETE /api/tokens/:tokenId': { method: 'DELETE', path: () => `/api/tokens/${randomUUID()}`, allowed: signedIn },
  'GET /api/audit-events': { method: 'GET', path: ({ a }) => `/api/audit-events?orgId=${a}`, allowed: auditorsOfA },
  'GET /api/audit-events/export': { method: 'GET', path: ({ a }) => `/api/audit-events/export?orgId=${a}`, allowed: auditorsOfA },
  // An organisation's admins and auditors check its events; the operator's, any organisation's (or the whole chain).
  'POST /api/audit-events/verify': { method: 'POST', path: ({ a }) => `/api/audit-events/verify?orgId=${a}`, allowed: auditorsOfA },
  'GET /api/engagements': { method: 'GET', path: () => '/api/engagements', allowed: clientsAndProviders },
  'POST /api/engagements': { method: 'POST', path: () => '/api/engagements', body: {}, allowed: engagementCreators },
  'GET /api/providers': { method: 'GET', path: () => '/api/providers', allowed: engagementCreators },
  // A client's people who weigh providers; a provider's managers (their own record). Never an analyst or a reviewer.
  'GET /api/providers/scorecards': {
    method: 'GET',
    path: () => '/api/providers/scorecards',
    allowed: ['A:client_admin', 'A:owner', 'A:finance', 'A:auditor', 'B:client_admin', ...winnerManagers, ...loserManagers],
  },
  'GET /api/organizations/:orgId/webhooks': {
    method: 'GET',
    path: ({ a }) => `/api/organizations/${a}/webhooks`,
    allowed: ['A:client_admin'],
  },
  'POST /api/organizations/:orgId/webhooks': {
    method: 'POST',
    path: ({ a }) => `/api/organizations/${a}/webhooks`,
    body: {},
    allowed: ['A:client_admin'],
  },
  'DELETE /api/organizations/:orgId/webhooks/:webhookId': {
    method: 'DELETE',
    path: ({ a }) => `/api/organizations/${a}/webhooks/${someId}`,
    allowed: ['A:client_admin'],
  },
  'POST /api/organizations/:orgId/webhooks/:webhookId/ping': {
    method: 'POST',
    path: ({ a }) => `/api/organizations/${a}/webhooks/${someId}/ping`,
    allowed: ['A:client_admin'],
  },
  // Conflict walls: each provider person declares their own; a client's restricted list is its admins' alone.
  'GET /api/conflict-declarations': { method: 'GET', path: () => '/api/conflict-declarations', allowed: providerPeople },
  'PUT /api/conflict-declarations': { method: 'PUT', path: () => '/api/conflict-declarations', body: {}, allowed: providerPeople },
  'GET /api/organizations/:orgId/restricted-list': {
    method: 'GET',
    path: ({ a }) => `/api/organizations/${a}/restricted-list`,
    allowed: ['A:client_admin'],
  },
  'PUT /api/organizations/:orgId/restricted-list': {
    method: 'PUT',
    path: ({ a }) => `/api/organizations/${a}/restricted-list`,
    body: {},
    allowed: ['A:client_admin'],
  },
  // Review (#10): a client's people who review or decide see their queue, take calibration rounds (a round they are
  // not in is not found) and read the rubric templates; its admins keep the templates, start rounds and see who drifts.
  'GET /api/reviews/queue': { method: 'GET', path: () => '/api/reviews/queue', allowed: clientReviewers },
  'GET /api/rubrics': { method: 'GET', path: () => '/api/rubrics', allowed: [...allOfA, 'B:client_admin'] },
  'POST /api/rubrics': { method: 'POST', path: () => '/api/rubrics', body: {}, allowed: clientAdmins },
  'GET /api/calibration/rounds': { method: 'GET', path: () => '/api/calibration/rounds', allowed: clientReviewers },
  'POST /api/calibration/rounds': { method: 'POST', path: () => '/api/calibration/rounds', body: {}, allowed: clientAdmins },
  'GET /api/calibration/rounds/:roundId': {
    method: 'GET',
    path: () => `/api/calibration/rounds/${randomUUID()}`,
    allowed: clientReviewers,
  },
  'POST /api/calibration/rounds/:roundId/scores': {
    method: 'POST',
    path: () => `/api/calibration/rounds/${randomUUID()}/scores`,
    body: {},
    allowed: clientReviewers,
  },
  'GET /api/calibration/drift': { method: 'GET', path: () => '/api/calibration/drift', allowed: clientAdmins },
  // Time (#14): a provider person's week and load are theirs and their managers' (never a client's); approving is
  // for the managers, never one's own week. The 36 agreement is the provider's; internal rates its client's admins'.
  'GET /api/organizations/:orgId/people/:userId/timesheets/:week': {
    method: 'GET',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/timesheets/2026-03-30`,
    allowed: ['W:analyst', ...winnerManagers],
  },
  'POST /api/organizations/:orgId/people/:userId/timesheets/:week/submit': {
    method: 'POST',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/timesheets/2026-03-30/submit`,
    body: {},
    allowed: ['W:analyst', ...winnerManagers],
  },
  'POST /api/organizations/:orgId/people/:userId/timesheets/:week/approve': {
    method: 'POST',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/timesheets/2026-03-30/approve`,
    body: {},
    allowed: winnerManagers,
  },
  'POST /api/organizations/:orgId/people/:userId/timesheets/:week/return': {
    method: 'POST',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/timesheets/2026-03-30/return`,
    body: {},
    allowed: winnerManagers,
  },
  // Suggestions come from a person's own acts: theirs alone, not even their managers' (decision 0011).
  'GET /api/organizations/:orgId/people/:userId/time-suggestions/:week': {
    method: 'GET',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/time-suggestions/2026-03-30`,
    allowed: ['W:analyst'],
  },
  'GET /api/organizations/:orgId/timesheets': {
    method: 'GET',
    path: ({ w }) => `/api/organizations/${w}/timesheets`,
    allowed: winnerManagers,
  },
  'POST /api/organizations/:orgId/timesheets/approve': {
    method: 'POST',
    path: ({ w }) => `/api/organizations/${w}/timesheets/approve`,
    body: {},
    allowed: winnerManagers,
  },
  // Strain signals are a person's load: theirs and their managers', never a client's.
  'GET /api/organizations/:orgId/people/:userId/strain': {
    method: 'GET',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/strain`,
    allowed: ['W:analyst', ...winnerManagers],
  },
  'GET /api/organizations/:orgId/people/:userId/load': {
    method: 'GET',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/load`,
    allowed: ['W:analyst', ...winnerManagers],
  },
  'GET /api/organizations/:orgId/overtime-agreement': {
    method: 'GET',
    path: ({ w }) => `/api/organizations/${w}/overtime-agreement`,
    allowed: ['W:provider_admin', 'W:delivery_manager', 'W:analyst', 'W:analyst_off', 'W:auditor', 'dual@W'],
  },
  'PUT /api/organizations/:orgId/overtime-agreement': {
    method: 'PUT',
    path: ({ w }) => `/api/organizations/${w}/overtime-agreement`,
    body: {},
    allowed: ['W:provider_admin'],
  },
  'GET /api/organizations/:orgId/internal-rates': {
    method: 'GET',
    path: ({ a }) => `/api/organizations/${a}/internal-rates`,
    allowed: ['A:client_admin', 'A:finance'],
  },
  'GET /api/organizations/:orgId/hidden-cost': {
    method: 'GET',
    path: ({ a }) => `/api/organizations/${a}/hidden-cost`,
    allowed: ['A:client_admin', 'A:finance'],
  },
  'PUT /api/organizations/:orgId/internal-rates': {
    method: 'PUT',
    path: ({ a }) => `/api/organizations/${a}/internal-rates`,
    body: {},
    allowed: ['A:client_admin'],
  },
  // Capacity (#14): a provider person's contracted hours, leave and board row are theirs and their managers' (never a
  // client's); the managers alone set contracted hours and plans, and see the whole provider's board.
  'GET /api/organizations/:orgId/people/:userId/capacity': {
    method: 'GET',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/capacity`,
    allowed: ['W:analyst', ...winnerManagers],
  },
  'PUT /api/organizations/:orgId/people/:userId/capacity': {
    method: 'PUT',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/capacity`,
    body: {},
    allowed: winnerManagers,
  },
  'POST /api/organizations/:orgId/people/:userId/leave': {
    method: 'POST',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/leave`,
    body: {},
    allowed: ['W:analyst', ...winnerManagers],
  },
  'DELETE /api/organizations/:orgId/people/:userId/leave/:leaveId': {
    method: 'DELETE',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/leave/${randomUUID()}`,
    allowed: ['W:analyst', ...winnerManagers],
  },
  'PUT /api/organizations/:orgId/people/:userId/allocations': {
    method: 'PUT',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/allocations`,
    body: {},
    allowed: winnerManagers,
  },
  'POST /api/organizations/:orgId/people/:userId/allocations/preview': {
    method: 'POST',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/allocations/preview`,
    body: {},
    allowed: winnerManagers,
  },
  'GET /api/organizations/:orgId/people/:userId/capacity-board': {
    method: 'GET',
    path: ({ w, user }) => `/api/organizations/${w}/people/${user('W:analyst')}/capacity-board`,
    allowed: ['W:analyst', ...winnerManagers],
  },
  'GET /api/organizations/:orgId/capacity-board': {
    method: 'GET',
    path: ({ w }) => `/api/organizations/${w}/capacity-board`,
    allowed: winnerManagers,
  },
  'GET /api/notifications': { method: 'GET', path: () => '/api/notifications', allowed: signedIn },
  'POST /api/notifications/read': { method: 'POST', path: () => '/api/notifications/read', body: {}, allowed: signedIn },
  // Signing out ends the session the other calls use: it runs last (object order is kept).
  'DELETE /api/session': { method: 'DELETE', path: () => '/api/session', allowed: signedIn },
};

/** What a reply means for the matrix. A hidden engagement (404 engagement_not_found) is a refusal. */
function outcomeOf(reply: Reply): Outcome | 'error' {
  if (reply.status >= 500) return 'error';
  const reason = (reply.body as { error?: { code?: string; reason?: string } } | null)?.error;
  if (reply.status === 401 || reply.status === 403) return 'denied';
  if (reply.status === 404 && reason?.reason === 'engagement_not_found') return 'denied';
  if (reply.status === 409 && reason?.code === 'invalid_state') return 'state';
  return 'ok';
}

function expected(call: EngagementCall, principal: Principal, state: State): Outcome {
  const grants = call.grants.filter(([who]) => who(state).includes(principal));
  if (grants.length === 0) return 'denied';
  return grants.some(([, when]) => when.includes(statusOf(state))) ? 'ok' : 'state';
}

describeEachDatabase('access: every route, every principal, every engagement state', (backend) => {
  const kit = useTestKit(backend);
  const as = new Map<Principal, TestClient>();
  const engagementIn = new Map<State, string>();
  let orgA = '';
  let orgW = '';
  const userIds = new Map<Principal, string>();
  let size = 0;
  const client = (p: Principal): TestClient => {
    const c = as.get(p);
    if (!c) throw new Error(`no client for ${p}`);
    return c;
  };

  /** Takes a fresh engagement of A to a state through the API, checking every step. */
  async function engagementAt(state: State, people: { reviewer: string; analyst: string }, orgs: { W: string; L: string }) {
    const owner = client('A:owner');
    const manager = client('W:delivery_manager');
    const ok = async <T>(reply: Promise<Reply<T>>, step: string): Promise<T> => {
      const r = await reply;
      if (r.status >= 300) throw new Error(`${state}: ${step} answered ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const e = await ok(
      owner.post<EngagementView>('/api/engagements', brief({ type: 'financial_modeling', codeName: `MATRIX-${state}` })),
      'create',
    );
    const id = e.id;
    const version = async () => (await ok(owner.get<EngagementView>(`/api/engagements/${id}`), 'read')).version;
    const move = async (action: string, by = owner, reason?: string) =>
      ok(by.post(`/api/engagements/${id}/transitions`, { action, version: await version(), ...(reason && { reason }) }), action);
    await ok(owner.post(`/api/engagements/${id}/providers`, { providerOrgIds: [orgs.W, orgs.L] }), 'invite');
    await ok(owner.post(`/api/engagements/${id}/team`, { userId: people.reviewer, role: 'reviewer' }), 'reviewer');
    if (state === 'draft') return id;
    await move('request');
    if (state === 'requested') return id;
    const plan = proposal(2_000_000, {
      milestones: [{ key: 'all', title: 'All of it', dueDate: '2026-06-30', weight: 100, deliverables: ['Model'] }],
    });
    const draft = await ok(manager.put<ProposalView>(`/api/engagements/${id}/proposal`, { proposal: plan, version: 0 }), 'propose');
    const bid = await ok(manager.post<ProposalView>(`/api/engagements/${id}/proposal/submit`, { version: draft.version }), 'submit');
    if (state === 'proposing') return id;
    if (state === 'cancelled_bidding') {
      await move('cancel', owner, 'The launch moved to next year.');
      return id;
    }
    await ok(owner.post(`/api/engagements/${id}/award`, { proposalId: bid.id, version: await version() }), 'award');
    await ok(manager.post(`/api/engagements/${id}/team`, { userId: people.analyst, role: 'analyst' }), 'analyst');
    if (state === 'contracted') return id;
    await ok(owner.post(`/api/engagements/${id}/sow/approve`, { version: 1 }), 'client approves');
    await ok(manager.post(`/api/engagements/${id}/sow/approve`, { version: 1 }), 'provider approves');
    await move('start', manager);
    if (state === 'in_progress') return id;
    if (state === 'on_hold') {
      await move('hold', owner, 'Budget review.');
      return id;
    }
    if (state === 'cancelled') {
      await move('cancel', owner, 'The deal fell through.');
      return id;
    }
    const [milestone] = await ok(client('W:analyst').get<{ id: string }[]>(`/api/engagements/${id}/milestones`), 'milestones');
    await ok(client('W:analyst').post(`/api/engagements/${id}/milestones/${milestone?.id}/progress`, { action: 'submit' }), 'submit work');
    await move('deliver', manager);
    if (state === 'delivered') return id;
    await ok(owner.post(`/api/engagements/${id}/milestones/${milestone?.id}/decision`, { action: 'accept' }), 'accept work');
    await move('accept');
    if (state === 'accepted') return id;
    await move('close');
    return id;
  }

  beforeAll(async () => {
    const { rt, app } = kit();
    const orgs = {
      A: await makeOrg(rt, 'client'),
      B: await makeOrg(rt, 'client'),
      W: await makeOrg(rt, 'provider'),
      L: await makeOrg(rt, 'provider'),
      op: await makeOrg(rt, 'operator'),
    };
    orgA = orgs.A.id;
    orgW = orgs.W.id;
    const users = new Map<Principal, string>();
    const dual = await makeUser(rt, orgs.L.id, ['delivery_manager']);
    await rt.database.db
      .insertInto('memberships')
      .values({ user_id: dual.id, org_id: orgs.W.id, roles: ['analyst'], created_at: rt.clock.now() })
      .execute();
    for (const principal of principals) {
      const c = new TestClient(app.app, `10.1.${as.size}.1`);
      as.set(principal, c);
      if (principal === 'anonymous') continue;
      if (principal === 'dual@L' || principal === 'dual@W') {
        expect((await c.login(dual.email)).status).toBe(200);
        const switched = await c.put('/api/session/organization', { orgId: principal === 'dual@L' ? orgs.L.id : orgs.W.id });
        expect(switched.status).toBe(200);
        users.set(principal, dual.id);
        continue;
      }
      const [org, name] = principal.split(':') as [keyof typeof orgs, string];
      const role = (name === 'owner' ? 'engagement_owner' : name.replace('_off', '')) as Role;
      const user = await makeUser(rt, orgs[org].id, [role]);
      users.set(principal, user.id);
      expect((await c.login(user.email)).status).toBe(200);
    }
    for (const [p, id] of users) userIds.set(p, id);
    for (const state of states) {
      engagementIn.set(
        state,
        await engagementAt(
          state,
          { reviewer: users.get('A:reviewer') ?? '', analyst: users.get('W:analyst') ?? '' },
          {
            W: orgs.W.id,
            L: orgs.L.id,
          },
        ),
      );
    }
  });

  it('every registered API route declares a policy and has a row in the matrix', () => {
    const { app } = kit();
    const registered = app.app.routes.filter((r) => r.path.startsWith('/api') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    const unguarded = [...new Set(registered)].filter((key) => !app.policies.has(key));
    expect(unguarded).toEqual([]);
    const missing = [...app.policies.keys()].filter((key) => !(key in engagementMatrix) && !(key in orgMatrix));
    expect(missing).toEqual([]);
    expect(Object.keys(engagementMatrix).filter((k) => k in orgMatrix)).toEqual([]);
  });

  it('the matrix visits every engagement status and holds someone of every role', () => {
    expect([...new Set(states.map(statusOf))].sort()).toEqual([...engagementStatuses].sort());
    const rolesHeld = new Set(
      principals.flatMap((p) => {
        if (p === 'anonymous') return [];
        if (p.startsWith('dual@')) return ['delivery_manager', 'analyst'];
        const name = p.split(':')[1] ?? '';
        return [name === 'owner' ? 'engagement_owner' : name.replace('_off', '')];
      }),
    );
    expect(roles.filter((r) => !rolesHeld.has(r))).toEqual([]);
  });

  it('every engagement state is reached by its fixture', async () => {
    for (const state of states) {
      const view = (await client('A:owner').get<EngagementView>(`/api/engagements/${engagementIn.get(state)}`)).body;
      expect(view.status, state).toBe(statusOf(state));
    }
  });

  // Thousands of calls: minutes on a busy machine, so no ordinary test timeout.
  it('on an engagement in every state, each principal is allowed, refused, or told the state, exactly as written', {
    timeout: 600_000,
  }, async () => {
    const mismatches: string[] = [];
    for (const state of matrixStatesFor(backend)) {
      const id = engagementIn.get(state) ?? '';
      for (const [key, call] of Object.entries(engagementMatrix)) {
        for (const principal of principals) {
          const reply = await client(principal).request(call.method, call.path(id), call.body);
          size++;
          const got = outcomeOf(reply);
          const want = principal === 'anonymous' ? 'denied' : expected(call, principal, state);
          if (got !== want)
            mismatches.push(
              `${state} ${key} as ${principal}: want ${want}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 140)}`,
            );
          if (principal === 'anonymous' && reply.status !== 401)
            mismatches.push(`${state} ${key} anonymously: want 401, got ${reply.status}`);
        }
      }
    }
    console.info(
      `authorization matrix [${backend}]: ${Object.keys(engagementMatrix).length} engagement routes × ${principals.length} principals × ${matrixStatesFor(backend).length} states = ${size} calls`,
    );
    expect(mismatches).toEqual([]);
  });

  it('the list shows an engagement exactly to those who may open it, and a lost bid only as its outcome', async () => {
    const problems: string[] = [];
    for (const principal of principals) {
      if (principal === 'anonymous' || principal.startsWith('op:')) continue;
      const list = await client(principal).get<EngagementList>('/api/engagements?limit=200');
      const listed = new Map(list.body.items.map((i) => [i.id, i]));
      for (const state of states) {
        const id = engagementIn.get(state) ?? '';
        const opens = anyone(state).includes(principal);
        if (listed.has(id) !== opens) problems.push(`${principal} ${state}: listed ${listed.has(id)}, may open ${opens}`);
        const row = listed.get(id);
        if (!row) continue;
        if (formerBidders(state).includes(principal)) {
          if (
            row.status !== null ||
            row.bidOutcome === null ||
            row.provider !== null ||
            row.progressPct !== null ||
            row.riskFlags.length > 0
          )
            problems.push(`${principal} ${state}: a lost bid shows ${JSON.stringify(row)}`);
        } else if (row.bidOutcome !== null) problems.push(`${principal} ${state}: an outcome on a live row`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('counts the matrix', () => {
    expect(size).toBe(Object.keys(engagementMatrix).length * principals.length * matrixStatesFor(backend).length);
    // Org-level routes run below, once: they do not depend on any engagement.
  });

  // Some 1,500 calls one after the other: on a busy machine they take longer than the default 30 s.
  it('routes outside an engagement: each principal is allowed exactly where written, refused elsewhere', { timeout: 180_000 }, async () => {
    const mismatches: string[] = [];
    for (const [key, call] of Object.entries(orgMatrix)) {
      for (const principal of principals) {
        const reply = await client(principal).request(
          call.method,
          call.path({ a: orgA, w: orgW, user: (p) => userIds.get(p) ?? '' }),
          call.body,
        );
        const got = outcomeOf(reply);
        const want: Outcome = call.allowed.includes(principal) ? 'ok' : 'denied';
        if (got !== want)
          mismatches.push(`${key} as ${principal}: want ${want}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 140)}`);
        if (want === 'denied' && principal === 'anonymous' && reply.status !== 401)
          mismatches.push(`${key} anonymously: want 401, got ${reply.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
