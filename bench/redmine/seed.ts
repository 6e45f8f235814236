// Seeds Redmine 5's schema (bench/redmine/setup.sh) with the same world as kpo's engagement bench:
// the same generator (bench/engagements/world.ts, same seed), mapped onto Redmine's tables with
// batched multi-row INSERTs in one transaction, then ANALYZE.
//
//   node --import tsx bench/redmine/seed.ts       (bench/redmine/run.ts calls it when Redmine is empty)
//
// The mapping (Redmine grants visibility per project, kpo per engagement, so each engagement is a
// project of its own):
//   - the 470 people → users (login = their e-mail), each with an API key (tokens, action 'api');
//   - each client organisation → a private parent project (its people are members);
//   - each engagement → a private subproject of its client's project with one issue (subject =
//     the title, status/progress/dates from the engagement, assignee = the provider's lead) whose
//     journals are the engagement's history in time order: status updates (notes + a done_ratio
//     detail), questions and their answers (notes), milestone reviews (notes);
//   - members of an engagement's project: the client's admin (Manager), the owner (Manager), the
//     reviewer (Reporter), every invited provider's admin and two delivery managers (Developer), the
//     awarded provider's team (Developer). So the client admin sees the client's 200 issues and
//     the provider's delivery manager the ~5,400 engagements the provider was invited to — as in kpo.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { engagementChunks, type WorldIds, worldOrgs } from '../engagements/world.js';

export const REDMINE_DB_URL = process.env.REDMINE_DB_URL ?? 'postgres://redmine:redmine-bench@127.0.0.1:5433/redmine_bench';
/** Seeded users' ids start here (Redmine's own admin and anonymous users are below). */
const FIRST_USER = 100;
// Redmine's default data (rake redmine:load_default_data, REDMINE_LANG=en).
const ROLE = { manager: 3, developer: 4, reporter: 5 };
const TRACKER_FEATURE = 2;
const PRIORITY_NORMAL = 2;
const STATUS: Record<string, number> = { requested: 1, contracted: 1, in_progress: 2, on_hold: 4, delivered: 3, accepted: 5 };

/** The API key the seed gives a person: derived from their login, so the bench can compute it. */
export const apiKey = (login: string) => createHash('sha1').update(`kpo-bench-redmine:${login}`).digest('hex');
export const engagementIdentifier = (n: number) => `e${String(n).padStart(6, '0')}`;

export interface RedmineSeed {
  ms: number;
  rows: Record<string, number>;
}

const BATCH_PARAMS = 30_000;

async function insert(c: pg.ClientBase, table: string, cols: string[], rows: unknown[][], counts: Record<string, number>) {
  const size = Math.max(1, Math.floor(BATCH_PARAMS / cols.length));
  for (let i = 0; i < rows.length; i += size) {
    const batch = rows.slice(i, i + size);
    const values: unknown[] = [];
    const tuples = batch.map((r) => {
      const ps = r.map((v) => {
        values.push(v);
        return `$${values.length}`;
      });
      return `(${ps.join(',')})`;
    });
    await c.query(`INSERT INTO ${table} (${cols.join(',')}) VALUES ${tuples.join(',')}`, values);
  }
  counts[table] = (counts[table] ?? 0) + rows.length;
}

export async function seedRedmine(options: { engagements?: number; log?: (s: string) => void; now?: Date } = {}): Promise<RedmineSeed> {
  const log = options.log ?? (() => {});
  const engagements = options.engagements ?? 10_000;
  const started = performance.now();
  const c = new pg.Client({ connectionString: REDMINE_DB_URL });
  await c.connect();
  const counts: Record<string, number> = {};
  try {
    await c.query('BEGIN');
    await c.query(`TRUNCATE journal_details, journals, member_roles, members, issues, enabled_modules, projects_trackers, projects,
      watchers, custom_values, attachments, issue_relations RESTART IDENTITY`);
    await c.query(`DELETE FROM tokens WHERE user_id >= ${FIRST_USER}`);
    await c.query(`DELETE FROM email_addresses WHERE user_id >= ${FIRST_USER}`);
    await c.query(`DELETE FROM user_preferences WHERE user_id >= ${FIRST_USER}`);
    await c.query(`DELETE FROM users WHERE id >= ${FIRST_USER}`);

    // People.
    const orgs = worldOrgs();
    const ids: WorldIds = {};
    const userRows: unknown[][] = [];
    const emailRows: unknown[][] = [];
    const tokenRows: unknown[][] = [];
    const created = '2026-01-05 00:00:00';
    let uid = FIRST_USER;
    for (const org of orgs) {
      const people: Record<string, string> = {};
      for (const p of org.people) {
        const id = uid++;
        people[p.key] = String(id);
        const [last, first] = p.displayName.split(' ');
        userRows.push([id, p.email, 'x'.repeat(40), first ?? '', last ?? '', false, 1, 'en', created, created, 'User', 'none', 'x']);
        emailRows.push([id, p.email, true, true, created, created]);
        tokenRows.push([id, 'api', apiKey(p.email), created, created]);
      }
      ids[org.key] = { id: org.key, people };
    }
    await insert(
      c,
      'users',
      [
        'id',
        'login',
        'hashed_password',
        'firstname',
        'lastname',
        'admin',
        'status',
        'language',
        'created_on',
        'updated_on',
        'type',
        'mail_notification',
        'salt',
      ],
      userRows,
      counts,
    );
    await insert(c, 'email_addresses', ['user_id', 'address', 'is_default', 'notify', 'created_on', 'updated_on'], emailRows, counts);
    await insert(c, 'tokens', ['user_id', 'action', 'value', 'created_on', 'updated_on'], tokenRows, counts);
    await c.query(`SELECT setval('users_id_seq', ${uid})`);

    // The engagements, generated as for kpo.
    const clients = orgs.filter((o) => o.kind === 'client');
    const byClient = new Map<string, Record<string, unknown>[]>();
    const history = new Map<string, { at: string; user: string; notes: string; ratio?: [number, number] }[]>();
    const members = new Map<string, Map<string, number>>(); // engagement → user → role
    const addMember = (e: string, user: string | undefined, role: number) => {
      if (!user) return;
      const m = members.get(e) ?? new Map<string, number>();
      if (!m.has(user)) m.set(user, role);
      members.set(e, m);
    };
    const orgOfUser = new Map<string, string>();
    for (const o of orgs) for (const u of Object.values(ids[o.key]?.people ?? {})) orgOfUser.set(u, o.key);
    const leadOf = new Map<string, string>();
    const push = (e: string, h: { at: string; user: string; notes: string; ratio?: [number, number] }) => {
      const l = history.get(e) ?? [];
      l.push(h);
      history.set(e, l);
    };
    const questionOf = new Map<string, string>();
    const g0 = performance.now();
    for (const rows of engagementChunks(
      ids,
      orgs,
      { engagements, seed: 20261127, now: options.now ?? new Date() },
      Number.POSITIVE_INFINITY,
    )) {
      for (const e of rows.engagements) {
        const l = byClient.get(e.client_org_id as string) ?? [];
        l.push(e as unknown as Record<string, unknown>);
        byClient.set(e.client_org_id as string, l);
        const client = ids[e.client_org_id as string];
        addMember(e.id as string, client?.people.admin, ROLE.manager);
        addMember(e.id as string, e.owner_user_id as string, ROLE.manager);
      }
      for (const p of rows.engagement_providers) {
        const people = ids[p.provider_org_id as string]?.people ?? {};
        for (const k of ['admin', 'manager1', 'manager2']) addMember(p.engagement_id as string, people[k], ROLE.developer);
      }
      for (const t of rows.engagement_team) {
        addMember(t.engagement_id as string, t.user_id as string, t.side === 'client' ? ROLE.reporter : ROLE.developer);
        if (t.role === 'lead') leadOf.set(t.engagement_id as string, t.user_id as string);
      }
      const lastRatio = new Map<string, number>();
      const updates = [...rows.status_updates].sort((a, b) => String(a.posted_at).localeCompare(String(b.posted_at)));
      for (const u of updates) {
        const e = u.engagement_id as string;
        const before = lastRatio.get(e) ?? 0;
        lastRatio.set(e, u.progress_pct as number);
        push(e, {
          at: String(u.posted_at),
          user: u.author_user_id as string,
          notes: `Done: ${u.done}\nNext: ${u.next}${u.blockers ? `\nBlockers: ${u.blockers}` : ''}${u.risks ? `\nRisks: ${u.risks}` : ''}\nRAG: ${u.rag}`,
          ratio: [before, u.progress_pct as number],
        });
      }
      for (const q of rows.questions) {
        questionOf.set(q.id as string, q.engagement_id as string);
        push(q.engagement_id as string, { at: String(q.asked_at), user: q.asked_by as string, notes: `Q: ${q.title}\n${q.body}` });
      }
      for (const m of rows.question_messages) {
        const e = questionOf.get(m.question_id as string);
        if (e) push(e, { at: String(m.at), user: m.author_user_id as string, notes: m.body as string });
      }
      for (const r of rows.milestone_reviews)
        push(r.engagement_id as string, {
          at: String(r.at),
          user: r.by_user_id as string,
          notes: `Milestone ${r.kind}${r.comment ? `: ${r.comment}` : ''}`,
        });
    }
    log(`  generated the world in ${((performance.now() - g0) / 1000).toFixed(1)} s`);

    // Projects (nested set: each client's project holds its engagements' projects), issues, members.
    const projectRows: unknown[][] = [];
    const issueRows: unknown[][] = [];
    const memberRows: unknown[][] = [];
    const memberRoleRows: unknown[][] = [];
    const journalRows: unknown[][] = [];
    const detailRows: unknown[][] = [];
    const ts = (iso: string | null | undefined) => (iso ? new Date(iso).toISOString().replace('T', ' ').replace('Z', '') : null);
    let pid = 0;
    let lft = 1;
    let issueId = 0;
    let memberId = 0;
    let journalId = 0;
    const member = (project: number, user: string, role: number, at: string) => {
      memberId++;
      memberRows.push([memberId, Number(user), project, at, false]);
      memberRoleRows.push([memberId, role]);
    };
    for (const client of clients) {
      const es = byClient.get(client.key) ?? [];
      const parent = ++pid;
      const parentLft = lft++;
      const parentRow: unknown[] = [parent, client.name, null, client.key, false, null, 1, parentLft, 0, created, created];
      projectRows.push(parentRow);
      const people = ids[client.key]?.people ?? {};
      for (const [key, user] of Object.entries(people)) member(parent, user, key === 'admin' ? ROLE.manager : ROLE.reporter, created);
      for (const e of es) {
        const project = ++pid;
        const eid = e.id as string;
        const at = ts(e.created_at as string) ?? created;
        projectRows.push([
          project,
          `${e.title}`.slice(0, 255),
          e.scope,
          engagementIdentifier(project),
          false,
          parent,
          1,
          lft,
          lft + 1,
          at,
          ts(e.updated_at as string),
        ]);
        lft += 2;
        for (const [user, role] of members.get(eid) ?? []) member(project, user, role, at);
        const id = ++issueId;
        const status = STATUS[e.status as string] ?? 1;
        issueRows.push([
          id,
          TRACKER_FEATURE,
          project,
          `${e.title}`.slice(0, 255),
          e.objectives,
          e.target_end,
          status,
          leadOf.get(eid) ? Number(leadOf.get(eid)) : null,
          PRIORITY_NORMAL,
          Number(e.owner_user_id),
          at,
          ts(e.updated_at as string),
          e.target_start,
          (e.progress_pct as number | null) ?? 0,
          id,
          1,
          2,
          false,
          status === 5 ? ts((e.work_ended_at as string | null) ?? (e.updated_at as string)) : null,
        ]);
        const h = (history.get(eid) ?? []).sort((a, b) => a.at.localeCompare(b.at));
        for (const j of h) {
          const jid = ++journalId;
          journalRows.push([jid, id, 'Issue', Number(j.user), j.notes, ts(j.at), false]);
          if (j.ratio) detailRows.push([jid, 'attr', 'done_ratio', String(j.ratio[0]), String(j.ratio[1])]);
        }
      }
      parentRow[8] = lft++;
    }
    await insert(
      c,
      'projects',
      ['id', 'name', 'description', 'identifier', 'is_public', 'parent_id', 'status', 'lft', 'rgt', 'created_on', 'updated_on'],
      projectRows,
      counts,
    );
    await insert(
      c,
      'enabled_modules',
      ['project_id', 'name'],
      projectRows.map((p) => [p[0], 'issue_tracking']),
      counts,
    );
    await insert(
      c,
      'projects_trackers',
      ['project_id', 'tracker_id'],
      projectRows.flatMap((p) => [1, 2, 3].map((t) => [p[0], t])),
      counts,
    );
    await insert(c, 'members', ['id', 'user_id', 'project_id', 'created_on', 'mail_notification'], memberRows, counts);
    await insert(c, 'member_roles', ['member_id', 'role_id'], memberRoleRows, counts);
    await insert(
      c,
      'issues',
      [
        'id',
        'tracker_id',
        'project_id',
        'subject',
        'description',
        'due_date',
        'status_id',
        'assigned_to_id',
        'priority_id',
        'author_id',
        'created_on',
        'updated_on',
        'start_date',
        'done_ratio',
        'root_id',
        'lft',
        'rgt',
        'is_private',
        'closed_on',
      ],
      issueRows,
      counts,
    );
    await insert(
      c,
      'journals',
      ['id', 'journalized_id', 'journalized_type', 'user_id', 'notes', 'created_on', 'private_notes'],
      journalRows,
      counts,
    );
    await insert(c, 'journal_details', ['journal_id', 'property', 'prop_key', 'old_value', 'value'], detailRows, counts);
    for (const [table, n] of [
      ['projects', pid],
      ['issues', issueId],
      ['members', memberId],
      ['journals', journalId],
    ] as const)
      await c.query(`SELECT setval('${table}_id_seq', ${n + 1})`);
    await c.query('COMMIT');
    for (const t of [
      'users',
      'projects',
      'members',
      'member_roles',
      'issues',
      'journals',
      'journal_details',
      'enabled_modules',
      'projects_trackers',
      'tokens',
    ])
      await c.query(`ANALYZE ${t}`);
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    await c.end();
  }
  return { ms: performance.now() - started, rows: counts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await seedRedmine({ log: console.log });
  console.log(JSON.stringify(r, null, 2));
}
