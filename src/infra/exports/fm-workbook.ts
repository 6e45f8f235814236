import { adjustmentLabelsFor } from '../../core/workbenches/financial-modeling/adjustment-labels.js';
import { checkModel } from '../../core/workbenches/financial-modeling/checks.js';
import { analyzeComparables } from '../../core/workbenches/financial-modeling/comparables.js';
import { labelsFor } from '../../core/workbenches/financial-modeling/labels.js';
import { valueModel } from '../../core/workbenches/financial-modeling/model.js';
import { gridForCase } from '../../core/workbenches/financial-modeling/sensitivity.js';
import type { FinancialModel } from '../../shared/contracts/financial-model.js';
import { buildLeases, buildResearch } from './fm-workbook/adjustments.js';
import { buildAccretion, buildComparables, buildSensitivity } from './fm-workbook/analyses.js';
import { type Built, Sheet, type SheetKey, type WorkbookSpec } from './fm-workbook/cells.js';
import { buildCostOfCapital } from './fm-workbook/cost-of-capital.js';
import { buildDcf } from './fm-workbook/dcf.js';
import { buildAssumptions, buildHistoricals, buildProjections } from './fm-workbook/statements.js';
import { buildChecks, buildSummary } from './fm-workbook/summary.js';

export {
  address,
  type CellSpec,
  columnName,
  type Format,
  NOT_AVAILABLE,
  NOT_MEANINGFUL,
  type SheetKey,
  type SheetSpec,
  type Style,
  type WorkbookSpec,
} from './fm-workbook/cells.js';

/**
 * The workbook of a financial model as plain cell specifications: constants, and formulas with
 * the value the kpo engine computes for each (written as the cached result, and what a
 * recalculation in Excel, LibreOffice or HyperFormula must reproduce). fm-xlsx.ts writes it with
 * exceljs; the benchmark feeds the same formulas to HyperFormula.
 *
 * Formulas use only functions every spreadsheet has (SUM, SUMPRODUCT over plain ranges, MIN,
 * MEDIAN, QUARTILE, IF, ISNUMBER…) and no array arithmetic, so they evaluate the same
 * everywhere. Cells the engine reports as not computable hold the text "n/a" (or "n.m." for a
 * peer multiple that is not meaningful), never an error value.
 */

export function buildFmWorkbookSpec(model: FinancialModel): WorkbookSpec {
  const { case: c, valuation } = valueModel(model);
  const L = labelsFor(model.meta.language);
  const b: Built = { L, model, valuation, n: valuation.projection.years.length };
  const report = checkModel(model);
  const sheets = {
    summary: new Sheet('summary', L.sheetSummary),
    assumptions: new Sheet('assumptions', L.sheetAssumptions),
    historicals: new Sheet('historicals', L.sheetHistoricals),
    projections: new Sheet('projections', L.sheetProjections),
    costOfCapital: new Sheet('costOfCapital', L.sheetCostOfCapital),
    dcf: new Sheet('dcf', L.sheetDcf),
    sensitivity: new Sheet('sensitivity', L.sheetSensitivity),
    comparables: new Sheet('comparables', L.sheetComparables),
    accretion: new Sheet('accretion', L.sheetAccretion),
    checks: new Sheet('checks', L.sheetChecks),
    research: new Sheet('research', adjustmentLabelsFor(model.meta.language).sheetResearch),
    leases: new Sheet('leases', adjustmentLabelsFor(model.meta.language).sheetLeases),
  };
  const ar = buildAssumptions(sheets.assumptions, b, sheets.leases);
  const hr = buildHistoricals(sheets.historicals, b);
  const pr = buildProjections(sheets.projections, b, sheets.assumptions, ar, hr);
  buildResearch(sheets.research, b, ar, hr, sheets.projections, pr);
  buildLeases(sheets.leases, b, ar, hr);
  const cc = valuation.costOfCapital.byYear ? buildCostOfCapital(sheets.costOfCapital, b, sheets.assumptions, ar) : null;
  const dr = buildDcf(sheets.dcf, b, sheets.assumptions, ar, sheets.projections, pr, hr, cc);
  const grids = {
    gordon: gridForCase(c, { input: 'terminalGrowth' }, { input: 'wacc' }),
    exit: c.exitMultiple === null ? null : gridForCase(c, { input: 'exitMultiple' }, { input: 'wacc' }),
  };
  buildSensitivity(sheets.sensitivity, b, grids, ar, sheets.projections, pr, dr, cc);
  if (model.comparables)
    buildComparables(sheets.comparables, b, ar, hr, sheets.projections, pr, dr, analyzeComparables(model, c, valuation));
  buildAccretion(sheets.accretion, b, sheets.assumptions, ar);
  buildChecks(sheets.checks, b, report);
  buildSummary(sheets.summary, b, dr, ar, report);
  const order: SheetKey[] = [
    'summary',
    'assumptions',
    'historicals',
    'projections',
    'research',
    'leases',
    'costOfCapital',
    'dcf',
    'sensitivity',
    'comparables',
    'accretion',
    'checks',
  ];
  return {
    sheets: order
      .map((k) => sheets[k])
      .filter((s) => s.cells.size > 0)
      .map((s) => s.toSpec()),
    currency: model.meta.currency,
    language: model.meta.language,
  };
}
