import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { accretionDilution } from '../../core/workbenches/financial-modeling/accretion-dilution.js';
import { type CheckReport, checkModel } from '../../core/workbenches/financial-modeling/checks.js';
import { analyzeComparables, type ComparablesAnalysis } from '../../core/workbenches/financial-modeling/comparables.js';
import type { MethodValue, Valuation } from '../../core/workbenches/financial-modeling/dcf.js';
import type { Table } from '../../core/workbenches/financial-modeling/import.js';
import { parseFinancialModel, valueModel } from '../../core/workbenches/financial-modeling/model.js';
import { DEFAULT_GRID_STEPS, type SensitivityGrid, sensitivityGrid } from '../../core/workbenches/financial-modeling/sensitivity.js';
import { tornado } from '../../core/workbenches/financial-modeling/tornado.js';
import { valueBridge } from '../../core/workbenches/financial-modeling/value-bridge.js';
import { checkMessageText } from '../../shared/check-messages.js';
import { type FinancialModel, type InputId, inputIdSchema, inputIds } from '../../shared/contracts/financial-model.js';
import { AppError } from '../../shared/errors.js';
import { readFileBytes, readFileText } from '../files.js';
import type { CliIo } from '../io.js';
import { progress } from '../progress.js';

/**
 * `kpo fm …`: the financial-modeling workbench on model files (docs/financial-model-format.md).
 * Every problem comes back as an AppError naming the file, the option or the field.
 */

function readJson(path: string, what: string): unknown {
  const text = readFileText(path, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message.replace(/\s+/g, ' ');
    const at = /position (\d+)/.exec(message);
    const where = at ? ` (line ${text.slice(0, Number(at[1])).split('\n').length})` : '';
    const hint = /\b(NaN|-?Infinity)\b/.test(text) ? ' JSON has no NaN or Infinity: every number must be finite.' : '';
    throw new AppError('invalid_input', `${path} is not valid JSON${where}: ${message.replace(/\.?$/, '.')}${hint}`, {
      reason: 'invalid_json',
    });
  }
}

/** Reads and validates a model file; the issues of an invalid model name each field. */
export function readModel(path: string): FinancialModel {
  const json = readJson(path, 'model file');
  try {
    return parseFinancialModel(json);
  } catch (e) {
    if (e instanceof AppError && e.reason === 'invalid_model')
      throw new AppError('invalid_input', `${path}: ${e.message}`, { reason: e.reason, ...(e.issues && { issues: e.issues }) });
    throw e;
  }
}

function writeOut(path: string, bytes: Uint8Array): void {
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new AppError('invalid_input', `Cannot write ${path}: ${(e as Error).message}`, { reason: 'file_unwritable' });
  }
}

function parseInput(option: string, value: string): InputId {
  const parsed = inputIdSchema.safeParse(value);
  if (!parsed.success)
    throw new AppError('invalid_input', `${option} must be one of: ${inputIds.join(', ')}; got "${value}".`, {
      reason: 'invalid_option',
      issues: [{ path: [option], code: 'invalid_value', message: `Unknown input "${value}".` }],
    });
  return parsed.data;
}

function parseNumber(option: string, value: string | undefined, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)))
    throw new AppError('invalid_input', `${option} must be ${integer ? 'a whole number' : 'a number'}; got "${value}".`, {
      reason: 'invalid_option',
      issues: [{ path: [option], code: 'invalid_type', message: `Not ${integer ? 'a whole number' : 'a number'}: "${value}".` }],
    });
  return n;
}

// Text output ----------------------------------------------------------------------------------

/** A number with `digits` decimals; one that rounds to zero prints as 0, never "-0.0". */
export const fmtNumber = (x: number, digits: number) =>
  (Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (x: number | null, digits = 2) => (x === null ? 'n/a' : `${fmtNumber(x * 100, digits)}%`);
const times = (x: number | null) => (x === null ? 'n/a' : `${fmtNumber(x, 1)}x`);

function formats(model: FinancialModel) {
  const whole = model.meta.currency === 'JPY';
  return { money: (x: number) => fmtNumber(x, whole ? 0 : 1), perShare: (x: number) => fmtNumber(x, whole ? 0 : 2) };
}

/** Terminal columns a string takes: East Asian wide and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}

/** Columns padded to their widest cell; the first column left-aligned, the others right-aligned unless `left` names them. */
function table(rows: string[][], left: number[] = [0]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
    });
  const pad = (cell: string, i: number) => {
    const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell)));
    return left.includes(i) ? cell + fill : fill + cell;
  };
  return rows.map((row) => row.map(pad).join('  ').trimEnd()).join('\n');
}

function unitLine(model: FinancialModel): string {
  return `${model.meta.currency} ${model.meta.unit}; per share in ${model.meta.currency}; shares in ${model.shares.unit}`;
}

/** "12.3% above" or "23.0% below" the share price (never "−23.0% above"); "at" when they round to the same. */
export function priceComparison(price: string, difference: number): string {
  const rounded = pct(Math.abs(difference), 1);
  if (rounded === pct(0, 1)) return `Share price ${price}: value per share is at it`;
  return `Share price ${price}: value per share is ${rounded} ${difference > 0 ? 'above' : 'below'} it`;
}

function valuationText(model: FinancialModel, v: Valuation, comps: ComparablesAnalysis | null): string {
  const f = formats(model);
  const p = v.projection;
  const base = model.historicals.at(-1);
  const lines: string[] = [];
  lines.push(
    `${model.meta.codeName}${model.meta.versionLabel ? ` (${model.meta.versionLabel})` : ''} — ${v.scenario} case — ${unitLine(model)}`,
  );
  lines.push('');
  const header = ['', `${base?.year ?? ''}A`, ...p.years.map((y) => `${y}E`)];
  const row = (label: string, baseValue: number | null, values: number[]) => [
    label,
    baseValue === null ? '' : f.money(baseValue),
    ...values.map(f.money),
  ];
  lines.push(
    table([
      header,
      row('Revenue', base?.incomeStatement.revenue ?? null, p.revenue),
      ...(p.segments ?? []).map((s) => row(`  ${s.label}`, null, s.revenue)),
      ...(p.operatingCosts ? [row('Operating costs (before EBITDA)', null, p.operatingCosts)] : []),
      row('EBITDA', base ? base.incomeStatement.operatingIncome + base.incomeStatement.depreciationAmortization : null, p.ebitda),
      row('EBIT', base?.incomeStatement.operatingIncome ?? null, p.ebit),
      ...(model.forecast.operatingMargin ? [['EBIT margin', '', ...p.ebit.map((e, i) => pct(e / (p.revenue[i] || 1)))]] : []),
      row('Taxes on EBIT', null, p.taxes),
      row('D&A', base?.incomeStatement.depreciationAmortization ?? null, p.depreciation),
      row('Capex', null, p.capex),
      row('Change in NWC', null, p.changeInNetWorkingCapital),
      row('Free cash flow', null, p.freeCashFlow),
      ...(p.lossCarryForward
        ? [row('Tax losses used', null, p.lossCarryForward.used), row('Tax losses carried forward', null, p.lossCarryForward.closing)]
        : []),
      ...(p.salesToCapital
        ? [
            ['Sales to capital', '', ...p.salesToCapital.ratio.map((r) => fmtNumber(r, 2))],
            row('Reinvestment', null, p.salesToCapital.reinvestment),
          ]
        : []),
      ...(p.investedCapital
        ? [
            row('Invested capital (end)', null, p.investedCapital.closing),
            ['ROIC', '', ...p.investedCapital.roic.map((r) => (r === null ? 'n/a' : pct(r)))],
          ]
        : []),
      ...(v.costOfCapital.byYear ? [['WACC', '', ...v.costOfCapital.rates.map((r) => pct(r))]] : []),
      ['Discount factor', '', ...v.discountFactors.map((d) => fmtNumber(d, 4))],
      row('Present value', null, v.presentValues),
      // Custom lines (forecast.lines): a year the formula cannot compute reads n/a.
      ...(p.lines ?? []).map((l) => [
        l.label,
        '',
        ...l.values.map((x) =>
          x === null ? 'n/a' : l.format === 'percent' ? pct(x) : l.format === 'number' ? fmtNumber(x, 2) : f.money(x),
        ),
      ]),
    ]),
  );
  lines.push('');
  const w = v.wacc;
  if (v.costOfCapital.byYear)
    lines.push(
      `WACC by year: ${pct(v.discountRate)} in ${p.years[0] ?? ''} to ${pct(v.costOfCapital.rates.at(-1) ?? v.discountRate)} in ${p.years.at(-1) ?? ''}; terminal cost of capital ${pct(v.costOfCapital.terminal)}; discounted with cumulated factors. First year:`,
    );
  lines.push(
    w.method === 'capm'
      ? `WACC ${pct(v.discountRate)} (levered beta ${fmtNumber(w.leveredBeta ?? 0, 3)}, cost of equity ${pct(w.costOfEquity)}, after-tax cost of debt ${pct(w.afterTaxCostOfDebt)}, D/(D+E) ${pct(w.debtWeight, 1)})`
      : `WACC ${pct(v.discountRate)} (given)`,
  );
  lines.push(
    `Terminal growth ${pct(v.terminalGrowth)}, ${v.exitMultiple === null ? 'exit multiple not given' : `exit multiple ${times(v.exitMultiple)} EV/EBITDA`}, ${model.valuation.midYearConvention ? 'mid-year' : 'end-of-year'} discounting`,
  );
  const vd = v.valueDriver;
  if (vd)
    lines.push(
      `Value-driver terminal value: NOPAT ${f.money(vd.nopat)} in the terminal year (revenue ${f.money(vd.revenue)}, growth ${pct(vd.revenueGrowth)}, operating margin ${pct(vd.operatingMargin)}, tax ${pct(vd.taxRate)}); RONIC ${pct(vd.ronic)}, reinvestment rate ${pct(vd.reinvestmentRate)} (g/RONIC); last forecast year: reinvestment rate ${pct(vd.lastYearReinvestmentRate)}, implied return on new capital ${pct(vd.lastYearImpliedRonic)}`,
    );
  lines.push('');
  const g = v.gordon;
  const x = v.exitMultipleMethod;
  // Without an exit multiple the table has the Gordon (or value-driver) column only.
  const both = (label: string, a: string, b: (m: MethodValue) => string) => (x ? [label, a, b(x)] : [label, a]);
  const same = (label: string, a: string) => both(label, a, () => a);
  lines.push(
    table([
      x ? ['', vd ? 'Value driver' : 'Gordon growth', 'Exit multiple'] : ['', vd ? 'Value driver' : 'Gordon growth'],
      same('Sum of PV of free cash flow', f.money(v.sumOfPresentValues)),
      both('Terminal value', f.money(g.terminalValue), (m) => f.money(m.terminalValue)),
      both('PV of terminal value', f.money(g.presentValueOfTerminalValue), (m) => f.money(m.presentValueOfTerminalValue)),
      both('Enterprise value', f.money(g.enterpriseValue), (m) => f.money(m.enterpriseValue)),
      both('Terminal value share of EV', pct(g.terminalValueShare, 1), (m) => pct(m.terminalValueShare, 1)),
      ...(g.failure
        ? [
            both(
              `Distress proceeds (${pct(g.failure.proceedsPercent, 1)} of ${g.failure.proceedsBasis === 'bookValue' ? 'book value of capital' : 'going-concern value'})`,
              f.money(g.failure.proceeds),
              (m) => f.money(m.failure?.proceeds ?? 0),
            ),
            both(`Operating assets, ${pct(g.failure.probability, 1)} probability of failure`, f.money(g.failure.value), (m) =>
              f.money(m.failure?.value ?? 0),
            ),
          ]
        : []),
      same('Plus cash', f.money(v.bridge.cash)),
      same('Less debt', f.money(-v.bridge.debt)),
      ...v.bridge.otherItems.map((i) => same(i.label, f.money(i.signedAmount))),
      both('Equity value', f.money(g.equityValue), (m) => f.money(m.equityValue)),
      both('Diluted shares', fmtNumber(g.dilution.dilutedShares, 3), (m) => fmtNumber(m.dilution.dilutedShares, 3)),
      both('Value per share', f.perShare(g.valuePerShare), (m) => f.perShare(m.valuePerShare)),
    ]),
  );
  lines.push('');
  const im = v.impliedMultiples;
  lines.push(
    `Headline (${v.primary === 'gordon' ? (vd ? 'value driver' : 'Gordon growth') : 'exit multiple'}): enterprise value ${f.money(v.enterpriseValue)}, equity value ${f.money(v.equityValue)}, value per share ${f.perShare(v.valuePerShare)}`,
  );
  lines.push(
    `Implied: EV/EBITDA ${times(im.evToEbitdaLtm)} LTM, ${times(im.evToEbitdaNtm)} NTM; EV/revenue ${times(im.evToRevenueLtm)} LTM; P/E ${times(im.priceToEarningsLtm)} LTM; Gordon ≙ exit multiple ${times(im.gordonImpliedExitMultiple)}${x ? `; exit multiple ≙ growth ${pct(im.exitImpliedGrowth)}` : ''}`,
  );
  const rnd = v.capitalization?.researchAndDevelopment;
  if (rnd)
    lines.push(
      `R&D capitalised over ${rnd.life} years: research asset ${f.money(rnd.base.asset)}, amortisation ${f.money(rnd.base.amortization)}, adjusted EBIT ${f.money(rnd.base.adjustedEbit)} (reported ${f.money(rnd.base.ebit)}); free cash flow unchanged`,
    );
  const leases = v.capitalization?.operatingLeases;
  if (leases)
    lines.push(
      `Operating leases as debt: ${f.money(leases.debt)} at ${pct(leases.rate)} (${leases.commitments.length} years listed${leases.beyondYears > 0 ? ` + ${leases.beyondYears} of the lump sum` : ''}), depreciation ${f.money(leases.depreciation)}, adjusted EBIT ${f.money(leases.adjustedEbit)} (reported ${f.money(leases.ebit)})`,
    );
  if (model.market?.sharePrice)
    lines.push(priceComparison(f.perShare(model.market.sharePrice), v.valuePerShare / model.market.sharePrice - 1));
  if (comps) {
    lines.push('');
    lines.push(`Comparables (${comps.basis.toUpperCase()}, ${comps.companies.length} companies): value per share at Q1 / median / Q3`);
    const names = { evToEbitda: 'EV/EBITDA', evToSales: 'EV/Sales', priceToEarnings: 'P/E' } as const;
    lines.push(
      table(
        (['evToEbitda', 'evToSales', 'priceToEarnings'] as const).map((k) => {
          const a = comps.multiples[k];
          const s = a.stats;
          const vps = a.impliedValuePerShare;
          return [
            `  ${names[k]}`,
            s ? `${times(s.firstQuartile)} / ${times(s.median)} / ${times(s.thirdQuartile)} (n=${s.count})` : 'no meaningful multiple',
            vps ? `${f.perShare(vps.low)} / ${f.perShare(vps.mid)} / ${f.perShare(vps.high)}` : 'n/a',
          ];
        }),
      ),
    );
  }
  if (model.accretionDilution) {
    const ad = accretionDilution(model);
    lines.push('');
    lines.push(
      `Accretion/dilution at ${f.perShare(ad.offerPricePerShare)} a share (purchase price ${f.money(ad.purchasePrice)}${ad.premiumToMarket === null ? '' : `, premium ${pct(ad.premiumToMarket, 1)}`}): EPS ${fmtNumber(ad.standaloneEps, 2)} → ${fmtNumber(ad.proFormaEps, 2)} (${ad.accretion === null ? 'n/a' : `${ad.accretion >= 0 ? '+' : ''}${pct(ad.accretion, 1)}`}); break-even synergies ${f.money(ad.breakevenSynergies)}`,
    );
  }
  return lines.join('\n');
}

function axisValue(input: InputId, mode: 'absolute' | 'shift', x: number): string {
  if (input === 'exitMultiple') return times(x);
  if (input === 'beta') return fmtNumber(x, 2);
  if (mode === 'shift') return `${x >= 0 ? '+' : ''}${fmtNumber(x * 100, 2)}pp`;
  return pct(x);
}

function gridText(model: FinancialModel, grid: SensitivityGrid): string {
  const f = formats(model);
  const rows: string[][] = [[`${grid.y.input} \\ ${grid.x.input}`, ...grid.x.values.map((x) => axisValue(grid.x.input, grid.x.mode, x))]];
  grid.valuePerShare.forEach((row, j) => {
    rows.push([axisValue(grid.y.input, grid.y.mode, grid.y.values[j] ?? 0), ...row.map((c) => (c === null ? 'n/a' : f.perShare(c)))]);
  });
  return [
    `Value per share (${grid.method === 'gordon' ? 'Gordon growth' : 'exit multiple'}, ${grid.scenario} case), ${grid.y.input} down, ${grid.x.input} across; base ${f.perShare(grid.baseValuePerShare)}`,
    table(rows),
    ...(grid.invalidCells ? [`n/a: ${grid.invalidCells} cells where terminal growth reaches WACC (or WACC ≤ 0).`] : []),
  ].join('\n');
}

function checksText(report: CheckReport, model: FinancialModel, all: boolean): string {
  const shown = all ? report.findings : report.findings.filter((f) => f.status !== 'pass');
  const say = (f: CheckReport['findings'][number]) =>
    checkMessageText(f.message, model.meta.language, (name) => scenarioLabel(model, name));
  const lines = shown.map((f) => `${f.status.toUpperCase().padEnd(4)}  ${f.code}  ${f.path.join('.') || '(model)'}\n      ${say(f)}`);
  lines.push(`${report.counts.pass} pass, ${report.counts.warn} warn, ${report.counts.fail} fail${all ? '' : ' (--all lists the passes)'}`);
  return lines.join('\n');
}

const scenarioLabel = (model: FinancialModel, name: string) => model.scenarios.find((s) => s.name === name)?.label ?? name;

// The xlsx and pdf libraries take most of a second to load: only the commands that use them do.
const importer = () => import('../../core/workbenches/financial-modeling/import.js');

async function readTable(file: string, sheet: string | undefined): Promise<Table> {
  const { tableReader } = await import('../../infra/files/tables.js');
  const bytes = readFileBytes(file);
  return (await tableReader.read({ name: file, bytes }, { sheet })).table;
}

export function registerFmCommands(program: Command, io: CliIo): void {
  const out = (json: boolean, value: unknown, text: () => string) =>
    io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
  const fm = program
    .command('fm')
    .description('the financial-modeling workbench: DCF valuation, sensitivities, checks and exports of a model file');

  fm.command('value <model>')
    .description('value a model: projections, free cash flow, WACC, DCF (Gordon and exit multiple), bridge to equity, value per share')
    .option('--scenario <name>', 'a scenario of the model instead of the base case')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: { scenario?: string; json?: boolean }) => {
      const model = readModel(file);
      const { case: c, valuation } = valueModel(model, opts.scenario === undefined ? {} : { scenario: opts.scenario });
      const comps = model.comparables ? analyzeComparables(model, c, valuation) : null;
      const ad = model.accretionDilution ? accretionDilution(model) : null;
      out(!!opts.json, { valuation, comparables: comps, accretionDilution: ad }, () => valuationText(model, valuation, comps));
    });

  fm.command('sensitivity <model>')
    .description(`a two-input sensitivity grid of value per share (${DEFAULT_GRID_STEPS}×${DEFAULT_GRID_STEPS} by default)`)
    .requiredOption('--x <input>', `input across: ${inputIds.join(', ')}`)
    .requiredOption('--y <input>', 'input down')
    .option('--steps <n>', `points on each axis, odd (default ${DEFAULT_GRID_STEPS})`)
    .option('--x-step <step>', 'step of the x axis (decimals: 0.0025 is 0.25 points)')
    .option('--y-step <step>', 'step of the y axis')
    .option('--scenario <name>', 'a scenario of the model instead of the base case')
    .option('--json', 'machine-readable output')
    .action(
      (file: string, opts: { x: string; y: string; steps?: string; xStep?: string; yStep?: string; scenario?: string; json?: boolean }) => {
        const x = parseInput('--x', opts.x);
        const y = parseInput('--y', opts.y);
        const steps = parseNumber('--steps', opts.steps, true);
        const xStep = parseNumber('--x-step', opts.xStep);
        const yStep = parseNumber('--y-step', opts.yStep);
        const model = readModel(file);
        const grid = sensitivityGrid(model, {
          x: { input: x, ...(steps !== undefined && { steps }), ...(xStep !== undefined && { step: xStep }) },
          y: { input: y, ...(steps !== undefined && { steps }), ...(yStep !== undefined && { step: yStep }) },
          ...(opts.scenario !== undefined && { scenario: opts.scenario }),
        });
        out(!!opts.json, grid, () => gridText(model, grid));
      },
    );

  fm.command('tornado <model>')
    .description('each input moved down and up on its own; the swing of value per share, largest first')
    .option('--scenario <name>', 'a scenario of the model instead of the base case')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: { scenario?: string; json?: boolean }) => {
      const model = readModel(file);
      const t = tornado(model, opts.scenario === undefined ? {} : { scenario: opts.scenario });
      const f = formats(model);
      const value = (v: number | null) => (v === null ? 'n/a' : f.perShare(v));
      out(!!opts.json, t, () =>
        [
          `Value per share ${f.perShare(t.baseValuePerShare)} (${t.scenario} case)`,
          table([
            ['input', 'low', 'value', 'high', 'value', 'swing'],
            ...t.bars.map((b) => [
              b.input,
              axisValue(b.input, b.mode, b.low.inputValue),
              value(b.low.valuePerShare),
              axisValue(b.input, b.mode, b.high.inputValue),
              value(b.high.valuePerShare),
              f.perShare(b.swing),
            ]),
          ]),
        ].join('\n'),
      );
    });

  fm.command('check <model>')
    .description('run the model checks; exits with an error when any check fails')
    .option('--all', 'list passing checks too')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: { all?: boolean; json?: boolean }) => {
      const model = readModel(file);
      const report = checkModel(model);
      out(!!opts.json, report, () => checksText(report, model, !!opts.all));
      if (report.counts.fail > 0)
        throw new AppError('invalid_input', `${file}: ${report.counts.fail} check${report.counts.fail === 1 ? '' : 's'} failed.`, {
          reason: 'checks_failed',
          issues: report.findings
            .filter((f) => f.status === 'fail')
            .map((f) => ({
              path: f.path,
              code: 'check_failed' as const,
              message: checkMessageText(f.message, model.meta.language),
              params: { check: f.code },
            })),
        });
    });

  fm.command('bridge <from> <to>')
    .description('what changed between two versions of a model and what each change did to value per share')
    .option('--json', 'machine-readable output')
    .action((fromFile: string, toFile: string, opts: { json?: boolean }) => {
      const a = readModel(fromFile);
      const b = readModel(toFile);
      const bridge = valueBridge(a, b);
      const f = formats(b);
      const signed = (x: number) => `${x >= 0 ? '+' : '−'}${f.perShare(Math.abs(x))}`;
      const show = (v: unknown) => (typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? '—'));
      out(!!opts.json, bridge, () =>
        [
          `Value per share: ${bridge.from.label} ${f.perShare(bridge.from.valuePerShare)} → ${bridge.to.label} ${f.perShare(bridge.to.valuePerShare)} (${signed(bridge.to.valuePerShare - bridge.from.valuePerShare)})`,
          table(
            bridge.steps.map((s) => [
              `  ${s.drivers.join(' + ')}`,
              signed(s.effect),
              s.changes
                .slice(0, 3)
                .map((c) => `${c.path.join('.')} ${show(c.from)} → ${show(c.to)}`)
                .join('; ') + (s.changes.length > 3 ? `; … ${s.changes.length - 3} more` : ''),
            ]),
            [0, 2],
          ),
          ...(bridge.otherChanges.length
            ? [`No effect on value: ${[...new Set(bridge.otherChanges.map((c) => c.path.slice(0, 2).join('.')))].join(', ')}`]
            : []),
        ].join('\n'),
      );
    });

  fm.command('export <model>')
    .description('write the model as an .xlsx workbook with live formulas and/or a PDF valuation summary')
    .option('--xlsx <file>', 'the workbook to write')
    .option('--pdf <file>', 'the PDF summary to write')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { xlsx?: string; pdf?: string; json?: boolean }) => {
      if (!opts.xlsx && !opts.pdf)
        throw new AppError('invalid_input', 'Give --xlsx FILE, --pdf FILE or both.', {
          reason: 'invalid_option',
          issues: [{ path: ['--xlsx'], code: 'missing', message: 'Nothing to export.' }],
        });
      const model = readModel(file);
      const bar = progress('Exporting', !opts.json && process.stderr.isTTY === true);
      const total = (opts.xlsx ? 1 : 0) + (opts.pdf ? 1 : 0);
      const written: { file: string; kind: 'xlsx' | 'pdf'; bytes: number; formulas?: number }[] = [];
      if (opts.xlsx) {
        bar.update(0, total, 'xlsx');
        const { exportFmXlsx } = await import('../../infra/exports/fm-xlsx.js');
        const { bytes, spec } = await exportFmXlsx(model);
        writeOut(opts.xlsx, bytes);
        const formulas = spec.sheets.reduce((n, s) => n + [...s.cells.values()].filter((c) => c.formula !== undefined).length, 0);
        written.push({ file: opts.xlsx, kind: 'xlsx', bytes: bytes.length, formulas });
      }
      if (opts.pdf) {
        bar.update(written.length, total, 'pdf');
        const { exportFmPdf } = await import('../../infra/exports/fm-pdf.js');
        const bytes = await exportFmPdf(model);
        writeOut(opts.pdf, bytes);
        written.push({ file: opts.pdf, kind: 'pdf', bytes: bytes.length });
      }
      bar.update(total, total);
      bar.stop();
      out(!!opts.json, { written }, () =>
        written
          .map((w) => `Wrote ${w.file} (${w.kind}, ${fmtNumber(w.bytes / 1024, 0)} KB${w.formulas ? `, ${w.formulas} formulas` : ''})`)
          .join('\n'),
      );
    });

  fm.command('import <file>')
    .description(
      'historical statements from a .csv or .xlsx table: without --map, suggest a column mapping; with it, print the historicals',
    )
    .option('--map <mapping.json>', 'the column mapping to apply (edit the suggested one)')
    .addOption(new Option('--sheet <name>', 'the sheet of an .xlsx file (default: the first)'))
    .action(async (file: string, opts: { map?: string; sheet?: string }) => {
      const table = await readTable(file, opts.sheet);
      const { importHistoricals, suggestMapping } = await importer();
      if (!opts.map) {
        const suggestion = suggestMapping(table);
        io.stdout(`${JSON.stringify(suggestion.mapping, null, 2)}\n`);
        io.stderr(
          `Suggested mapping for ${file}: years ${suggestion.years.map((y) => `${y.header}→${y.year}`).join(', ') || 'none found'}.${suggestion.unmapped.length ? ` Not mapped: ${suggestion.unmapped.join(', ')}.` : ''} Save it, correct it, and run again with --map.\n`,
        );
        return;
      }
      const result = importHistoricals(table, readJson(opts.map, 'mapping file'));
      io.stdout(`${JSON.stringify(result.historicals, null, 2)}\n`);
      if (result.unmappedLabels.length) io.stderr(`Left out (not in the mapping): ${result.unmappedLabels.join(', ')}\n`);
    });
}
