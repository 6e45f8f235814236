import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkModel } from './checks.js';
import { columnMappingSchema } from './import.js';
import { parseFinancialModel, valueModel } from './model.js';
import { workedExampleTable } from './worked-example.fixture.js';

/** The JSON examples of docs/financial-model-format.md are valid, so the page cannot drift from the schema. */
const doc = readFileSync(new URL('../../../../docs/financial-model-format.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1] ?? 'null') as Record<string, unknown>);

describe('docs/financial-model-format.md', () => {
  it('has a complete model example that validates, values and passes its checks', () => {
    const models = blocks.filter((b) => 'schemaVersion' in b);
    expect(models).toHaveLength(1);
    const model = parseFinancialModel(models[0]);
    for (const section of ['comparables', 'accretionDilution', 'scenarios', 'market', 'footballField'] as const)
      expect(model[section]).toBeDefined();
    expect(valueModel(model).valuation.valuePerShare).toBeGreaterThan(0);
    expect(checkModel(model).counts.fail).toBe(0);
  });

  it("has a Ginzu-style worked example whose year-by-year table and figures are the engine's", () => {
    const worked = [...doc.matchAll(/```json worked-example\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1] ?? 'null'));
    expect(worked).toHaveLength(1);
    const model = parseFinancialModel(worked[0]);
    const v = valueModel(model).valuation;
    expect(doc).toContain(workedExampleTable(v));
    const one = (x: number | undefined) =>
      (x ?? Number.NaN).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    for (const figure of [
      one(v.valueDriver?.freeCashFlow),
      one(v.gordon.terminalValue),
      one(v.gordon.presentValueOfTerminalValue),
      one(v.enterpriseValue),
      one(v.failure?.proceeds),
      one(v.failure?.value),
      one(v.capitalization?.operatingLeases?.debt),
      one(v.equityValue),
      one(v.gordon.dilution.options?.total),
      one(v.capitalization?.researchAndDevelopment?.base.asset),
      `**${v.valuePerShare.toFixed(2)}**`,
    ])
      expect(doc).toContain(figure);
    expect(checkModel(model).counts.fail).toBe(0);
  });

  it('has a column mapping example that validates', () => {
    const mappings = blocks.filter((b) => 'orientation' in b);
    expect(mappings).toHaveLength(1);
    expect(columnMappingSchema.safeParse(mappings[0]).success).toBe(true);
  });

  it('documents every input id and every check code', () => {
    for (const id of ['wacc', 'terminalGrowth', 'exitMultiple', 'beta', 'targetDebtToCapital', 'nwcPercentOfRevenue'])
      expect(doc).toContain(`\`${id}\``);
    const codes = new Set(checkModel(parseFinancialModel(blocks.find((b) => 'schemaVersion' in b))).findings.map((f) => f.code));
    for (const code of codes) expect(doc).toContain(`\`${code}\``);
  });
});
