import { expect, it } from 'vitest';
import { evaluateSizing } from '../core/workbenches/market-research/sizing.js';
import { demoCompetitors, demoSizing, demoSizingBottomUp } from '../infra/demo/survey.js';
import { type MarketSizing, marketSizingSchema } from '../shared/contracts/market-sizing.js';
import type { CanvasSummary, MatrixDetail, SizingDetail } from '../shared/contracts/market-sizing-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const topDown: MarketSizing = marketSizingSchema.parse(demoSizing);

describeEachDatabase('market sizings and competitor matrices through the API', (backend) => {
  const kit = useTestKit(backend);
  const sizings = (id: string) => `/api/engagements/${id}/sizings`;
  const matrices = (id: string) => `/api/engagements/${id}/competitor-matrices`;

  it('the analyst saves a sizing; both sides read its ranges, tornado and checks; the client cannot write', async () => {
    const k = kit();
    const { as, id } = await engagementInProgress(k);
    const created = await as.p1Analyst.post<SizingDetail>(sizings(id), { sizing: demoSizing, note: '初版' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const expected = evaluateSizing(demoSizing);
    expect(created.body).toMatchObject({ latestVersion: 1, version: 1, approach: 'top_down', counterpart: null, canEdit: true });
    expect(created.body.evaluation.levels).toEqual(expected.levels);
    expect(created.body.evaluation.contributions.map((c) => c.key)).toEqual(expected.contributions.map((c) => c.key));
    const sid = created.body.id;

    const read = await as.owner.get<SizingDetail>(`${sizings(id)}/${sid}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.evaluation.levels).toEqual(expected.levels);
    expect(read.body.canEdit).toBe(false);
    expect((await as.owner.get<CanvasSummary[]>(sizings(id))).body.map((s) => s.id)).toEqual([sid]);

    expect(errorOf(await as.owner.post(sizings(id), { sizing: demoSizing })).code).toBe('forbidden');
    expect(errorOf(await as.p2Manager.get(`${sizings(id)}/${sid}`)).code).toBe('forbidden');

    const audit = await k.rt.store.read.audit.query({ type: 'sizing.saved', limit: 5 });
    expect(audit.map((e) => e.resourceId)).toContain(sid);
  });

  it('a wider assumption moves the range; a stale base version is refused; a missing source is flagged', async () => {
    const k = kit();
    const { as, id } = await engagementInProgress(k);
    const sid = (await as.p1Analyst.post<SizingDetail>(sizings(id), { sizing: demoSizing })).body.id;
    const before = (await as.owner.get<SizingDetail>(`${sizings(id)}/${sid}`)).body.evaluation.levels.som;

    const edited = structuredClone(topDown);
    const factor = edited.levels.tam.factors[0];
    if (!factor) throw new Error('the demo sizing has a TAM factor');
    factor.high = factor.high * 2;
    factor.source = null;
    const v2 = await as.p1Analyst.post<SizingDetail>(`${sizings(id)}/${sid}/versions`, {
      baseVersion: 1,
      sizing: edited,
      note: 'TAM の上限を見直し',
    });
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body.latestVersion).toBe(2);
    // The list says who saved the latest version and what it changed.
    const [listed] = (await as.owner.get<CanvasSummary[]>(sizings(id))).body;
    expect(listed?.latest).toMatchObject({ version: 2, note: 'TAM の上限を見直し', savedAt: v2.body.versions.at(-1)?.savedAt });
    expect(listed?.latest.savedBy.displayName).toBe(v2.body.versions.at(-1)?.savedBy.displayName);
    expect(v2.body.evaluation.levels.som.high).toBeGreaterThan(before.high);
    expect(v2.body.evaluation.levels.som.low).toBe(before.low);
    expect(v2.body.checks.findings).toContainEqual(
      expect.objectContaining({ code: 'sizing.source_missing', status: expect.not.stringMatching('pass') }),
    );
    // The first version is still there as it was.
    const v1 = await as.owner.get<SizingDetail>(`${sizings(id)}/${sid}?version=1`);
    expect(v1.body.evaluation.levels.som).toEqual(before);

    const stale = await as.p1Analyst.post(`${sizings(id)}/${sid}/versions`, { baseVersion: 1, sizing: edited });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).reason).toBe('version_conflict');

    // Every problem listed: a reversed range and a share above 1.
    const bad = structuredClone(topDown) as unknown as { levels: { tam: { factors: Record<string, unknown>[] } } };
    const f0 = bad.levels.tam.factors[0] as Record<string, unknown>;
    f0.low = 10;
    f0.base = 5;
    const refused = await as.p1Analyst.post(`${sizings(id)}/${sid}/versions`, { baseVersion: 2, sizing: bad });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).issues?.map((i) => i.path.join('.'))).toContain('sizing.levels.tam.factors.0.base');

    const other = await as.owner.get(`${sizings(id)}/${crypto.randomUUID()}`);
    expect(errorOf(other).reason).toBe('sizing_not_found');
  });

  it('a top-down and a bottom-up sizing of the same market are triangulated', async () => {
    const { as, id } = await engagementInProgress(kit());
    const td = (await as.p1Analyst.post<SizingDetail>(sizings(id), { sizing: demoSizing })).body.id;
    const bu = await as.p1Analyst.post<SizingDetail>(sizings(id), { sizing: demoSizingBottomUp });
    expect(bu.status, JSON.stringify(bu.body)).toBe(201);
    expect(bu.body.counterpart?.id).toBe(td);
    const expected = evaluateSizing(demoSizingBottomUp, { counterpart: demoSizing });
    expect(bu.body.evaluation.triangulation).toEqual(expected.triangulation);
    expect(bu.body.checks.findings.map((f) => f.code)).toContain('sizing.triangulation_gap');
  });

  it('the competitor matrix: prices in whole yen, a positioning map on two chosen features, refused references', async () => {
    const k = kit();
    const { as, id } = await engagementInProgress(k);
    const created = await as.p1Analyst.post<MatrixDetail>(matrices(id), {
      matrix: demoCompetitors,
      positioning: { x: 'monthly_price', y: 'auto_category' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.map?.x.feature).toBe('monthly_price');
    expect(created.body.map?.points.length).toBeGreaterThan(0);
    const mid = created.body.id;

    // The reader picks other axes without saving anything.
    const read = await as.owner.get<MatrixDetail>(`${matrices(id)}/${mid}?x=bank_links&y=receipt_scan`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.map).toMatchObject({ x: { feature: 'bank_links', kind: 'number' }, y: { feature: 'receipt_scan', kind: 'level' } });
    expect(read.body.positioning).toEqual({ x: 'monthly_price', y: 'auto_category' });
    expect(read.body.canEdit).toBe(false);
    const textAxis = await as.owner.get(`${matrices(id)}/${mid}?x=nonexistent&y=receipt_scan`);
    expect(textAxis.status).toBe(400);
    expect(errorOf(textAxis).issues?.[0]).toMatchObject({ code: 'unknown_key' });

    const yen = structuredClone(demoCompetitors) as { competitors: { plans: { amount: number }[] }[] };
    const plan = yen.competitors[0]?.plans[0];
    if (!plan) throw new Error('the demo matrix has a priced competitor');
    plan.amount = 480.5;
    const refused = await as.p1Analyst.post(`${matrices(id)}/${mid}/versions`, { baseVersion: 1, matrix: yen });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).issues?.map((i) => i.path.join('.'))).toContain('matrix.competitors.0.plans.0.amount');

    const saved = await as.p1Analyst.post<MatrixDetail>(`${matrices(id)}/${mid}/versions`, {
      baseVersion: 1,
      matrix: demoCompetitors,
      note: '軸を変更',
      positioning: { x: 'bank_links', y: 'monthly_price' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(errorOf(await as.owner.post(matrices(id), { matrix: demoCompetitors })).code).toBe('forbidden');
    const audit = await k.rt.store.read.audit.query({ type: 'competitors.saved', limit: 5 });
    expect(audit.filter((e) => e.resourceId === mid)).toHaveLength(2);
  });
});
