import { type KyselyPlugin, sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase } from '../infra/db/database.js';
import { createEngagementRepo } from '../infra/db/engagement-repo.js';
import { KeptEstimates } from '../infra/db/kept-estimates.js';
import {
  ENGAGEMENT_COUNT_EXACT_UP_TO,
  type EngagementList,
  type EngagementView,
  engagementListQuerySchema,
} from '../shared/contracts/engagements.js';
import { describeEachDatabase, postgresUrl } from '../testing/db.js';
import { brief, engagementInProgress } from '../testing/engagements.js';
import { withDatabase } from '../testing/global-setup.js';
import { errorOf, type TestClient } from '../testing/http.js';
import { type TestKit, useTestKit } from '../testing/runtime.js';

/** Every page of a list query, following `next`. */
async function everyPage(as: TestClient, query: string, limit: number) {
  const ids: string[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const path: string = `/api/engagements?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const reply = await as.get<EngagementList>(path);
    expect(reply.status, path).toBe(200);
    ids.push(...reply.body.items.map((i) => i.id));
    totals.push(reply.body.total);
    cursor = reply.body.next;
    pages++;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  return { ids, totals, pages };
}

/** Drafts like the engagement `like`, one statement per 200 as a bulk import would write them: the visibility rows follow. */
async function insertDrafts(
  k: TestKit,
  like: string,
  rows: { title?: string; type?: string; client_org_id?: string; updated_at?: Date }[],
) {
  const { db } = k.rt.database;
  const template = await db.selectFrom('engagements').selectAll().where('id', '=', like).executeTakeFirstOrThrow();
  const drafts = rows.map((row) => ({
    ...template,
    id: crypto.randomUUID(),
    status: 'draft',
    awarded_provider_org_id: null,
    awarded_proposal_id: null,
    expected_deliverables: JSON.stringify(template.expected_deliverables),
    ...row,
  }));
  for (let i = 0; i < drafts.length; i += 200)
    await db
      .insertInto('engagements')
      .values(drafts.slice(i, i + 200))
      .execute();
}

/** The client's drafts past the exact-count threshold, three of them financial models. */
const bulkDrafts = (k: TestKit, like: string) =>
  insertDrafts(
    k,
    like,
    Array.from({ length: ENGAGEMENT_COUNT_EXACT_UP_TO + 5 }, (_, i) => ({
      title: `Bulk ${i}`,
      type: i < 3 ? 'financial_modeling' : 'other',
      updated_at: new Date(Date.parse('2026-03-01T00:00:00Z') + i * 1000),
    })),
  );

const allAtOnce = async (as: TestClient, query = '') =>
  (await as.get<EngagementList>(`/api/engagements?limit=200${query}`)).body.items.map((i) => i.id);

async function create(k: TestKit, as: TestClient, type: 'market_research' | 'patent_research', minutesLater: number) {
  k.clock.advanceMinutes(minutesLater);
  const reply = await as.post<EngagementView>('/api/engagements', brief({ type, title: `Study ${type}` }));
  expect(reply.status).toBe(201);
  return reply.body.id;
}

describeEachDatabase('engagement list: keyset pages and counts', (backend) => {
  const kit = useTestKit(backend);

  it('pages by cursor through every engagement once, in the list order, with filters kept and inserts between pages', async () => {
    const k = kit();
    const w = await engagementInProgress(k);
    const owner = w.as.owner;
    // Several engagements share an instant: the id decides among them, and no page boundary may lose one.
    for (let i = 0; i < 14; i++) await create(k, owner, i % 3 === 0 ? 'patent_research' : 'market_research', i % 4 === 0 ? 1 : 0);
    const expected = await allAtOnce(owner);
    expect(expected).toHaveLength(15);

    const paged = await everyPage(owner, '', 4);
    expect(paged.ids).toEqual(expected);
    expect(paged.pages).toBe(4);
    expect(new Set(paged.totals)).toEqual(new Set([15]));

    // A new engagement after the first page is newest of all: the later pages neither repeat nor skip.
    const first = (await owner.get<EngagementList>('/api/engagements?limit=4')).body;
    expect(first.items.map((i) => i.id)).toEqual(expected.slice(0, 4));
    const fresh = await create(k, owner, 'market_research', 1);
    const rest: string[] = [];
    let cursor = first.next;
    while (cursor) {
      const page: EngagementList = (await owner.get<EngagementList>(`/api/engagements?limit=4&cursor=${cursor}`)).body;
      rest.push(...page.items.map((i) => i.id));
      cursor = page.next;
    }
    expect(rest).toEqual(expected.slice(4));
    expect(rest).not.toContain(fresh);

    // Filters hold on every page.
    const patents = await allAtOnce(owner, '&type=patent_research');
    expect(patents.length).toBeGreaterThan(2);
    expect((await everyPage(owner, '&type=patent_research', 2)).ids).toEqual(patents);

    // The provider's manager pages through what it stands on, exactly as the whole list shows it.
    const manager = w.as.p1Manager;
    expect((await everyPage(manager, '', 1)).ids).toEqual(await allAtOnce(manager));

    // A page number still works and offers the cursor onwards.
    const second = (await owner.get<EngagementList>('/api/engagements?limit=4&offset=4')).body;
    const all = await allAtOnce(owner);
    expect(second.items.map((i) => i.id)).toEqual(all.slice(4, 8));
    const third = (await owner.get<EngagementList>(`/api/engagements?limit=4&cursor=${second.next}`)).body;
    expect(third.items.map((i) => i.id)).toEqual(all.slice(8, 12));
  }, 120_000);

  it('refuses a cursor it did not give out, and a cursor with an offset, naming the field', async () => {
    const k = kit();
    const w = await engagementInProgress(k);
    await create(k, w.as.owner, 'market_research', 1);
    const good = (await w.as.owner.get<EngagementList>('/api/engagements?limit=1')).body.next;
    expect(good).toEqual(expect.any(String));
    const tampered = `${good?.slice(0, -2)}${good?.endsWith('A') ? 'B' : 'A'}A`;
    const notUuid = btoa('2026-04-01T00:00:00.000000Z|not-a-uuid').replace(/=+$/, '');
    for (const bad of [
      'abc',
      tampered,
      notUuid,
      'A'.repeat(97),
      btoa('2026-99-99T00:00:00.000000Z|00000000-0000-0000-0000-000000000000'),
      // Dates Date.parse rolls over or PostgreSQL cannot hold: still not a cursor this API gave out.
      ...['2026-02-30T00:00:00.000000Z', '0000-01-01T00:00:00.000000Z'].map((t) =>
        btoa(`${t}|00000000-0000-0000-0000-000000000000`).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, ''),
      ),
    ]) {
      const reply = await w.as.owner.get(`/api/engagements?cursor=${encodeURIComponent(bad)}`);
      expect(reply.status, bad).toBe(400);
      expect(errorOf(reply).code, bad).toBe('invalid_input');
      expect(
        errorOf(reply).issues?.map((i) => i.path.join('.')),
        bad,
      ).toEqual(['cursor']);
    }
    const both = await w.as.owner.get(`/api/engagements?offset=1&cursor=${good}`);
    expect(both.status).toBe(400);
    expect(errorOf(both).issues?.map((i) => i.path.join('.'))).toEqual(['offset']);
  });

  it('counts exactly up to the threshold and says when the total is an estimate', async () => {
    const k = kit();
    const w = await engagementInProgress(k);
    await bulkDrafts(k, w.id);

    const all = (await w.as.owner.get<EngagementList>('/api/engagements?limit=10')).body;
    expect(all.totalIsEstimate).toBe(true);
    expect(all.total).toBeGreaterThan(ENGAGEMENT_COUNT_EXACT_UP_TO);
    // The next page keeps the estimate the first found (decision 0020): the same total, still marked.
    const second = (await w.as.owner.get<EngagementList>(`/api/engagements?limit=10&cursor=${all.next}`)).body;
    expect(second).toMatchObject({ total: all.total, totalIsEstimate: true });
    expect(second.items[0]?.id).not.toBe(all.items[0]?.id);
    const few = (await w.as.owner.get<EngagementList>('/api/engagements?limit=2&type=financial_modeling')).body;
    expect(few).toMatchObject({ total: 3, totalIsEstimate: false });
    expect(few.next).toEqual(expect.any(String));
    // The provider stands only on its own engagement: none of the client's drafts reach its list or count.
    expect((await w.as.p1Manager.get<EngagementList>('/api/engagements?limit=10')).body).toMatchObject({
      total: 1,
      totalIsEstimate: false,
      next: null,
    });
  });

  it('reads a long list’s estimate once a minute: its later pages are one statement, a short list is counted every time', async () => {
    const k = kit();
    const w = await engagementInProgress(k);
    const { db } = k.rt.database;
    await bulkDrafts(k, w.id);
    // Every statement the repository runs, counted as its result comes back (a compile alone is not run).
    let statements = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements++;
        return args.result;
      },
    };
    let now = 0;
    const estimates = new KeptEstimates(60_000, 10, () => now);
    const repo = createEngagementRepo(db.withPlugin(counting), estimates);
    const owner = w.people.owner;
    const viewer = { userId: owner.id, orgId: w.orgs.client.id, orgKind: 'client' as const, seesAllOfOrg: true };
    const read = async (query: Record<string, string>) => {
      statements = 0;
      const page = await repo.list(viewer, engagementListQuerySchema.parse({ limit: '10', ...query }), new Date());
      return { total: page.total, estimate: page.totalIsEstimate, statements };
    };
    // The first page counts past the threshold and asks the planner: two statements.
    const first = await read({});
    expect(first).toMatchObject({ estimate: true, statements: 2 });
    expect(first.total).toBeGreaterThan(ENGAGEMENT_COUNT_EXACT_UP_TO);
    // Within the minute, the page alone.
    expect(await read({})).toEqual({ ...first, statements: 1 });
    // A filter is another statement: counted exactly, every time.
    expect(await read({ type: 'financial_modeling' })).toEqual({ total: 3, estimate: false, statements: 1 });
    expect(await read({ type: 'financial_modeling', limit: '2' })).toEqual({ total: 3, estimate: false, statements: 1 });
    // Past the minute the list is counted and estimated again.
    now = 60_001;
    expect(await read({})).toEqual({ ...first, statements: 2 });
  });

  it('keeps one plan for an organisation’s whole list on PostgreSQL, whatever the organisation’s size', async () => {
    if (backend !== 'postgres') return; // PGlite prepares no statements: each is planned as it comes.
    const k = kit();
    const w = await engagementInProgress(k);
    await bulkDrafts(k, w.id);
    // Sixty more clients with one engagement each: the client's thousand rows are far above the
    // average organisation's, which is what a plan made without the values assumes.
    const { db } = k.rt.database;
    const small = Array.from({ length: 60 }, (_, i) => ({
      id: crypto.randomUUID(),
      name: `Small ${i}`,
      kind: 'client' as const,
      created_at: new Date(),
    }));
    await db.insertInto('organizations').values(small).execute();
    await insertDrafts(
      k,
      w.id,
      small.map((o) => ({ client_org_id: o.id })),
    );
    await sql`ANALYZE engagement_visibility`.execute(db);
    const name = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(db)).rows[0]?.name ?? '';
    const one = await openDatabase({ kind: 'postgres', url: withDatabase(postgresUrl(), name), poolSize: 1 });
    try {
      // Every estimate old at once: each call counts, so all eight are one statement.
      let tick = 0;
      const repo = createEngagementRepo(one.db, new KeptEstimates(0, 10, () => tick++));
      const clientAdmin = { userId: w.people.owner.id, orgId: w.orgs.client.id, orgKind: 'client' as const, seesAllOfOrg: true };
      for (let i = 0; i < 8; i++) {
        const page = await repo.list(clientAdmin, engagementListQuerySchema.parse({ limit: '10' }), new Date());
        expect(page).toMatchObject({ totalIsEstimate: true, next: expect.anything() });
      }
      const plans = (
        await sql<{ generic_plans: number; custom_plans: number }>`
          SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE 'with "page"%'`.execute(one.db)
      ).rows;
      // Five plans made for their values, then PostgreSQL keeps the generic one (its cost is theirs).
      expect(plans.map((p) => Number(p.generic_plans))).toEqual([3]);
      // Any other page size is one statement with the size as a parameter: a client trying every size
      // prepares four statements here (10, 20, 25 and the rest), not thirty.
      for (let limit = 1; limit <= 30; limit++)
        await repo.list(clientAdmin, engagementListQuerySchema.parse({ limit: String(limit) }), new Date());
      const pages = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE 'with "page"%'`.execute(one.db);
      expect(pages.rows[0]?.n).toBe(4);
    } finally {
      await one.close();
    }
  });

  it('keeps the visibility rows equal to their definition through a whole bid and award', async () => {
    const k = kit();
    const { id } = await engagementInProgress(k);
    const { db } = k.rt.database;
    const key = (r: { org_id: string; engagement_id: string; activity_at: Date; shown_status: string | null; bid_over: boolean }) =>
      `${r.org_id}|${r.engagement_id}|${new Date(r.activity_at).toISOString()}|${r.shown_status}|${r.bid_over}`;
    const kept = (await db.selectFrom('engagement_visibility').selectAll().execute()).map(key).sort();
    const fresh = (
      await db
        .selectFrom('engagement_visibility_source' as 'engagement_visibility')
        .selectAll()
        .execute()
    )
      .map(key)
      .sort();
    expect(kept).toEqual(fresh);
    // The client, the winner and the losing bidder (its bid over).
    const onThis = kept.filter((r) => r.includes(`|${id}|`));
    expect(onThis).toHaveLength(3);
    expect(onThis.filter((r) => r.endsWith('|null|true'))).toHaveLength(1);
  });
  it('keeps the searched names equal to the engagements’ through creates and edits, and a rename is found by its new name only', async () => {
    const k = kit();
    const w = await engagementInProgress(k);
    const { db } = k.rt.database;
    const e = (await w.as.owner.post<EngagementView>('/api/engagements', brief({ title: '蓄電池の市場調査' }))).body;
    const edited = await w.as.owner.patch<EngagementView>(`/api/engagements/${e.id}`, {
      title: '全固体電池の市場調査',
      codeName: 'Project Kestrel',
      version: e.version,
    });
    expect(edited.status).toBe(200);
    const kept = await db.selectFrom('engagement_names').select(['engagement_id as id', 'title', 'code_name']).orderBy('id').execute();
    const source = await db.selectFrom('engagements').select(['id', 'title', 'code_name']).orderBy('id').execute();
    expect(kept).toEqual(source);
    const found = async (q: string) =>
      (await w.as.owner.get<EngagementList>(`/api/engagements?q=${encodeURIComponent(q)}`)).body.items.map((i) => i.id);
    expect(await found('全固体')).toEqual([e.id]);
    expect(await found('蓄電池')).toEqual([]);
    expect(await found('Kestrel')).toEqual([e.id]);
    expect(await found('電池')).toEqual([e.id]);
  });
  it('reads page N by number from the keys alone, and searches the shown names, giving the rows of the whole list', async () => {
    const k = kit();
    const w = await engagementInProgress(k);
    const owner = w.as.owner;
    const titles = ['半導体の市場調査', 'Battery market scan', '半導体 patent landscape', 'SEMIconductor pricing'];
    for (let i = 0; i < 13; i++) {
      // Several share an instant: a page number that starts among them must not lose or repeat one.
      k.clock.advanceMinutes(i % 4 === 0 ? 1 : 0);
      const type = i % 3 === 0 ? 'patent_research' : 'market_research';
      expect((await owner.post('/api/engagements', brief({ type, title: `${titles[i % 4]} ${i}` }))).status).toBe(201);
    }
    // finance sees the whole client organisation (its rows alone answer), the owner only its own
    // engagements (the engagement row is read); with a type filter, the engagement row is read too.
    for (const [who, query] of [
      [w.as.finance, ''],
      [w.as.finance, '&type=market_research'],
      [owner, '&status=draft'],
    ] as const) {
      const all = await allAtOnce(who, query);
      expect(all.length).toBeGreaterThan(5);
      for (let offset = 1; offset <= all.length + 1; offset++) {
        const page = (await who.get<EngagementList>(`/api/engagements?limit=3&offset=${offset}${query}`)).body;
        expect(
          page.items.map((i) => i.id),
          `offset ${offset}${query}`,
        ).toEqual(all.slice(offset, offset + 3));
        expect(page.total).toBe(all.length);
        expect(page.next === null).toBe(offset + 3 >= all.length);
      }
    }

    // Text: any part of a name, in any case, three characters or fewer, as the whole list has it.
    const { db } = k.rt.database;
    await db.updateTable('engagements').set({ code_name: 'Project Kestrel' }).where('id', '=', w.id).execute();
    const named = async (as: TestClient, q: string) => {
      const reply = await as.get<EngagementList>(`/api/engagements?limit=200&q=${encodeURIComponent(q)}`);
      expect(reply.status).toBe(200);
      return reply.body.items.map((i) => i.displayName).sort();
    };
    const shown = (await w.as.finance.get<EngagementList>('/api/engagements?limit=200')).body.items.map((i) => i.displayName);
    // One and two characters (a word of two kanji is the usual Japanese search) are found by the
    // names' pieces rather than trigrams: the same answer, including LIKE's own characters.
    for (const q of ['半導体', 'semicon', 'ICO', '導体', 'tery m', 'x%_', '体', '半導', 'Ic', 'ic', 'c', '%', '_', 'zq'])
      expect(await named(w.as.finance, q), q).toEqual(shown.filter((t) => t.toLowerCase().includes(q.toLowerCase())).sort());
    // A client finds its engagement by title or code name; the provider only by the code name it is shown.
    expect(await named(w.as.finance, 'kestrel')).toHaveLength(1);
    expect(await named(w.as.p1Manager, 'kestrel')).toEqual(['Project Kestrel']);
    expect(await named(w.as.p1Manager, 'eL')).toEqual(['Project Kestrel']);
    const title = (await db.selectFrom('engagements').select('title').where('id', '=', w.id).executeTakeFirstOrThrow()).title;
    expect(await named(w.as.finance, title.slice(0, 6))).toContain(title);
    expect(title.toLowerCase()).not.toContain('el');
    expect(await named(w.as.finance, 'eL')).toContain(title); // by its code name alone
    expect(await named(w.as.p1Manager, title.slice(0, 6))).toEqual([]);
  }, 120_000);
});
