import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { parseFinancialModel, valueModel } from '../core/workbenches/financial-modeling/model.js';
import type { EngagementView } from '../shared/contracts/engagements.js';
import type {
  ImportHistoricalsResult,
  ImportPreview,
  ModelAnalysis,
  ModelComment,
  ModelDetail,
  ModelSummary,
  ModelVersion,
  ValueBridgeView,
} from '../shared/contracts/financial-model-api.js';
import type { NotificationView } from '../shared/contracts/notifications.js';
import { describeEachDatabase } from '../testing/db.js';
import { brief, engagementInProgress } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import type { TestKit } from '../testing/runtime.js';
import { useTestKit } from '../testing/runtime.js';

const V1 = JSON.parse(readFileSync(new URL('../../docs/examples/fm-project-sakura-v1.json', import.meta.url), 'utf8'));
const V2 = JSON.parse(readFileSync(new URL('../../docs/examples/fm-project-sakura-v2.json', import.meta.url), 'utf8'));
const engine = (doc: unknown, scenario?: string) => valueModel(parseFinancialModel(doc), scenario ? { scenario } : {}).valuation;

const modelingEngagement = (k: TestKit) => engagementInProgress(k, { type: 'financial_modeling', codeName: 'Project Sakura' });

describeEachDatabase('financial models through the API', (backend) => {
  const kit = useTestKit(backend);

  it('the provider creates a model and saves versions; both sides read, analyse and compare them; a stale save is a conflict', async () => {
    const k = kit();
    const { as, id, orgs } = await modelingEngagement(k);
    const base = `/api/engagements/${id}/models`;

    // The engagement tells each viewer whether they may save models (the UI shows the door only then).
    expect((await as.p1Analyst.get<EngagementView>(`/api/engagements/${id}`)).body.allowedActions).toContain('model.write');
    expect((await as.owner.get<EngagementView>(`/api/engagements/${id}`)).body.allowedActions).not.toContain('model.write');

    const created = await as.p1Analyst.post<ModelDetail>(base, { name: 'DCF モデル', note: '初版', document: V1 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'DCF モデル', currency: 'JPY', latestVersion: 1, canEdit: true });
    const v1 = engine(V1);
    expect(created.body.latest.valuePerShare).toBeCloseTo(v1.valuePerShare, 6);
    expect(created.body.latest.enterpriseValue).toBeCloseTo(v1.enterpriseValue, 3);
    expect(created.body.latest.sha256).toMatch(/^[0-9a-f]{64}$/);
    const modelId = created.body.id;
    // A saved version is the provider's draft until shared.
    expect((await as.owner.get<ModelSummary[]>(base)).body).toEqual([]);
    expect((await as.p1Analyst.post(`${base}/${modelId}/versions/1/share`, {})).status).toBe(200);

    // The client's owner sees it, read-only; the losing bidder and another analyst of the provider do not.
    const seen = await as.owner.get<ModelSummary[]>(base);
    expect(seen.body.map((m) => m.id)).toEqual([modelId]);
    expect((await as.owner.get<ModelDetail>(`${base}/${modelId}`)).body.canEdit).toBe(false);
    expect((await as.owner.post(base, { name: 'x', document: V1 })).status).toBe(403);
    expect((await as.p2Manager.get(base)).status).toBe(403); // a bidder who lost sees the brief, never the work
    expect(errorOf(await as.p1Other.get(base)).reason).toBe('engagement_not_found');

    // Version 2 from version 1; a second save still based on version 1 is refused, nothing written.
    const saved = await as.p1Analyst.post<ModelDetail>(`${base}/${modelId}/versions`, {
      baseVersion: 1,
      note: 'レビュー反映',
      document: V2,
    });
    expect(saved.status).toBe(201);
    expect(saved.body.latestVersion).toBe(2);
    expect(saved.body.versions.map((v) => [v.version, v.note])).toEqual([
      [2, 'レビュー反映'],
      [1, '初版'],
    ]);
    expect((await as.p1Analyst.post(`${base}/${modelId}/versions/2/share`, {})).status).toBe(200);
    const stale = await as.p1Manager.post(`${base}/${modelId}/versions`, { baseVersion: 1, document: V1 });
    expect(stale.status).toBe(409);
    expect(errorOf(stale)).toMatchObject({ code: 'conflict', reason: 'version_conflict' });
    expect((await as.owner.get<ModelDetail>(`${base}/${modelId}`)).body.versions).toHaveLength(2);

    // A saved version comes back as saved.
    const version = await as.owner.get<ModelVersion>(`${base}/${modelId}/versions/1`);
    expect(version.body.document).toEqual(parseFinancialModel(V1));
    expect(errorOf(await as.owner.get(`${base}/${modelId}/versions/9`)).reason).toBe('version_not_found');

    // The analysis of a saved version is the engine's.
    const analysis = await as.owner.get<ModelAnalysis>(`${base}/${modelId}/versions/2/analysis?scenario=bear`);
    expect(analysis.status).toBe(200);
    const bear = engine(V2, 'bear');
    expect(analysis.body.valuation?.valuePerShare).toBeCloseTo(bear.valuePerShare, 6);
    expect(analysis.body.scenarios.map((s) => s.scenario)).toEqual(['base', 'bull', 'bear']);
    expect(analysis.body.sensitivity?.valuePerShare).toHaveLength(21);
    expect(analysis.body.sensitivity?.valuePerShare[10]?.[10]).toBeCloseTo(bear.valuePerShare, 6);
    expect(analysis.body.footballField?.bars.length).toBeGreaterThan(2);
    expect(['pass', 'warn', 'fail']).toContain(analysis.body.checks.status);
    const axes = await as.owner.get<ModelAnalysis>(`${base}/${modelId}/versions/2/analysis?x=exitMultiple&y=wacc&steps=5`);
    expect(axes.body.sensitivity).toMatchObject({ x: { input: 'exitMultiple' }, y: { input: 'wacc' } });
    expect(axes.body.sensitivity?.valuePerShare).toHaveLength(5);

    // Issue #13: a draft without an exit multiple is valued by perpetual growth, its exit figures null;
    // an exit-multiple axis is refused naming why, and choosing the exit-multiple method without one names the field.
    const noMultiple = structuredClone(V2);
    delete noMultiple.valuation.terminalValue.exitMultiple;
    const perpetuity = await as.owner.post<ModelAnalysis>(`${base}/${modelId}/analysis`, { document: noMultiple });
    expect(perpetuity.status).toBe(200);
    expect(perpetuity.body.valuation?.valuePerShare).toBe(engine(V2).valuePerShare);
    expect(perpetuity.body.valuation?.exitMultiple).toBeNull();
    expect(perpetuity.body.valuation?.exitMultipleMethod).toBeNull();
    expect(perpetuity.body.footballField?.omitted).toContainEqual({
      key: 'dcfExitMultiple',
      code: 'no_exit_multiple',
      reason: 'the model gives no exit multiple',
    });
    const exitAxis = await as.owner.post(`${base}/${modelId}/analysis`, {
      document: noMultiple,
      sensitivity: { x: 'exitMultiple', y: 'wacc' },
    });
    expect(exitAxis.status).toBe(400);
    expect(errorOf(exitAxis).reason).toBe('exit_multiple_not_in_model');
    noMultiple.valuation.terminalValue.method = 'exitMultiple';
    const noMethod = errorOf(await as.owner.post(`${base}/${modelId}/analysis`, { document: noMultiple }));
    expect(noMethod.issues).toContainEqual(
      expect.objectContaining({ path: ['document', 'valuation', 'terminalValue', 'exitMultiple'], code: 'exit_multiple_required' }),
    );
    // The probability of failure is a sensitivity axis of a model that has one.
    const failing = structuredClone(V2);
    failing.valuation.failure = { probability: 0.2, proceedsBasis: 'fairValue', proceedsPercent: 0.5 };
    const failureGrid = await as.owner.post<ModelAnalysis>(`${base}/${modelId}/analysis`, {
      document: failing,
      sensitivity: { x: 'failureProbability', y: 'wacc', steps: 5 },
    });
    expect(failureGrid.status).toBe(200);
    expect(failureGrid.body.sensitivity?.x.values.map((x) => Math.round(x * 1000) / 1000)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(failureGrid.body.sensitivity?.valuePerShare[2]?.[2]).toBe(engine(failing).valuePerShare);

    // A draft: terminal growth moved up moves the value up; a draft that cannot be valued lists why.
    const draft = structuredClone(V2);
    draft.valuation.terminalValue.growthRate += 0.005;
    const live = await as.owner.post<ModelAnalysis>(`${base}/${modelId}/analysis`, { document: draft });
    expect(live.body.scenarios[0]?.valuePerShare).toBeCloseTo(engine(draft).valuePerShare, 6);
    const impossible = structuredClone(V2);
    impossible.valuation.terminalValue.growthRate = 0.5;
    const cannot = await as.p1Analyst.post<ModelAnalysis>(`${base}/${modelId}/analysis`, { document: impossible });
    expect(cannot.status).toBe(200);
    expect(cannot.body.valuation).toBeNull();
    // Why, as a reason and its values: the reader's language words it.
    expect(cannot.body.scenarios[0]?.problem).toEqual({
      reason: 'growth_not_below_wacc',
      params: { growth: '50.00%', wacc: expect.any(String) },
    });
    expect(cannot.body.checks.status).toBe('fail');
    const typo = structuredClone(V2);
    typo.wacc.beta = '1.1';
    const refused = await as.p1Analyst.post(`${base}/${modelId}/analysis`, { document: typo });
    expect(refused.status).toBe(400);
    expect((errorOf(refused).issues ?? []).map((i) => i.path.join('.'))).toContain('document.wacc.beta');

    // Issue #13: WACC by year, the value-driver terminal value and taxes on losses go through the
    // API; bad values are refused naming their path.
    const depth = structuredClone(V2);
    depth.wacc.byYear = { beta: { fromYear: 2027, terminal: 1 } };
    depth.forecast.lossCarryForward = { openingBalance: 1000 };
    depth.valuation.terminalValue.valueDriver = { operatingMargin: 0.1, taxRate: 0.3062, ronic: 0.1 };
    const deep = await as.owner.post<ModelAnalysis>(`${base}/${modelId}/analysis`, { document: depth });
    expect(deep.status).toBe(200);
    expect(deep.body.valuation?.valuePerShare).toBeCloseTo(engine(depth).valuePerShare, 6);
    expect(deep.body.valuation?.costOfCapital?.byYear).toBe(true);
    expect(deep.body.valuation?.valueDriver?.ronic).toBe(0.1);
    expect(deep.body.valuation?.projection.lossCarryForward?.opening[0]).toBe(1000);
    const badDepth = structuredClone(depth);
    badDepth.wacc.byYear = { beta: { values: [1, 1] }, rate: { values: [0.1] } };
    badDepth.forecast.lossCarryForward = { openingBalance: -5 };
    badDepth.valuation.terminalValue.valueDriver.ronic = depth.valuation.terminalValue.growthRate;
    badDepth.valuation.terminalValue.costOfCapital = 'eight percent';
    const refusedDepth = await as.p1Analyst.post(`${base}/${modelId}/analysis`, { document: badDepth });
    expect(refusedDepth.status).toBe(400);
    expect((errorOf(refusedDepth).issues ?? []).map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining([
        'document.wacc.byYear.beta.values',
        'document.wacc.byYear',
        'document.forecast.lossCarryForward.openingBalance',
        'document.valuation.terminalValue.valueDriver.ronic',
        'document.valuation.terminalValue.costOfCapital',
      ]),
    );
    // RONIC and the terminal cost of capital at or below growth have their own codes, not WACC's.
    const ronicAtGrowth = structuredClone(depth);
    ronicAtGrowth.valuation.terminalValue.valueDriver.ronic = depth.valuation.terminalValue.growthRate;
    ronicAtGrowth.valuation.terminalValue.costOfCapital = depth.valuation.terminalValue.growthRate - 0.001;
    const limits = errorOf(await as.p1Analyst.post(`${base}/${modelId}/analysis`, { document: ronicAtGrowth }));
    const g = `${(depth.valuation.terminalValue.growthRate * 100).toFixed(2)}%`;
    expect(limits.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ['document', 'valuation', 'terminalValue', 'valueDriver', 'ronic'],
          code: 'growth_not_below_ronic',
          params: { growth: g, ronic: g },
        }),
        expect.objectContaining({
          path: ['document', 'valuation', 'terminalValue', 'costOfCapital'],
          code: 'growth_not_below_terminal_cost_of_capital',
          params: { growth: g, costOfCapital: expect.any(String) },
        }),
      ]),
    );
    expect(JSON.stringify(limits.issues)).not.toContain('growth_not_below_wacc');
    // A WACC path ending at terminal growth: the scenario cannot be valued, and says it is the terminal cost of capital.
    const pathAtGrowth = structuredClone(V2);
    pathAtGrowth.wacc = { method: 'direct', rate: 0.08, byYear: { rate: { fromYear: V2.forecast.years[1], terminal: 0.01 } } };
    pathAtGrowth.valuation.terminalValue.growthRate = 0.01;
    pathAtGrowth.scenarios = [];
    const atPath = await as.p1Analyst.post<ModelAnalysis>(`${base}/${modelId}/analysis`, { document: pathAtGrowth });
    expect(atPath.status).toBe(200);
    expect(atPath.body.scenarios[0]?.problem).toEqual({
      reason: 'growth_not_below_terminal_cost_of_capital',
      params: { growth: '1.00%', costOfCapital: '1.00%' },
    });

    // Issue #13, second slice: sales-to-capital reinvestment with invested capital and ROIC, in a
    // model based on EBIT without D&A; bad values are refused naming their path.
    const s2c = structuredClone(V2);
    const years = s2c.forecast.years.length;
    s2c.forecast.operatingMargin = s2c.forecast.ebitdaMargin.map((m: number) => m - 0.03);
    delete s2c.forecast.ebitdaMargin;
    delete s2c.forecast.depreciationPercentOfRevenue;
    delete s2c.forecast.capexPercentOfRevenue;
    delete s2c.forecast.nwcPercentOfRevenue;
    s2c.forecast.salesToCapital = { ratio: 1.5, lag: 1 };
    s2c.forecast.openingInvestedCapital = 50000;
    s2c.scenarios = [];
    const withS2c = await as.owner.post<ModelAnalysis>(`${base}/${modelId}/analysis`, { document: s2c });
    expect(withS2c.status).toBe(200);
    expect(withS2c.body.valuation?.valuePerShare).toBeCloseTo(engine(s2c).valuePerShare, 6);
    expect(withS2c.body.valuation?.projection.salesToCapital?.lag).toBe(1);
    expect(withS2c.body.valuation?.projection.investedCapital?.opening[0]).toBe(50000);
    expect(withS2c.body.valuation?.projection.investedCapital?.roic).toHaveLength(years);
    const badS2c = structuredClone(s2c);
    badS2c.forecast.salesToCapital = { ratio: [1.5], lag: 5 };
    badS2c.forecast.capexPercentOfRevenue = s2c.forecast.operatingMargin;
    badS2c.forecast.ebitdaMargin = s2c.forecast.operatingMargin;
    const refusedS2c = await as.p1Analyst.post(`${base}/${modelId}/analysis`, { document: badS2c });
    expect(refusedS2c.status).toBe(400);
    expect((errorOf(refusedS2c).issues ?? []).map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining([
        'document.forecast.salesToCapital.ratio',
        'document.forecast.salesToCapital.lag',
        'document.forecast.capexPercentOfRevenue',
        'document.forecast.ebitdaMargin',
      ]),
    );

    // Issue #13, third slice: driver paths from levers and employee options by Black–Scholes go
    // through the API; bad values are refused naming their path, never valued to NaN.
    const levers = structuredClone(V2);
    const fy: number[] = levers.forecast.years;
    delete levers.forecast.revenueGrowth;
    delete levers.forecast.taxRate;
    levers.forecast.levers = {
      revenueGrowth: { firstYear: 0.06, years2To5: 0.04 },
      taxRate: { effective: 0.3, marginal: 0.3062, marginalFromYear: fy.at(-1) },
    };
    levers.shares.options = { count: 2, averageStrike: 2000, maturity: 3, volatility: 0.35 };
    levers.scenarios = [];
    const withLevers = await as.owner.post<ModelAnalysis>(`${base}/${modelId}/analysis`, { document: levers });
    expect(withLevers.status).toBe(200);
    expect(withLevers.body.valuation?.valuePerShare).toBeCloseTo(engine(levers).valuePerShare, 6);
    // The options' Black–Scholes value is the engine's, as the API gives it (the web no longer derives it).
    const leversValued = engine(levers);
    const engineOptions = (
      leversValued.primary === 'gordon' ? leversValued.gordon : (leversValued.exitMultipleMethod ?? leversValued.gordon)
    ).dilution.options;
    expect(engineOptions?.total).toBeGreaterThan(0);
    expect(withLevers.body.valuation?.options).toEqual({
      underlying: expect.closeTo(engineOptions?.underlying as number, 6),
      call: expect.closeTo(engineOptions?.call as number, 6),
      dilutionFactor: expect.closeTo(engineOptions?.dilutionFactor as number, 12),
      perOption: expect.closeTo(engineOptions?.perOption as number, 6),
      total: expect.closeTo(engineOptions?.total as number, 6),
    });
    expect(withS2c.body.valuation?.options).toBeUndefined();
    const badLevers = structuredClone(levers);
    badLevers.forecast.levers.taxRate.marginalFromYear = (fy.at(-1) as number) + 1;
    badLevers.forecast.revenueGrowth = fy.map(() => 0.02);
    badLevers.shares.options.volatility = 0;
    const refusedLevers = await as.p1Analyst.post(`${base}/${modelId}/analysis`, { document: badLevers });
    expect(refusedLevers.status).toBe(400);
    expect((errorOf(refusedLevers).issues ?? []).map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining([
        'document.forecast.levers.taxRate.marginalFromYear',
        'document.forecast.levers.revenueGrowth',
        'document.shares.options.volatility',
      ]),
    );

    // Version comparison: the bridge ends where each version's value is.
    const bridge = await as.owner.get<ValueBridgeView>(`${base}/${modelId}/compare?from=1&to=2`);
    expect(bridge.body.from.valuePerShare).toBeCloseTo(v1.valuePerShare, 6);
    expect(bridge.body.to.valuePerShare).toBeCloseTo(engine(V2).valuePerShare, 6);
    const sum = bridge.body.steps.reduce((s, step) => s + step.effect, 0);
    expect(bridge.body.from.valuePerShare + sum).toBeCloseTo(bridge.body.to.valuePerShare, 6);
    expect(bridge.body.steps.length).toBeGreaterThan(0);

    // Every save and share is in the audit log of both sides, never with the model's contents.
    for (const orgId of [orgs.client.id, orgs.p1.id]) {
      const events = await k.rt.store.read.audit.query({ resourceType: 'financial_model', orgId, limit: 50 });
      expect(events.map((e) => e.type).sort()).toEqual([
        'financial_model.created',
        'financial_model.version_saved',
        'financial_model.version_shared',
        'financial_model.version_shared',
      ]);
      expect(JSON.stringify(events)).not.toContain('riskFreeRate');
    }
  });

  it('an export states the version it was taken from, whatever label the document still carries', async () => {
    const k = kit();
    const { as, id } = await modelingEngagement(k);
    const base = `/api/engagements/${id}/models`;
    const modelId = (await as.p1Analyst.post<ModelDetail>(base, { name: 'DCF', document: V1 })).body.id;
    // Version 2 and 3 saved from documents whose label was not edited: "v1", then "v2".
    expect((await as.p1Analyst.post(`${base}/${modelId}/versions`, { baseVersion: 1, document: V1 })).status).toBe(201);
    expect((await as.p1Analyst.post(`${base}/${modelId}/versions`, { baseVersion: 2, document: V2 })).status).toBe(201);

    const xlsx = await as.p1Analyst.raw('GET', `${base}/${modelId}/versions/3/export.xlsx?language=en`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const summary: string[] = [];
    workbook.getWorksheet('Summary')?.eachRow((row) => {
      summary.push(row.values ? JSON.stringify(row.values) : '');
    });
    const versionRow = summary.find((r) => r.includes('"Version"'));
    expect(versionRow).toContain('"v3"');
    expect(versionRow).not.toContain('"v2"');
  });

  it('exports a saved version as a workbook and a PDF, and records who took it out', async () => {
    const k = kit();
    const { as, id } = await modelingEngagement(k);
    const base = `/api/engagements/${id}/models`;
    const modelId = (await as.p1Analyst.post<ModelDetail>(base, { name: 'DCF', document: V1 })).body.id;
    await as.p1Analyst.post(`${base}/${modelId}/versions/1/share`, {});

    const xlsx = await as.owner.raw('GET', `${base}/${modelId}/versions/1/export.xlsx?language=en`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toMatch(/attachment; filename="Project-Sakura-v1\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.length).toBeGreaterThan(3);

    const pdf = await as.owner.raw('GET', `${base}/${modelId}/versions/1/summary.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const audit = await k.rt.store.read.audit.query({ type: 'financial_model.exported', limit: 50 });
    expect(audit.map((e) => e.data)).toEqual(
      expect.arrayContaining([
        { version: 1, format: 'xlsx' },
        { version: 1, format: 'pdf' },
      ]),
    );
  });

  it('refuses bad models with every problem listed, and models where they do not belong', async () => {
    const k = kit();
    const { as, id, orgs } = await modelingEngagement(k);
    const base = `/api/engagements/${id}/models`;

    const broken = structuredClone(V1);
    broken.wacc.riskFreeRate = 'three percent';
    broken.forecast.revenueGrowth = [];
    broken.valuation.terminalValue.growthRate = null;
    const bad = await as.p1Analyst.post(base, { name: '', document: broken });
    expect(bad.status).toBe(400);
    const paths = (errorOf(bad).issues ?? []).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'document.wacc.riskFreeRate', 'document.valuation.terminalValue.growthRate']));
    expect((await as.p1Analyst.get<ModelSummary[]>(base)).body).toEqual([]); // nothing half-written

    const unknown = await as.p1Analyst.post(base, { name: 'x', document: V1, extra: true });
    expect(unknown.status).toBe(400);

    // A market-research engagement has no models.
    const other = (await as.owner.post<EngagementView>('/api/engagements', brief())).body;
    await as.owner.post(`/api/engagements/${other.id}/providers`, { providerOrgIds: [orgs.p1.id] });
    const wrongType = await as.owner.post(`/api/engagements/${other.id}/models`, { name: 'x', document: V1 });
    expect(wrongType.status).toBe(403); // the client never saves models

    const modelId = (await as.p1Analyst.post<ModelDetail>(base, { name: 'DCF', document: V1 })).body.id;
    await as.p1Analyst.post(`${base}/${modelId}/versions/1/share`, {});
    const yen = structuredClone(V1);
    yen.meta.currency = 'USD';
    expect(errorOf(await as.p1Analyst.post(`${base}/${modelId}/versions`, { baseVersion: 1, document: yen })).reason).toBe(
      'currency_changed',
    );
    expect(errorOf(await as.owner.get(`${base}/${modelId}/compare?from=1&to=3`)).reason).toBe('version_not_found');
    expect((await as.owner.get(`${base}/${modelId}/compare?from=1&to=3000000000`)).status).toBe(400);
    expect((await as.owner.get(`${base}/${modelId}/versions/1/analysis?x=wacc&y=wacc`)).status).toBe(400);
    const oneAxis = await as.owner.get(`${base}/${modelId}/versions/1/analysis?x=wacc&steps=4`);
    expect((errorOf(oneAxis).issues ?? []).map((i) => i.path.join('.')).sort()).toEqual(['steps', 'y']);
    expect(errorOf(await as.owner.get(`${base}/${modelId}/versions/1/analysis?scenario=nope`)).reason).toBe('unknown_scenario');
    expect(errorOf(await as.owner.get(`${base}/00000000-0000-4000-8000-000000000000`)).reason).toBe('model_not_found');
  });

  it('imports historical statements from an uploaded CSV or workbook in two steps: suggest a mapping, then apply the corrected one', async () => {
    const k = kit();
    const { as, id } = await modelingEngagement(k);
    const csv = [
      '科目,2023年3月期,2024年3月期',
      '売上高,"72,400","78,900"',
      '売上原価,"51,050","55,500"',
      '減価償却費,"3,050","3,200"',
      '営業利益,"6,300","7,350"',
      '謎の行,1,2',
    ].join('\r\n');
    const file = { fileName: '損益計算書.csv', contentBase64: Buffer.from(csv, 'utf8').toString('base64') };
    const preview = await as.p1Analyst.post<ImportPreview>(`/api/engagements/${id}/model-imports/preview`, file);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.rows[1]).toEqual(['売上高', '72,400', '78,900']);
    expect(preview.body.suggestion.mapping.lines).toMatchObject({
      売上高: 'incomeStatement.revenue',
      売上原価: 'incomeStatement.costOfSales',
    });
    expect(preview.body.suggestion.unmapped).toEqual(['謎の行']);
    expect(preview.body.suggestion.years.map((y) => y.year)).toEqual([2022, 2023]);

    const applied = await as.p1Analyst.post<ImportHistoricalsResult>(`/api/engagements/${id}/model-imports/historicals`, {
      ...file,
      mapping: preview.body.suggestion.mapping,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.historicals.map((h) => [h.year, h.incomeStatement.revenue])).toEqual([
      [2022, 72400],
      [2023, 78900],
    ]);

    // A workbook, read from the sheet asked for.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表紙').addRow(['Project Sakura']);
    const pl = wb.addWorksheet('PL');
    pl.addRow(['Line', 'FY2023', 'FY2024']);
    pl.addRow(['Revenue', 100, 120]);
    const xlsx = { fileName: 'pl.xlsx', contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), sheet: 'PL' };
    const fromWorkbook = await as.p1Analyst.post<ImportPreview>(`/api/engagements/${id}/model-imports/preview`, xlsx);
    expect(fromWorkbook.body).toMatchObject({ sheet: 'PL', sheets: ['表紙', 'PL'] });
    expect(fromWorkbook.body.suggestion.mapping.lines).toEqual({ Revenue: 'incomeStatement.revenue' });

    // Bad mappings and files: every problem listed, nothing crashes.
    const badMapping = await as.p1Analyst.post(`/api/engagements/${id}/model-imports/historicals`, {
      ...file,
      mapping: { orientation: 'sideways', headerIndex: -1, labelIndex: 0, lines: { 売上高: 'revenue' } },
    });
    expect(badMapping.status).toBe(400);
    expect((errorOf(badMapping).issues ?? []).map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['mapping.orientation', 'mapping.headerIndex', 'mapping.lines.売上高']),
    );
    expect(errorOf(await as.p1Analyst.post(`/api/engagements/${id}/model-imports/preview`, { ...xlsx, sheet: 'BS' })).code).toBe(
      'invalid_input',
    );
    expect(
      errorOf(await as.p1Analyst.post(`/api/engagements/${id}/model-imports/preview`, { fileName: 'x.xlsx', contentBase64: 'AAAA' }))
        .reason,
    ).toBe('unreadable_xlsx');
    expect(
      errorOf(await as.p1Analyst.post(`/api/engagements/${id}/model-imports/preview`, { fileName: 'x.pdf', contentBase64: 'AAAA' })).reason,
    ).toBe('unsupported_file');
    expect((await as.owner.post(`/api/engagements/${id}/model-imports/preview`, file)).status).toBe(403); // the client does not build the model

    // A file of 2 MB passes the upload limit (8 MiB) though it is over the body limit (1 MiB) of other routes.
    const big = Buffer.alloc(2 * 1024 * 1024, 'a').toString('base64');
    expect(
      errorOf(await as.p1Analyst.post(`/api/engagements/${id}/model-imports/preview`, { fileName: 'big.xlsx', contentBase64: big })).reason,
    ).toBe('unreadable_xlsx');
    expect((await as.p1Analyst.post(`/api/engagements/${id}/models`, { name: big, document: V1 })).status).toBe(413);
  });

  it('a saved version is the provider’s draft until shared; failing checks need a reason; the client comments on what is shared', async () => {
    const k = kit();
    const { as, id, people } = await modelingEngagement(k);
    const base = `/api/engagements/${id}/models`;
    await as.owner.post(`/api/engagements/${id}/team`, { userId: people.reviewer.id, role: 'reviewer' });
    const modelId = (await as.p1Analyst.post<ModelDetail>(base, { name: 'DCF', note: '初版', document: V1 })).body.id;
    const failing = structuredClone(V2);
    failing.valuation.terminalValue.growthRate = 0.5;
    const v2 = await as.p1Analyst.post<ModelDetail>(`${base}/${modelId}/versions`, { baseVersion: 1, document: failing });
    expect(v2.body.latest).toMatchObject({ version: 2, checkStatus: 'fail', sharedAt: null, sharedBy: null });
    expect(v2.body).toMatchObject({ canEdit: true, canShare: true, canComment: true });

    // Nothing shared: the model does not exist for the client, in the list, the page, any version, any output.
    expect((await as.owner.get<ModelSummary[]>(base)).body).toEqual([]);
    for (const path of [
      `${base}/${modelId}`,
      `${base}/${modelId}/versions/1`,
      `${base}/${modelId}/versions/1/analysis`,
      `${base}/${modelId}/versions/1/comments`,
      `${base}/${modelId}/compare?from=1&to=2`,
      `${base}/${modelId}/versions/1/export.xlsx`,
    ])
      expect(errorOf(await as.owner.get(path)).reason, path).toBe('model_not_found');
    expect(errorOf(await as.owner.post(`${base}/${modelId}/analysis`, { document: V1 })).reason).toBe('model_not_found');
    // The provider's team sees its drafts; the client cannot share or comment on one.
    expect((await as.p1Manager.get<ModelDetail>(`${base}/${modelId}`)).body.versions.map((v) => v.sharedAt)).toEqual([null, null]);
    expect((await as.owner.post(`${base}/${modelId}/versions/1/share`, {})).status).toBe(403);
    expect(errorOf(await as.p1Analyst.post(`${base}/${modelId}/versions/1/comments`, { body: 'x' })).reason).toBe('version_not_shared');

    // Version 1 shared: the client sees it alone, as the model's latest; version 2 stays out of reach.
    const shared = await as.p1Analyst.post<ModelDetail>(`${base}/${modelId}/versions/1/share`, {});
    expect(shared.status).toBe(200);
    expect(shared.body.versions.find((v) => v.version === 1)).toMatchObject({
      sharedBy: { userId: people.p1Analyst.id },
      shareReason: null,
    });
    const seen = (await as.owner.get<ModelSummary[]>(base)).body;
    expect(seen.map((m) => [m.id, m.latestVersion, m.latest.version])).toEqual([[modelId, 1, 1]]);
    const clientView = (await as.owner.get<ModelDetail>(`${base}/${modelId}`)).body;
    expect(clientView.versions.map((v) => v.version)).toEqual([1]);
    expect(clientView).toMatchObject({ canEdit: false, canShare: false, canComment: true });
    expect(errorOf(await as.owner.get(`${base}/${modelId}/versions/2`)).reason).toBe('version_not_found');
    expect(errorOf(await as.owner.get(`${base}/${modelId}/compare?from=1&to=2`)).reason).toBe('version_not_found');
    expect(errorOf(await as.owner.get(`${base}/${modelId}/versions/2/summary.pdf`)).reason).toBe('version_not_found');
    // The client's owner was told; sharing again changes nothing and tells nobody twice.
    const told = async () =>
      (await as.owner.get<{ items: NotificationView[] }>('/api/notifications')).body.items.filter((n) => n.kind === 'model.shared');
    expect((await told()).map((n) => n.data)).toEqual([{ model: 'DCF', modelVersion: 1 }]);
    expect((await as.p1Analyst.post(`${base}/${modelId}/versions/1/share`, {})).status).toBe(200);
    expect(await told()).toHaveLength(1);

    // Version 2 fails its checks: shared only with the reason, which the client sees beside it.
    const refused = await as.p1Analyst.post(`${base}/${modelId}/versions/2/share`, { reason: '   ' });
    expect(refused.status).toBe(400);
    expect(errorOf(refused)).toMatchObject({
      reason: 'share_reason_required',
      issues: [{ path: ['reason'], code: 'share_reason_required' }],
    });
    expect((await as.owner.get<ModelDetail>(`${base}/${modelId}`)).body.versions).toHaveLength(1);
    const reason = '永久成長率の感応度を議論するための参考版です。';
    await as.p1Analyst.post(`${base}/${modelId}/versions/2/share`, { reason });
    const both = (await as.owner.get<ModelDetail>(`${base}/${modelId}`)).body;
    expect(both.versions.map((v) => [v.version, v.checkStatus, v.shareReason])).toEqual([
      [2, 'fail', reason],
      [1, expect.any(String), null],
    ]);

    // Comments: the client's owner and reviewer comment; the provider answers; each side is told of the other's.
    const c1 = await as.reviewer.post<ModelComment[]>(`${base}/${modelId}/versions/2/comments`, { body: '成長率 50% の根拠は？' });
    expect(c1.status).toBe(201);
    const c2 = await as.p1Analyst.post<ModelComment[]>(`${base}/${modelId}/versions/2/comments`, { body: '感応度の確認用です。' });
    expect(c2.body.map((c) => [c.authorSide, c.author.userId, c.body])).toEqual([
      ['client', people.reviewer.id, '成長率 50% の根拠は？'],
      ['provider', people.p1Analyst.id, '感応度の確認用です。'],
    ]);
    expect((await as.owner.get<ModelComment[]>(`${base}/${modelId}/versions/2/comments`)).body).toEqual(c2.body);
    expect((await as.owner.get<ModelDetail>(`${base}/${modelId}`)).body.versions.map((v) => v.comments)).toEqual([2, 0]);
    const providerBell = (await as.p1Analyst.get<{ items: NotificationView[] }>('/api/notifications')).body.items;
    expect(providerBell.filter((n) => n.kind === 'model.commented')).toHaveLength(1);
    const clientBell = (await as.reviewer.get<{ items: NotificationView[] }>('/api/notifications')).body.items;
    expect(clientBell.filter((n) => n.kind === 'model.commented')).toHaveLength(1);
    // Read-only roles read the discussion but do not join it; an empty comment is refused.
    expect((await as.finance.get(`${base}/${modelId}/versions/2/comments`)).status).toBe(200);
    expect((await as.finance.post(`${base}/${modelId}/versions/2/comments`, { body: 'x' })).status).toBe(403);
    expect(errorOf(await as.owner.post(`${base}/${modelId}/versions/2/comments`, { body: '  ' })).code).toBe('invalid_input');

    // Every share and comment is in the audit log.
    const shares = await k.rt.store.read.audit.query({ type: 'financial_model.version_shared', limit: 50 });
    expect(shares.map((e) => e.data)).toEqual(
      expect.arrayContaining([
        { version: 1, checkStatus: expect.any(String), reason: null },
        { version: 2, checkStatus: 'fail', reason },
      ]),
    );
    expect(await k.rt.store.read.audit.query({ type: 'financial_model.commented', limit: 50 })).toHaveLength(2);
  });
});
