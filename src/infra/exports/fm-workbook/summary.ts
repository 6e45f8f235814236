import type { CheckReport } from '../../../core/workbenches/financial-modeling/checks.js';
import { checkMessageText } from '../../../shared/check-messages.js';
import { modelPathLabel } from '../../../shared/model-paths.js';
import type { Built, Format, Ref, Sheet } from './cells.js';
import type { DcfRefs } from './dcf.js';
import type { AssumptionRefs } from './statements.js';

/** The summary sheet (key figures as formulas) and the checks sheet. */

export function buildChecks(s: Sheet, b: Built, report: CheckReport) {
  const { L, model } = b;
  s.columnWidths[1] = 8;
  s.columnWidths[2] = 30;
  s.columnWidths[3] = 40;
  s.columnWidths[4] = 100;
  s.text(1, 1, `${model.meta.codeName} — ${L.checks}`, 'title');
  s.text(2, 1, L.checkCounts(report.counts.pass, report.counts.warn, report.counts.fail), 'note');
  [L.status, L.code, L.location, L.message].forEach((t, i) => {
    s.text(4, 1 + i, t, 'header');
  });
  const lang = model.meta.language;
  const caseLabel = (name: string) => model.scenarios.find((x) => x.name === name)?.label ?? name;
  report.findings.forEach((f, k) => {
    s.text(5 + k, 1, L.checkStatus[f.status]);
    s.text(5 + k, 2, f.code);
    s.text(5 + k, 3, f.path.length > 0 ? modelPathLabel(f.path, lang, model) : '');
    s.text(5 + k, 4, checkMessageText(f.message, lang, caseLabel));
  });
}

export function buildSummary(s: Sheet, b: Built, dr: DcfRefs, ar: AssumptionRefs, report: CheckReport) {
  const { L, model, valuation: v } = b;
  s.columnWidths[1] = 40;
  s.columnWidths[3] = 18;
  s.text(1, 1, `${model.meta.codeName} — ${L.valuationSummary}`, 'title');
  s.text(2, 1, L.currencyNote(model.meta.currency, model.meta.unit), 'note');
  let row = 4;
  const info: [string, string][] = [
    [L.valuationDate, model.meta.valuationDate],
    ...(model.meta.company ? ([[L.company, model.meta.company.name]] as [string, string][]) : []),
    ...(model.meta.versionLabel ? ([[L.version, model.meta.versionLabel]] as [string, string][]) : []),
  ];
  for (const [k, val] of info) {
    s.text(row, 1, k);
    s.text(row, 3, val, 'label');
    row++;
  }
  row++;
  s.text(row, 1, L.keyFigures, 'header');
  row++;
  const figures: [string, Ref, number | null, Format][] = [
    [L.wacc, dr.wacc, v.discountRate, 'percent'],
    [L.enterpriseValue, dr.headline.ev, v.enterpriseValue, 'money'],
    [L.equityValue, dr.headline.equity, v.equityValue, 'money'],
    [L.valuePerShare, dr.headline.vps, v.valuePerShare, 'perShare'],
    [L.dilutedShares, dr.headline.diluted, v.dilutedShares, 'shares'],
    [`${L.valuePerShare} — ${L.gordon}`, dr.vps.gordon, v.gordon.valuePerShare, 'perShare'],
    ...(dr.vps.exit && v.exitMultipleMethod
      ? [
          [`${L.valuePerShare} — ${L.exitMultipleMethod}`, dr.vps.exit, v.exitMultipleMethod.valuePerShare, 'perShare'] as [
            string,
            Ref,
            number,
            Format,
          ],
        ]
      : []),
    [`${L.tvShare} — ${L.gordon}`, dr.tvShare, v.gordon.terminalValueShare, 'percent'],
  ];
  if (v.costOfCapital.byYear) figures.splice(1, 0, [L.terminalCostOfCapital, dr.terminalRate, v.costOfCapital.terminal, 'percent']);
  if (v.valueDriver && dr.valueDriverRonic && dr.valueDriverReinvestment)
    figures.push(
      [L.ronic, dr.valueDriverRonic, v.valueDriver.ronic, 'percent'],
      [L.reinvestmentRate, dr.valueDriverReinvestment, v.valueDriver.reinvestmentRate, 'percent'],
    );
  const nol = v.projection.lossCarryForward;
  if (nol && dr.nolEnd) figures.push([L.nolEnd, dr.nolEnd, nol.closing.at(-1) ?? 0, 'money']);
  for (const [label, ref, expected, format] of figures) {
    s.text(row, 1, label, format === 'perShare' && label === L.valuePerShare ? 'total' : 'label');
    s.formula(row, 3, (f) => f(ref), expected, format, label === L.valuePerShare ? 'total' : undefined);
    row++;
  }
  if (ar.refs.sharePrice) {
    const sp = ar.refs.sharePrice;
    s.text(row, 1, L.sharePrice);
    s.formula(row, 3, (f) => f(sp), model.market?.sharePrice ?? null, 'perShare');
    row++;
    s.text(row, 1, `${L.valuePerShare} / ${L.sharePrice} − 1`);
    s.formula(row, 3, (f) => `${f(dr.headline.vps)}/${f(sp)}-1`, v.valuePerShare / (model.market?.sharePrice ?? 1) - 1, 'percent');
    row++;
  }
  row++;
  s.text(row, 1, L.checkCounts(report.counts.pass, report.counts.warn, report.counts.fail), 'note');
  row += 2;
  s.text(row, 1, L.generatedBy, 'note');
}

/** Lays out the workbook of a model's base case. */
