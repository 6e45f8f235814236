import type { FinancialModel } from '../../../shared/contracts/financial-model.js';
import { footballFieldSchema } from '../../../shared/contracts/financial-model.js';
import type { FootballOmission } from '../../../shared/contracts/financial-model-api.js';
import { resolveCase, withInput } from './case.js';
import { analyzeComparables, type MultipleKey } from './comparables.js';
import { computeValuation, type TerminalMethod, valueCase } from './dcf.js';

export type FootballBarKey =
  | 'dcfGordon'
  | 'dcfExitMultiple'
  | 'sensitivity'
  | 'compsEvToEbitda'
  | 'compsEvToSales'
  | 'compsPriceToEarnings'
  | 'tradingRange';

export interface FootballBar {
  key: FootballBarKey;
  /** Value per share, whole currency units. */
  low: number;
  high: number;
  /** The point estimate (base case, peer median), when there is one. */
  mid: number | null;
  /** What the range flexes, for the legend: e.g. "g 0.5%–1.5%". */
  basis: string;
}

export interface FootballField {
  bars: FootballBar[];
  /** Reference lines: the current share price and the offer price, when known. */
  marketPrice: number | null;
  offerPrice: number | null;
  /** Bars left out and why (a peer set with no meaningful multiple, a range that cannot be valued): a code for people's languages, a sentence for the CLI. */
  omitted: { key: FootballBarKey; code: FootballOmission; reason: string }[];
}

const pct = (x: number) => `${(x * 100).toFixed(2).replace(/\.?0+$/, '')}%`;
const turns = (x: number) => `${x.toFixed(1)}x`;

/** The value-per-share ranges of the valuation summary ("football field"). */
export function footballField(model: FinancialModel): FootballField {
  const options = model.footballField ?? footballFieldSchema.parse({});
  const base = resolveCase(model);
  const valuation = valueCase(base);
  const bars: FootballBar[] = [];
  const omitted: FootballField['omitted'] = [];
  const valueAt = (c: typeof base, method: TerminalMethod): number | null => {
    const outcome = computeValuation(c);
    if (!outcome.ok) return null;
    const value = method === 'gordon' ? outcome.valuation.gordon : outcome.valuation.exitMultipleMethod;
    return value ? value.valuePerShare : null;
  };
  const pushRange = (key: FootballBarKey, values: (number | null)[], mid: number | null, basis: string) => {
    const valid = values.filter((v): v is number => v !== null);
    if (valid.length < values.length) {
      omitted.push({ key, code: 'range_not_valued', reason: 'part of the range cannot be valued (terminal growth reaches WACC)' });
      return;
    }
    bars.push({ key, low: Math.min(...valid), high: Math.max(...valid), mid, basis });
  };

  const g = base.terminalGrowth;
  const dg = options.growthRange;
  pushRange(
    'dcfGordon',
    [valueAt(withInput(base, 'terminalGrowth', g - dg), 'gordon'), valueAt(withInput(base, 'terminalGrowth', g + dg), 'gordon')],
    valuation.gordon.valuePerShare,
    `g ${pct(g - dg)}–${pct(g + dg)}`,
  );
  const x = base.exitMultiple;
  const dx = x === null ? 0 : Math.min(options.multipleRange, x / 2);
  if (x === null || !valuation.exitMultipleMethod)
    omitted.push({ key: 'dcfExitMultiple', code: 'no_exit_multiple', reason: 'the model gives no exit multiple' });
  else
    pushRange(
      'dcfExitMultiple',
      [valueAt(withInput(base, 'exitMultiple', x - dx), 'exitMultiple'), valueAt(withInput(base, 'exitMultiple', x + dx), 'exitMultiple')],
      valuation.exitMultipleMethod.valuePerShare,
      `EV/EBITDA ${turns(x - dx)}–${turns(x + dx)}`,
    );
  const w = valuation.discountRate;
  const dw = options.waccRange;
  const corners: (number | null)[] = [];
  // Without an exit multiple the headline is the Gordon value (the contract requires one for the exit-multiple method).
  const primary = x === null ? 'gordon' : base.terminalMethod;
  for (const wacc of [w - dw, w, w + dw]) {
    const second = primary === 'gordon' || x === null ? [g - dg, g, g + dg] : [x - dx, x, x + dx];
    for (const v of second) {
      const c = withInput(withInput(base, 'wacc', wacc), primary === 'gordon' ? 'terminalGrowth' : 'exitMultiple', v);
      corners.push(valueAt(c, primary));
    }
  }
  pushRange(
    'sensitivity',
    corners,
    valuation.valuePerShare,
    `WACC ${pct(w - dw)}–${pct(w + dw)}, ${primary === 'gordon' || x === null ? `g ${pct(g - dg)}–${pct(g + dg)}` : `EV/EBITDA ${turns(x - dx)}–${turns(x + dx)}`}`,
  );

  if (model.comparables) {
    const comps = analyzeComparables(model, base, valuation);
    const keys: [MultipleKey, FootballBarKey, string][] = [
      ['evToEbitda', 'compsEvToEbitda', 'EV/EBITDA'],
      ['evToSales', 'compsEvToSales', 'EV/Sales'],
      ['priceToEarnings', 'compsPriceToEarnings', 'P/E'],
    ];
    for (const [key, barKey, name] of keys) {
      const a = comps.multiples[key];
      if (!a.impliedValuePerShare || !a.stats) {
        omitted.push({
          key: barKey,
          ...(a.stats
            ? { code: 'target_metric_missing' as const, reason: 'the target metric is missing or not positive' }
            : { code: 'no_meaningful_peer' as const, reason: 'no peer has a meaningful multiple' }),
        });
        continue;
      }
      const v = a.impliedValuePerShare;
      bars.push({
        key: barKey,
        low: Math.min(v.low, v.high),
        high: Math.max(v.low, v.high),
        mid: v.mid,
        basis: `${name} ${turns(a.stats.firstQuartile)}–${turns(a.stats.thirdQuartile)} (${comps.basis.toUpperCase()}, n=${a.stats.count})`,
      });
    }
  }
  const market = model.market;
  if (market?.low52Week !== undefined && market.high52Week !== undefined)
    bars.push({
      key: 'tradingRange',
      low: Math.min(market.low52Week, market.high52Week),
      high: Math.max(market.low52Week, market.high52Week),
      mid: null,
      basis: '52w',
    });
  return { bars, marketPrice: market?.sharePrice ?? null, offerPrice: model.accretionDilution?.offerPricePerShare ?? null, omitted };
}
