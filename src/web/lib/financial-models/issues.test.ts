import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { setDriverValue, setTerminalValue } from './edit';
import { draftIssues, indexIssues, issuesFromError, locate } from './issues';
import { sakura } from './testModel.fixture';

describe('problems of a draft', () => {
  it('finds none in a valid model', () => {
    expect(draftIssues(sakura())).toEqual([]);
  });

  it('places each problem by its path, and says when a field was left empty', () => {
    let doc = setDriverValue(sakura(), 'base', 'revenueGrowth', 1, Number.NaN);
    doc = setDriverValue(doc, 'bear', 'ebitdaMargin', 0, 12);
    doc = setTerminalValue(doc, 'base', 'growthRate', -2);
    const issues = draftIssues(doc);
    const index = indexIssues(issues);
    expect([...index.keys()].sort()).toEqual([
      'forecast.revenueGrowth.1',
      'scenarios.1.overrides.forecast.ebitdaMargin.0',
      'valuation.terminalValue.growthRate',
    ]);
    expect(index.get('forecast.revenueGrowth.1')?.empty).toBe(true);
    expect(index.get('valuation.terminalValue.growthRate')).toMatchObject({
      empty: false,
      message: expect.stringContaining('-1'),
      limit: { side: 'min', value: -1, inclusive: false },
    });
    expect(index.get('scenarios.1.overrides.forecast.ebitdaMargin.0')?.limit).toEqual({ side: 'max', value: 10, inclusive: false });
  });

  it('takes the server’s issues about the document, its prefix off', () => {
    const doc = sakura();
    const error = new ApiError({
      status: 400,
      code: 'invalid_input',
      message: 'Invalid.',
      issues: [
        { path: ['document', 'wacc', 'riskFreeRate'], code: 'too_big', message: 'Too large for a rate.' },
        { path: ['scenario'], code: 'custom', message: 'No such scenario.' },
      ],
    });
    expect(issuesFromError(error, doc).map((i) => [i.key, i.message])).toEqual([
      ['wacc.riskFreeRate', 'Too large for a rate.'],
      ['scenario', 'No such scenario.'],
    ]);
    expect(issuesFromError(new ApiError({ status: 409, code: 'conflict', message: 'x' }), doc)).toEqual([]);
    expect(issuesFromError(new Error('boom'), doc)).toEqual([]);
  });
});

describe('where a path points', () => {
  const doc = sakura();
  it('names the driver and the year, inside a scenario or not', () => {
    expect(locate(['forecast', 'ebitdaMargin', 2], doc)).toEqual({ scenario: null, field: 'ebitdaMargin', year: 2027 });
    expect(locate(['scenarios', 1, 'overrides', 'forecast', 'revenueGrowth', 0], doc)).toEqual({
      scenario: 'bear',
      field: 'revenueGrowth',
      year: 2025,
    });
  });

  it('names WACC inputs, terminal values, sources and historical years', () => {
    expect(locate(['wacc', 'beta', 'value'], doc)).toEqual({ scenario: null, field: 'beta', year: null });
    expect(locate(['valuation', 'terminalValue', 'growthRate'], doc)).toMatchObject({ field: 'terminalGrowth' });
    expect(locate(['scenarios', 1, 'overrides', 'terminalValue', 'growthRate'], doc)).toMatchObject({
      scenario: 'bear',
      field: 'terminalGrowth',
    });
    expect(locate(['sources', 'sizePremium'], doc)).toMatchObject({ field: 'sizePremium' });
    expect(locate(['historicals', 3, 'balanceSheet'], doc)).toEqual({ scenario: null, field: 'historicals', year: 2024 });
    expect(locate(['comparables', 'companies', 2], doc)).toEqual({ scenario: null, field: null, year: null });
  });
});
