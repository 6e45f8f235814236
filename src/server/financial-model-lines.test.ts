import { expect, it } from 'vitest';
import { segmentModel } from '../core/workbenches/financial-modeling/lines.fixture.js';
import { parseFinancialModel, valueModel } from '../core/workbenches/financial-modeling/model.js';
import type { ModelAnalysis, ModelDetail } from '../shared/contracts/financial-model-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

/** Issue #13 point 9 through the API: segment build-ups and custom lines, and bad formulas refused with their paths. */
describeEachDatabase('financial models with segments and custom lines through the API', (backend) => {
  const kit = useTestKit(backend);

  it('saves and analyses a segment model with custom lines; bad formulas are refused with every problem and its path', async () => {
    const k = kit();
    const { as, id } = await engagementInProgress(k, { type: 'financial_modeling', codeName: 'Project Kaede' });
    const base = `/api/engagements/${id}/models`;

    const broken = segmentModel();
    broken.forecast.lines = [
      { name: 'fine', formula: 'revenue * 2%' },
      { name: 'syntax', formula: 'revenue * (1 +' },
      { name: 'unknown', formula: 'hardware.revenue + widgets.revenue' },
      { name: 'circle', formula: 'circle2 + 1' },
      { name: 'circle2', formula: 'circle * 2' },
      { name: 'tooDeep', formula: `${'('.repeat(30)}1${')'.repeat(30)}` },
      { name: 'costAfterEbit', formula: 'ebit * 5%', role: 'operatingCost' },
      { name: 'later', formula: 'fine[1]' },
    ];
    broken.forecast.revenueGrowth = [0.1, 0.1, 0.1, 0.1, 0.1];
    const bad = await as.p1Analyst.post(base, { name: 'Kaede', document: broken });
    expect(bad.status).toBe(400);
    const issues = Object.fromEntries((errorOf(bad).issues ?? []).map((i) => [i.path.join('.'), i.code]));
    expect(issues).toMatchObject({
      'document.forecast.lines.1.formula': 'formula_syntax',
      'document.forecast.lines.2.formula': 'unknown_line',
      'document.forecast.lines.3.formula': 'circular_formula',
      'document.forecast.lines.4.formula': 'circular_formula',
      'document.forecast.lines.5.formula': 'formula_too_complex',
      'document.forecast.lines.6.formula': 'circular_formula',
      'document.forecast.lines.7.formula': 'future_line',
      'document.forecast.revenueGrowth': 'custom',
    });
    expect(issues['document.forecast.lines.0.formula']).toBeUndefined();

    const created = await as.p1Analyst.post<ModelDetail>(base, { name: 'Kaede', document: segmentModel() });
    expect(created.status).toBe(201);
    const engine = valueModel(parseFinancialModel(segmentModel())).valuation;
    expect(created.body.latest.valuePerShare).toBeCloseTo(engine.valuePerShare, 9);
    const analysis = await as.p1Analyst.get<ModelAnalysis>(`${base}/${created.body.id}/versions/1/analysis`);
    expect(analysis.status).toBe(200);
    const p = analysis.body.valuation?.projection;
    expect(p?.segments?.map((s) => s.name)).toEqual(['hardware', 'services']);
    expect(p?.operatingCosts?.[0]).toBeCloseTo(326, 9);
    expect(p?.lines?.find((l) => l.name === 'loanPayment')?.values[0]).toBeCloseTo(46.194959625653, 9);
    expect(analysis.body.checks.findings.filter((f) => f.code === 'forecast.custom_lines').map((f) => f.status)).toEqual(['pass']);

    // A draft whose operating-cost line cannot be computed in a year: not valued, and the checks name the line and the year (never a 500 or NaN).
    const failing = segmentModel();
    failing.forecast.lines = [{ name: 'lumpy', formula: '100 / (year - 2028)', role: 'operatingCost' }];
    failing.scenarios = [];
    const draft = await as.p1Analyst.post<ModelAnalysis>(`${base}/${created.body.id}/analysis`, { document: failing });
    expect(draft.status).toBe(200);
    expect(draft.body.valuation).toBeNull();
    expect(draft.body.checks.findings.find((f) => f.code === 'forecast.custom_lines')).toMatchObject({
      status: 'fail',
      path: ['forecast', 'lines', 0, 'formula'],
      message: { key: 'costLineNotComputable', params: { years: '2028', error: '#DIV/0!' } },
    });
  });
});
