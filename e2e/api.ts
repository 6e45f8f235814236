import type { EngagementType, EngagementView, ProposalView } from '../src/shared/contracts/engagements.js';
import { baseUrl, DEMO_PASSWORD } from './support.js';

/** Demo people the API-built engagements use. */
export const OWNER = 'owner@marunouchi-capital.example';
export const MANAGER = 'manager@knowledge-bridge.example';
export const ANALYST = 'analyst2@knowledge-bridge.example';

/** A person signed in through the API from the test process. */
export class ApiSession {
  private constructor(
    readonly cookie: string,
    readonly csrfToken: string,
    readonly userId: string,
    readonly orgId: string,
  ) {}

  static async of(email: string): Promise<ApiSession> {
    const response = await fetch(`${baseUrl()}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (!response.ok) throw new Error(`Signing in ${email} failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const session = (await response.json()) as { csrfToken: string; user: { id: string }; activeOrgId: string };
    return new ApiSession(cookie, session.csrfToken, session.user.id, session.activeOrgId);
  }

  async send<T>(method: string, path: string, body?: unknown, raw?: Uint8Array): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { accept: 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrfToken };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (raw) headers['content-type'] = 'application/octet-stream';
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : raw ? { body: raw } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** The request must succeed: the setup is not what this journey tests. */
  async ok<T>(method: string, path: string, body?: unknown, raw?: Uint8Array): Promise<T> {
    const answer = await this.send<T>(method, path, body, raw);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}

/**
 * An engagement of the demo's client, awarded to the demo's provider, in progress — with the analyst on
 * the team unless `withAnalyst` is false; `owner` names another client's owner (keeping its events out of
 * the demo client's audit log). A journey that needs its own engagement (the demo server is
 * shared by every journey of the run) builds it with this.
 */
export async function engagementInProgress(
  title: string,
  options: { withAnalyst?: boolean; owner?: string; type?: EngagementType; targetEnd?: string } = {},
) {
  const targetEnd = options.targetEnd ?? '2026-06-30';
  const owner = await ApiSession.of(options.owner ?? OWNER);
  const manager = await ApiSession.of(MANAGER);
  const analyst = await ApiSession.of(ANALYST);
  const e = await owner.ok<EngagementView>('POST', '/api/engagements', {
    type: options.type ?? 'market_research',
    title,
    codeName: null,
    objectives: '事業承継を検討する顧客の意向を把握する。',
    scope: '国内の既存顧客 30 社への聞き取り。',
    expectedDeliverables: ['聞き取り結果の要約'],
    classification: 'confidential',
    budget: { amount: 2_000_000, currency: 'JPY' },
    targetStart: '2026-04-06',
    targetEnd,
  });
  const path = `/api/engagements/${e.id}`;
  const version = async () => (await owner.ok<EngagementView>('GET', path)).version;
  await owner.ok('POST', `${path}/providers`, { providerOrgIds: [manager.orgId] });
  await owner.ok('POST', `${path}/transitions`, { action: 'request', version: await version() });
  const draft = await manager.ok<ProposalView>('PUT', `${path}/proposal`, {
    version: 0,
    proposal: {
      approach: '既存顧客への聞き取りと結果の整理。',
      team: [{ role: 'アナリスト', name: '担当者', hoursPerWeek: 10 }],
      milestones: [{ key: 'report', title: '聞き取り結果', dueDate: targetEnd, weight: 100, deliverables: ['要約'] }],
      fee: { type: 'fixed', amount: { amount: 1_500_000, currency: 'JPY' } },
      assumptions: '顧客名簿は委託元が提供する。',
      cadenceDays: 7,
    },
  });
  const bid = await manager.ok<ProposalView>('POST', `${path}/proposal/submit`, { version: draft.version });
  await owner.ok('POST', `${path}/award`, { proposalId: bid.id, version: await version() });
  await owner.ok('POST', `${path}/sow/approve`, { version: 1 });
  await manager.ok('POST', `${path}/sow/approve`, { version: 1 });
  await manager.ok('POST', `${path}/transitions`, { action: 'start', version: await version() });
  if (options.withAnalyst !== false) await manager.ok('POST', `${path}/team`, { userId: analyst.userId, role: 'analyst' });
  return { id: e.id, path, owner, manager, analyst, version };
}
