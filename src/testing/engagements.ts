import { expect } from 'vitest';
import type { CreateEngagementRequest, EngagementView, ProposalInput, ProposalView } from '../shared/contracts/engagements.js';
import { makeOrg, makeUser } from './factories.js';
import { TestClient } from './http.js';
import type { TestKit } from './runtime.js';

export const brief = (overrides: Partial<CreateEngagementRequest> = {}): CreateEngagementRequest => ({
  type: 'market_research',
  title: '新製品の市場調査 (launch market research)',
  codeName: null,
  objectives: 'Size the market and the competition before launch.',
  scope: 'Japan, B2C, 2026–2030.',
  expectedDeliverables: ['Market sizing (TAM/SAM/SOM)', 'Competitor matrix'],
  classification: 'confidential',
  budget: { amount: 5_000_000, currency: 'JPY' },
  targetStart: '2026-04-06',
  targetEnd: '2026-06-30',
  ...overrides,
});

export const proposal = (amount = 3_000_000, overrides: Partial<ProposalInput> = {}): ProposalInput => ({
  approach: 'Desk research, then a survey of 1,000 consumers.',
  team: [{ role: 'Lead analyst', name: '佐藤', hoursPerWeek: 20 }],
  milestones: [
    { key: 'desk', title: 'Desk research', dueDate: '2026-04-30', weight: 30, deliverables: ['Desk memo'] },
    { key: 'survey', title: 'Survey', dueDate: '2026-05-29', weight: 30, deliverables: ['Survey data'] },
    { key: 'report', title: 'Final report', dueDate: '2026-06-30', weight: 40, deliverables: ['Report'] },
  ],
  fee: { type: 'fixed', amount: { amount, currency: 'JPY' } },
  assumptions: 'Client provides sales data within a week.',
  cadenceDays: 7,
  ...overrides,
});

/** A client and two providers with people in every role, each signed in on a client of its own. */
export async function parties(kit: TestKit) {
  const { rt, app } = kit;
  const client = await makeOrg(rt, 'client');
  const p1 = await makeOrg(rt, 'provider');
  const p2 = await makeOrg(rt, 'provider');
  const people = {
    owner: await makeUser(rt, client.id, ['engagement_owner']),
    reviewer: await makeUser(rt, client.id, ['reviewer']),
    otherOwner: await makeUser(rt, client.id, ['engagement_owner']),
    finance: await makeUser(rt, client.id, ['finance']),
    p1Manager: await makeUser(rt, p1.id, ['delivery_manager']),
    p1Analyst: await makeUser(rt, p1.id, ['analyst']),
    p1Other: await makeUser(rt, p1.id, ['analyst']),
    p2Manager: await makeUser(rt, p2.id, ['delivery_manager']),
  };
  const as: Record<keyof typeof people, TestClient> = {} as never;
  let n = 0;
  for (const [key, person] of Object.entries(people) as [keyof typeof people, { email: string }][]) {
    as[key] = new TestClient(app.app, `10.20.${n++}.1`);
    await as[key].login(person.email);
  }
  return { orgs: { client, p1, p2 }, people, as };
}

/** An engagement awarded to provider 1 (provider 2 also bid), SOW approved by both, work started, p1's analyst assigned. */
export async function engagementInProgress(k: TestKit, overrides: Partial<CreateEngagementRequest> = {}) {
  const p = await parties(k);
  const { orgs, people, as } = p;
  const e = (await as.owner.post<EngagementView>('/api/engagements', brief(overrides))).body;
  await as.owner.post(`/api/engagements/${e.id}/providers`, { providerOrgIds: [orgs.p1.id, orgs.p2.id] });
  await as.owner.post(`/api/engagements/${e.id}/transitions`, { action: 'request', version: e.version });
  const draft = await as.p1Manager.put<ProposalView>(`/api/engagements/${e.id}/proposal`, { proposal: proposal(), version: 0 });
  const bid = (await as.p1Manager.post<ProposalView>(`/api/engagements/${e.id}/proposal/submit`, { version: draft.body.version })).body;
  let view = (await as.owner.get<EngagementView>(`/api/engagements/${e.id}`)).body;
  view = (await as.owner.post<EngagementView>(`/api/engagements/${e.id}/award`, { proposalId: bid.id, version: view.version })).body;
  await as.owner.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
  await as.p1Manager.post(`/api/engagements/${e.id}/sow/approve`, { version: 1 });
  await as.p1Manager.post(`/api/engagements/${e.id}/transitions`, { action: 'start', version: view.version });
  expect((await as.p1Manager.post(`/api/engagements/${e.id}/team`, { userId: people.p1Analyst.id, role: 'analyst' })).status).toBe(200);
  return { ...p, id: e.id };
}
