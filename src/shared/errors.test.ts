import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { kennethColeModel } from '../core/workbenches/financial-modeling/fixtures.js';
import { line, nonNegativeMoneySchema, proposalInputSchema, prose } from './contracts/engagements.js';
import { financialModelSchema } from './contracts/financial-model.js';
import { issuesFromZod } from './errors.js';

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return issuesFromZod(result.error, input).map(({ path, code, params }) => ({ path, code, ...(params && { params }) }));
};

describe('issuesFromZod', () => {
  const question = z.strictObject({ title: line(200), body: prose(10_000), progressPct: z.number().int().min(0).max(100) });

  it('says an empty, blank or missing field is required — not "too short", not "of the wrong type"', () => {
    expect(issuesOf(question, { title: '', body: '', progressPct: 5 })).toEqual([{ path: ['title'], code: 'required' }]);
    expect(issuesOf(question, { title: '   ', body: '', progressPct: 5 })).toEqual([{ path: ['title'], code: 'required' }]);
    expect(issuesOf(question, { title: 'Q', body: '' })).toEqual([{ path: ['progressPct'], code: 'required' }]);
    // The web sends an emptied number input as "" or null.
    expect(issuesOf(question, { title: 'Q', body: '', progressPct: '' })).toEqual([{ path: ['progressPct'], code: 'required' }]);
    expect(issuesOf(question, { title: 'Q', body: '', progressPct: null })).toEqual([{ path: ['progressPct'], code: 'required' }]);
  });

  it('keeps a wrong type a wrong type', () => {
    expect(issuesOf(question, { title: 'Q', body: '', progressPct: 'ten' })).toEqual([{ path: ['progressPct'], code: 'invalid_type' }]);
  });

  it('states the limit of a length or a range, and what it counts', () => {
    expect(issuesOf(question, { title: 'x'.repeat(201), body: '', progressPct: 101 })).toEqual([
      { path: ['title'], code: 'too_big', params: { maximum: 200, origin: 'string' } },
      { path: ['progressPct'], code: 'too_big', params: { maximum: 100, origin: 'number' } },
    ]);
    expect(issuesOf(nonNegativeMoneySchema, { amount: -500, currency: 'JPY' })).toEqual([
      { path: ['amount'], code: 'too_small', params: { minimum: 0, origin: 'number' } },
    ]);
    expect(issuesOf(z.number().gt(0), 0)).toEqual([
      { path: [], code: 'too_small', params: { minimum: 0, origin: 'number', exclusive: 1 } },
    ]);
  });

  it('names the rule a refinement broke, with its values, instead of a bare "custom"', () => {
    const milestone = (weight: number) => ({ key: `m${weight}`, title: 'M', dueDate: '2027-01-01', weight, deliverables: [] });
    expect(issuesOf(proposalInputSchema.shape.milestones, [milestone(40), milestone(50)])).toEqual([
      { path: [], code: 'weights_total', params: { total: 90 } },
    ]);
    const model = kennethColeModel();
    (model.forecast.revenueGrowth as number[]).pop();
    model.meta.valuationDate = '2025-02-30';
    expect(issuesOf(financialModelSchema, model)).toEqual([
      { path: ['meta', 'valuationDate'], code: 'not_a_date' },
      {
        path: ['forecast', 'revenueGrowth'],
        code: 'values_per_year',
        params: { count: model.forecast.years.length, got: model.forecast.years.length - 1 },
      },
    ]);
  });

  it('without the input, still calls an empty string required', () => {
    const result = line(200).safeParse('');
    expect(result.success).toBe(false);
    if (!result.success) expect(issuesFromZod(result.error).map((i) => i.code)).toEqual(['required']);
  });
});
