import { describe, expect, it } from 'vitest';
import { valuationSummarySchema } from '../../../shared/contracts/financial-model-api.js';
import { analyzeModel } from './analysis.js';
import { adjustmentsModel } from './capitalization.fixture.js';
import { applicableInputs, resolveCase } from './case.js';
import { checkModel } from './checks.js';
import { computeValuation } from './dcf.js';
import { appErrorOf } from './errors.fixture.js';
import { noExitMultipleModel, valueDriverModel } from './fixtures.js';
import { footballField } from './football-field.js';
import { parseFinancialModel, valueModel, valueScenarios } from './model.js';
import { sensitivityGrid } from './sensitivity.js';
import { tornado } from './tornado.js';

/** Issue #13 point 2: the exit multiple is optional (docs/decisions/0010). */
describe('a model without an exit multiple', () => {
  for (const [name, input] of [
    ['value driver', valueDriverModel()],
    ['adjustments (failure, options, bridge items)', adjustmentsModel()],
  ] as const) {
    const withMultiple = parseFinancialModel({
      ...input,
      valuation: { ...input.valuation, terminalValue: { ...input.valuation.terminalValue, method: 'gordon' } },
    });
    const without = parseFinancialModel(noExitMultipleModel(input));

    it(`${name}: validates and values to exactly the same perpetuity figures as with a multiple`, () => {
      expect(without.valuation.terminalValue.exitMultiple).toBeUndefined();
      const a = valueScenarios(withMultiple);
      const b = valueScenarios(without);
      expect(b.map((x) => x.valuation.valuePerShare)).toEqual(a.map((x) => x.valuation.valuePerShare));
      for (const [i, x] of b.entries()) {
        const v = x.valuation;
        expect(v.gordon).toEqual(a[i]?.valuation.gordon);
        expect(v.exitMultiple).toBeNull();
        expect(v.exitMultipleMethod).toBeNull();
        expect(v.primary).toBe('gordon');
        expect(v.impliedMultiples.exitImpliedGrowth).toBeNull();
        // The multiple the perpetuity value implies does not need a given multiple.
        expect(v.impliedMultiples.gordonImpliedExitMultiple).toBe(a[i]?.valuation.impliedMultiples.gordonImpliedExitMultiple);
        expect(v.impliedMultiples.gordonImpliedExitMultiple).not.toBeNull();
      }
    });

    it(`${name}: the API summary says "not given" with nulls, the checks run, sensitivities leave the multiple out`, () => {
      const analysis = analyzeModel(without);
      const summary = valuationSummarySchema.parse(analysis.valuation);
      expect(summary.exitMultiple).toBeNull();
      expect(summary.exitMultipleMethod).toBeNull();
      expect(analysis.sensitivity?.x.input).toBe('terminalGrowth');
      expect(checkModel(without).findings.filter((f) => f.path.includes('exitMultiple'))).toEqual([]);
      expect(applicableInputs(resolveCase(without))).not.toContain('exitMultiple');
      expect(tornado(without).bars.map((b) => b.input)).not.toContain('exitMultiple');
      expect(
        tornado(without)
          .bars.map((b) => b.input)
          .sort(),
      ).toEqual(
        tornado(withMultiple)
          .bars.map((b) => b.input)
          .filter((i) => i !== 'exitMultiple')
          .sort(),
      );
      const e = appErrorOf(() => sensitivityGrid(without, { x: { input: 'exitMultiple' }, y: { input: 'wacc' } }));
      expect(e.reason).toBe('exit_multiple_not_in_model');
      expect(e.issues?.[0]?.path).toEqual(['x']);
    });

    it(`${name}: the football field leaves the exit-multiple bar out and says why`, () => {
      const ff = footballField(without);
      expect(ff.bars.map((b) => b.key)).not.toContain('dcfExitMultiple');
      expect(ff.omitted).toContainEqual({ key: 'dcfExitMultiple', code: 'no_exit_multiple', reason: 'the model gives no exit multiple' });
      const before = footballField(withMultiple);
      expect(ff.bars.find((b) => b.key === 'dcfGordon')).toEqual(before.bars.find((b) => b.key === 'dcfGordon'));
      expect(ff.bars.find((b) => b.key === 'sensitivity')).toEqual(before.bars.find((b) => b.key === 'sensitivity'));
    });
  }

  it('choosing the exit-multiple method without a multiple is refused at the multiple', () => {
    const input = noExitMultipleModel(valueDriverModel());
    input.valuation.terminalValue.method = 'exitMultiple';
    const e = appErrorOf(() => parseFinancialModel(input));
    const issue = e.issues?.find((i) => i.path.join('.') === 'valuation.terminalValue.exitMultiple');
    expect(issue?.code).toBe('exit_multiple_required');
    expect(issue?.message).toMatch(/needs an exit multiple/);
  });

  it('a scenario may not change a multiple the model does not give', () => {
    const input = noExitMultipleModel(valueDriverModel());
    const scenarios = input.scenarios ?? [];
    const first = scenarios[0];
    if (!first) throw new Error('the fixture has a scenario');
    first.overrides.terminalValue = { ...first.overrides.terminalValue, exitMultiple: 9 };
    const e = appErrorOf(() => parseFinancialModel(input));
    expect(e.issues?.map((i) => [i.path.join('.'), i.code])).toContainEqual([
      'scenarios.0.overrides.terminalValue.exitMultiple',
      'exit_multiple_not_in_model',
    ]);
  });

  it('a case built by hand with the exit-multiple method and no multiple falls back to the perpetuity value', () => {
    const m = parseFinancialModel(noExitMultipleModel(valueDriverModel()));
    const c = { ...resolveCase(m), terminalMethod: 'exitMultiple' as const };
    expect(c.exitMultiple).toBeNull();
    const outcome = computeValuation(c);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.valuation.primary).toBe('gordon');
    expect(outcome.valuation.valuePerShare).toBe(valueModel(m).valuation.valuePerShare);
  });
});
