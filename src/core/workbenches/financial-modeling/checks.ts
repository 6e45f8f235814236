import {
  type FinancialModel,
  type ForecastDriverKey,
  forecastDriverKeys,
  type InputId,
  type ModelLanguage,
} from '../../../shared/contracts/financial-model.js';
import { applicableInputs, ebitdaOf, netWorkingCapitalOf, resolveCase, scenarioNames, type ValuationCase } from './case.js';
import { companyMultiples, multipleKeys } from './comparables.js';
import { computeValuation, type Valuation } from './dcf.js';
import { median } from './statistics.js';

/**
 * Automated checks of a financial model, run on every submission of a financial-modeling
 * deliverable. Pure: a model in, findings out; never throws on a model that passed the schema.
 */

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface Finding {
  status: CheckStatus;
  /** Stable identifier of the check, e.g. "terminal.growth_below_wacc". */
  code: string;
  /** Where in the model document the finding points. */
  path: (string | number)[];
  scenario: string | null;
  /** In the model's language. */
  message: string;
}

export interface CheckReport {
  status: CheckStatus;
  counts: Record<CheckStatus, number>;
  findings: Finding[];
}

/** Thresholds, in decimals. */
export const checkThresholds = {
  terminalValueShare: 0.85,
  /** How far a forecast EBITDA margin may stray outside the historical range. */
  marginOutsideHistory: 0.05,
  /** A change of NWC as a share of revenue from one year to the next. */
  nwcSwing: 0.05,
  /** Revenue growing or shrinking by this factor in a year looks like a change of units. */
  unitJump: 100,
  /** Value per share this many times above or below the market price looks like a unit mistake. */
  priceMismatch: 20,
  /** A balance sheet may be off by this share of total assets (rounding of published figures). */
  balanceTolerance: 1e-4,
  minimumPeers: 3,
  betaRange: [0.3, 3] as const,
};

type Lang = ModelLanguage;
const say = (lang: Lang, en: string, ja: string) => (lang === 'ja' ? ja : en);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

class Findings {
  readonly list: Finding[] = [];
  constructor(readonly lang: Lang) {}
  add(status: CheckStatus, code: string, path: (string | number)[], en: string, ja: string, scenario: string | null = null) {
    this.list.push({ status, code, path, scenario, message: say(this.lang, en, ja) });
  }
  /** A pass finding for a check that found nothing, so a report shows what ran. */
  passIfClean(code: string, path: (string | number)[], en: string, ja: string) {
    if (!this.list.some((f) => f.code === code)) this.add('pass', code, path, en, ja);
  }
}

const driverLabel: Record<ForecastDriverKey, [string, string]> = {
  revenueGrowth: ['revenue growth', '売上成長率'],
  ebitdaMargin: ['EBITDA margin', 'EBITDAマージン'],
  depreciationPercentOfRevenue: ['D&A % of revenue', '減価償却費（対売上高）'],
  capexPercentOfRevenue: ['capex % of revenue', '設備投資（対売上高）'],
  nwcPercentOfRevenue: ['NWC % of revenue', '正味運転資本（対売上高）'],
  taxRate: ['tax rate', '税率'],
};

interface CaseRun {
  name: string;
  index: number | null;
  c: ValuationCase;
  valuation: Valuation | null;
}

/** Where a forecast driver of a case lives: the scenario's override when it has one, else the base forecast. */
function driverPath(model: FinancialModel, run: CaseRun, key: ForecastDriverKey, i: number): (string | number)[] | null {
  if (run.index === null) return ['forecast', key, i];
  return model.scenarios[run.index]?.overrides.forecast?.[key] ? ['scenarios', run.index, 'overrides', 'forecast', key, i] : null;
}

function checkTerminal(model: FinancialModel, runs: CaseRun[], out: Findings) {
  for (const run of runs) {
    const outcome = computeValuation(run.c);
    const scenarioPath = run.index === null ? [] : ['scenarios', run.index, 'overrides'];
    if (!outcome.ok) {
      if (outcome.reason === 'growth_not_below_wacc')
        out.add(
          'fail',
          'terminal.growth_below_wacc',
          run.index !== null && model.scenarios[run.index]?.overrides.terminalValue?.growthRate !== undefined
            ? [...scenarioPath, 'terminalValue', 'growthRate']
            : ['valuation', 'terminalValue', 'growthRate'],
          `Terminal growth ${pct(run.c.terminalGrowth)} is not below WACC ${pct(outcome.discountRate)} (${run.name}): the Gordon value is infinite or negative.`,
          `永久成長率 ${pct(run.c.terminalGrowth)} が WACC ${pct(outcome.discountRate)} 以上です（${run.name}）。ゴードン成長モデルの継続価値が発散します。`,
          run.name,
        );
      else if (outcome.reason === 'wacc_not_positive')
        out.add(
          'fail',
          'wacc.positive',
          ['wacc'],
          `WACC is ${pct(outcome.discountRate)} in the ${run.name} case; it must be above 0.`,
          `${run.name} ケースの WACC が ${pct(outcome.discountRate)} です（0 より大きい必要があります）。`,
          run.name,
        );
      else
        out.add(
          'fail',
          'valuation.computable',
          ['forecast'],
          `The ${run.name} case cannot be valued: ${outcome.message}`,
          `${run.name} ケースを評価できません: ${outcome.message}`,
          run.name,
        );
      continue;
    }
    const v = outcome.valuation;
    for (const m of [v.gordon, v.exitMultipleMethod]) {
      const share = m.terminalValueShare;
      const name = m.method === 'gordon' ? ['Gordon growth', 'ゴードン成長モデル'] : ['exit multiple', 'エグジット・マルチプル'];
      if (share !== null && share > checkThresholds.terminalValueShare)
        out.add(
          'warn',
          'terminal.value_share',
          m.method === 'gordon' ? ['valuation', 'terminalValue', 'growthRate'] : ['valuation', 'terminalValue', 'exitMultiple'],
          `The terminal value (${name[0]}) is ${pct(share)} of enterprise value in the ${run.name} case, above ${pct(checkThresholds.terminalValueShare)}: the value rests on the years after the forecast.`,
          `${run.name} ケースで継続価値（${name[1]}）が事業価値の ${pct(share)} を占め、${pct(checkThresholds.terminalValueShare)} を超えています。`,
          run.name,
        );
    }
    if (v.equityValue <= 0)
      out.add(
        'warn',
        'value.negative_equity',
        ['bridge'],
        `Equity value is ${fmt(v.equityValue)} in the ${run.name} case: debt and other claims exceed the enterprise value.`,
        `${run.name} ケースの株式価値が ${fmt(v.equityValue)} です（負債等が事業価値を上回っています）。`,
        run.name,
      );
  }
  out.passIfClean(
    'terminal.growth_below_wacc',
    ['valuation', 'terminalValue', 'growthRate'],
    'Terminal growth is below WACC in every case.',
    'すべてのケースで永久成長率は WACC を下回っています。',
  );
  out.passIfClean(
    'terminal.value_share',
    ['valuation', 'terminalValue'],
    `Terminal values are at most ${pct(checkThresholds.terminalValueShare)} of enterprise value.`,
    `継続価値は事業価値の ${pct(checkThresholds.terminalValueShare)} 以下です。`,
  );
}

function historicalMargins(model: FinancialModel): number[] {
  return model.historicals.filter((y) => y.incomeStatement.revenue > 0).map((y) => ebitdaOf(y) / y.incomeStatement.revenue);
}

function checkForecastAgainstHistory(model: FinancialModel, runs: CaseRun[], out: Findings) {
  const margins = historicalMargins(model);
  if (margins.length > 0) {
    const lo = Math.min(...margins) - checkThresholds.marginOutsideHistory;
    const hi = Math.max(...margins) + checkThresholds.marginOutsideHistory;
    for (const run of runs) {
      run.c.drivers.ebitdaMargin.forEach((m, i) => {
        const path = driverPath(model, run, 'ebitdaMargin', i);
        if (path && (m < lo || m > hi))
          out.add(
            'warn',
            'forecast.margin_vs_history',
            path,
            `EBITDA margin ${pct(m)} in ${run.c.years[i]} is far outside the historical range ${pct(Math.min(...margins))}–${pct(Math.max(...margins))} (${run.name}).`,
            `${run.c.years[i]}年度の EBITDA マージン ${pct(m)} が実績レンジ ${pct(Math.min(...margins))}〜${pct(Math.max(...margins))} から大きく外れています（${run.name}）。`,
            run.name,
          );
      });
    }
  }
  out.passIfClean(
    'forecast.margin_vs_history',
    ['forecast', 'ebitdaMargin'],
    'Forecast EBITDA margins stay near the historical range.',
    '予測 EBITDA マージンは実績レンジの範囲内です。',
  );

  const last = model.historicals.at(-1);
  const lastNwc = last ? netWorkingCapitalOf(last) : null;
  const lastNwcShare = last && lastNwc !== null && last.incomeStatement.revenue > 0 ? lastNwc / last.incomeStatement.revenue : null;
  for (const run of runs) {
    const shares = run.c.drivers.nwcPercentOfRevenue;
    shares.forEach((s, i) => {
      const before = i === 0 ? lastNwcShare : (shares[i - 1] ?? null);
      const path = driverPath(model, run, 'nwcPercentOfRevenue', i);
      if (path && before !== null && Math.abs(s - before) > checkThresholds.nwcSwing)
        out.add(
          'warn',
          'forecast.nwc_swing',
          path,
          `Net working capital moves from ${pct(before)} to ${pct(s)} of revenue in ${run.c.years[i]} (${run.name}): a swing that large moves free cash flow; check it is intended.`,
          `${run.c.years[i]}年度に正味運転資本が売上高比 ${pct(before)} から ${pct(s)} へ大きく変動しています（${run.name}）。`,
          run.name,
        );
    });
  }
  out.passIfClean(
    'forecast.nwc_swing',
    ['forecast', 'nwcPercentOfRevenue'],
    'Net working capital moves smoothly.',
    '正味運転資本の変動は緩やかです。',
  );
}

function checkSigns(model: FinancialModel, runs: CaseRun[], out: Findings) {
  model.historicals.forEach((y, i) => {
    const is = y.incomeStatement;
    if (is.revenue <= 0)
      out.add(
        'warn',
        'sign.revenue',
        ['historicals', i, 'incomeStatement', 'revenue'],
        `Revenue of ${y.year} is ${fmt(is.revenue)}: revenue should be positive.`,
        `${y.year}年度の売上高が ${fmt(is.revenue)} です（正の値のはずです）。`,
      );
    for (const key of ['costOfSales', 'sellingGeneralAdministrative', 'depreciationAmortization'] as const) {
      const v = is[key];
      if (v !== undefined && v < 0)
        out.add(
          'warn',
          'sign.expense',
          ['historicals', i, 'incomeStatement', key],
          `${key} of ${y.year} is negative (${fmt(v)}); expenses are entered as positive numbers.`,
          `${y.year}年度の ${key} が負の値（${fmt(v)}）です。費用は正の値で入力します。`,
        );
    }
    const capex = y.cashFlow?.capitalExpenditure;
    if (capex !== undefined && capex < 0)
      out.add(
        'warn',
        'sign.expense',
        ['historicals', i, 'cashFlow', 'capitalExpenditure'],
        `Capital expenditure of ${y.year} is negative (${fmt(capex)}); spending is entered as a positive number.`,
        `${y.year}年度の設備投資が負の値（${fmt(capex)}）です。支出は正の値で入力します。`,
      );
  });
  for (const run of runs) {
    for (const key of ['depreciationPercentOfRevenue', 'capexPercentOfRevenue', 'taxRate'] as const) {
      run.c.drivers[key].forEach((v, i) => {
        const path = driverPath(model, run, key, i);
        if (path && v < 0)
          out.add(
            'warn',
            'sign.forecast_driver',
            path,
            `${driverLabel[key][0]} is negative (${pct(v)}) in ${run.c.years[i]} (${run.name}).`,
            `${run.c.years[i]}年度の${driverLabel[key][1]}が負の値（${pct(v)}）です（${run.name}）。`,
            run.name,
          );
      });
    }
    const revenue = run.valuation?.projection.revenue ?? [];
    revenue.forEach((r, i) => {
      if (r <= 0)
        out.add(
          'warn',
          'sign.projected_revenue',
          ['forecast', 'revenueGrowth', i],
          `Projected revenue of ${run.c.years[i]} is ${fmt(r)} (${run.name}).`,
          `${run.c.years[i]}年度の予測売上高が ${fmt(r)} です（${run.name}）。`,
          run.name,
        );
    });
  }
  out.passIfClean('sign.revenue', ['historicals'], 'Historical revenue is positive.', '実績売上高は正の値です。');
  out.passIfClean(
    'sign.expense',
    ['historicals'],
    'Expenses and capital expenditure are entered as positive numbers.',
    '費用と設備投資は正の値で入力されています。',
  );
  out.passIfClean(
    'sign.forecast_driver',
    ['forecast'],
    'D&A, capex and tax rates are not negative.',
    '減価償却費・設備投資・税率は負の値ではありません。',
  );
}

/** Rates above these look like percentages typed as whole numbers (5 for 5%). */
const plausibleRateMax: Partial<Record<ForecastDriverKey, number>> = {
  revenueGrowth: 1,
  ebitdaMargin: 1,
  depreciationPercentOfRevenue: 1,
  capexPercentOfRevenue: 1,
  nwcPercentOfRevenue: 1.5,
};

function checkUnits(model: FinancialModel, runs: CaseRun[], out: Findings) {
  for (const run of runs) {
    for (const key of forecastDriverKeys) {
      const max = plausibleRateMax[key];
      if (max === undefined) continue;
      run.c.drivers[key].forEach((v, i) => {
        const path = driverPath(model, run, key, i);
        if (path && Math.abs(v) > max)
          out.add(
            'warn',
            'units.rate_as_percent',
            path,
            `${driverLabel[key][0]} of ${run.c.years[i]} is ${v} (${pct(v)}); rates are decimals — did you mean ${v / 100}?`,
            `${run.c.years[i]}年度の${driverLabel[key][1]}が ${v}（${pct(v)}）です。率は小数で入力します（${v / 100} のつもりでは？）。`,
            run.name,
          );
      });
    }
  }
  const w = model.wacc;
  const scalarRates: [(string | number)[], number, number][] = [
    [['valuation', 'terminalValue', 'growthRate'], model.valuation.terminalValue.growthRate, 0.25],
    ...(w.method === 'capm'
      ? ([
          [['wacc', 'riskFreeRate'], w.riskFreeRate, 0.25],
          [['wacc', 'equityRiskPremium'], w.equityRiskPremium, 0.25],
          [['wacc', 'sizePremium'], w.sizePremium, 0.25],
          [['wacc', 'preTaxCostOfDebt'], w.preTaxCostOfDebt, 0.5],
        ] as [(string | number)[], number, number][])
      : ([[['wacc', 'rate'], w.rate, 0.5]] as [(string | number)[], number, number][])),
  ];
  for (const [path, v, max] of scalarRates)
    if (Math.abs(v) > max)
      out.add(
        'warn',
        'units.rate_as_percent',
        path,
        `${path.join('.')} is ${v} (${pct(v)}); rates are decimals — did you mean ${v / 100}?`,
        `${path.join('.')} が ${v}（${pct(v)}）です。率は小数で入力します（${v / 100} のつもりでは？）。`,
      );

  model.historicals.forEach((y, i) => {
    const prev = model.historicals[i - 1];
    if (!prev || prev.incomeStatement.revenue <= 0 || y.incomeStatement.revenue <= 0) return;
    const ratio = y.incomeStatement.revenue / prev.incomeStatement.revenue;
    if (ratio > checkThresholds.unitJump || ratio < 1 / checkThresholds.unitJump)
      out.add(
        'warn',
        'units.magnitude_jump',
        ['historicals', i, 'incomeStatement', 'revenue'],
        `Revenue changes ${fmt(ratio)}-fold from ${prev.year} to ${y.year}: are both years in ${model.meta.unit}?`,
        `${prev.year}年度から${y.year}年度に売上高が ${fmt(ratio)} 倍になっています。単位（${model.meta.unit}）は揃っていますか？`,
      );
  });

  const base = runs[0]?.valuation;
  const price = model.market?.sharePrice;
  if (base && price && base.valuePerShare > 0) {
    const ratio = base.valuePerShare / price;
    if (ratio > checkThresholds.priceMismatch || ratio < 1 / checkThresholds.priceMismatch)
      out.add(
        'warn',
        'units.value_per_share',
        ['shares', 'unit'],
        `Value per share ${fmt(base.valuePerShare)} is ${fmt(ratio)} times the share price ${fmt(price)}: check shares.unit (${model.shares.unit}) and meta.unit (${model.meta.unit}).`,
        `1株当たり価値 ${fmt(base.valuePerShare)} が株価 ${fmt(price)} の ${fmt(ratio)} 倍です。shares.unit（${model.shares.unit}）と meta.unit（${model.meta.unit}）を確認してください。`,
      );
  }
  if (base && model.comparables) {
    const peerEv = median(model.comparables.companies.map((c) => Math.abs(c.enterpriseValue)));
    const ev = Math.abs(base.enterpriseValue);
    if (peerEv && ev > 0 && (peerEv / ev > 1000 || ev / peerEv > 1000))
      out.add(
        'warn',
        'units.comparables',
        ['comparables', 'companies'],
        `Peers' median enterprise value (${fmt(peerEv)}) and the target's (${fmt(ev)}) differ more than 1000-fold: are the peers in ${model.meta.unit}?`,
        `類似会社の事業価値の中央値（${fmt(peerEv)}）と対象会社（${fmt(ev)}）が1000倍以上異なります。単位を確認してください。`,
      );
  }
  out.passIfClean('units.rate_as_percent', ['forecast'], 'Rates look like decimals.', '率は小数で入力されています。');
  out.passIfClean(
    'units.magnitude_jump',
    ['historicals'],
    'Historical revenue keeps one order of magnitude.',
    '実績売上高の桁は揃っています。',
  );
}

function checkBalanceSheets(model: FinancialModel, out: Findings) {
  let any = false;
  model.historicals.forEach((y, i) => {
    const b = y.balanceSheet;
    if (!b) return;
    any = true;
    const assets = b.cash + b.receivables + b.inventories + b.otherCurrentAssets + b.propertyPlantEquipment + b.otherNonCurrentAssets;
    const claims = b.payables + b.otherCurrentLiabilities + b.debt + b.otherNonCurrentLiabilities + b.equity;
    const tolerance = Math.max(checkThresholds.balanceTolerance * Math.abs(b.totalAssets ?? assets), 1e-9);
    if (Math.abs(assets - claims) > tolerance)
      out.add(
        'fail',
        'balance.balance_sheet',
        ['historicals', i, 'balanceSheet'],
        `The balance sheet of ${y.year} does not balance: assets ${fmt(assets)}, liabilities and equity ${fmt(claims)} (difference ${fmt(assets - claims)}).`,
        `${y.year}年度の貸借対照表が一致しません。資産 ${fmt(assets)}、負債・純資産 ${fmt(claims)}（差額 ${fmt(assets - claims)}）。`,
      );
    if (b.totalAssets !== undefined && Math.abs(b.totalAssets - assets) > tolerance)
      out.add(
        'fail',
        'balance.total_assets',
        ['historicals', i, 'balanceSheet', 'totalAssets'],
        `Total assets of ${y.year} (${fmt(b.totalAssets)}) are not the sum of the asset lines (${fmt(assets)}).`,
        `${y.year}年度の資産合計（${fmt(b.totalAssets)}）が資産項目の合計（${fmt(assets)}）と一致しません。`,
      );
  });
  if (any) {
    out.passIfClean('balance.balance_sheet', ['historicals'], 'Every balance sheet balances.', 'すべての貸借対照表が一致しています。');
    out.passIfClean('balance.total_assets', ['historicals'], 'Total assets add up.', '資産合計は各項目の合計と一致しています。');
  }
}

function checkSources(model: FinancialModel, base: ValuationCase, out: Findings) {
  const needed: InputId[] = applicableInputs(base).filter((id) => (base.wacc.method === 'capm' ? id !== 'wacc' : true));
  for (const id of needed)
    if (!model.sources[id]?.trim())
      out.add('warn', 'sources.missing', ['sources', id], `The assumption "${id}" has no source.`, `前提「${id}」に出典がありません。`);
  out.passIfClean('sources.missing', ['sources'], 'Every assumption has a source.', 'すべての前提に出典があります。');
}

function checkComparables(model: FinancialModel, out: Findings) {
  if (!model.comparables) return;
  const companies = companyMultiples(model.comparables);
  for (const key of multipleKeys) {
    const n = companies.filter((c) => c[key] !== null).length;
    const excluded = companies.filter((c) => c[key] === null).map((c) => c.name);
    if (n < checkThresholds.minimumPeers)
      out.add(
        'warn',
        'comparables.meaningful_peers',
        ['comparables', 'companies'],
        `Only ${n} peer(s) have a meaningful ${key}${excluded.length ? ` (left out: ${excluded.join(', ')})` : ''}; at least ${checkThresholds.minimumPeers} are needed for quartiles to mean much.`,
        `${key} が有効な類似会社は ${n} 社のみです${excluded.length ? `（除外: ${excluded.join('、')}）` : ''}。`,
      );
  }
  out.passIfClean(
    'comparables.meaningful_peers',
    ['comparables'],
    `Each multiple has at least ${checkThresholds.minimumPeers} meaningful peers.`,
    `各マルチプルに有効な類似会社が ${checkThresholds.minimumPeers} 社以上あります。`,
  );
}

function checkWacc(model: FinancialModel, base: CaseRun, out: Findings) {
  const w = base.valuation?.wacc;
  if (w?.method !== 'capm' || w.leveredBeta === null || w.costOfEquity === null) return;
  const [lo, hi] = checkThresholds.betaRange;
  if (w.leveredBeta < lo || w.leveredBeta > hi)
    out.add(
      'warn',
      'wacc.beta_range',
      ['wacc', 'beta'],
      `Levered beta ${w.leveredBeta.toFixed(2)} is outside ${lo}–${hi}.`,
      `レバードベータ ${w.leveredBeta.toFixed(2)} が ${lo}〜${hi} の範囲外です。`,
    );
  if (model.wacc.method === 'capm' && w.costOfEquity < model.wacc.preTaxCostOfDebt)
    out.add(
      'warn',
      'wacc.equity_below_debt',
      ['wacc'],
      `Cost of equity ${pct(w.costOfEquity)} is below the pre-tax cost of debt ${pct(model.wacc.preTaxCostOfDebt)}.`,
      `株主資本コスト ${pct(w.costOfEquity)} が負債コスト（税引前）${pct(model.wacc.preTaxCostOfDebt)} を下回っています。`,
    );
  out.passIfClean('wacc.beta_range', ['wacc', 'beta'], 'Beta is in a plausible range.', 'ベータは妥当な範囲です。');
}

export function checkModel(model: FinancialModel): CheckReport {
  const out = new Findings(model.meta.language);
  const runs: CaseRun[] = scenarioNames(model).map((name, i) => {
    const c = resolveCase(model, name);
    const outcome = computeValuation(c);
    return { name, index: i === 0 ? null : i - 1, c, valuation: outcome.ok ? outcome.valuation : null };
  });
  const base = runs[0] as CaseRun;
  checkTerminal(model, runs, out);
  checkWacc(model, base, out);
  checkForecastAgainstHistory(model, runs, out);
  checkSigns(model, runs, out);
  checkUnits(model, runs, out);
  checkBalanceSheets(model, out);
  checkSources(model, base.c, out);
  checkComparables(model, out);
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0 };
  for (const f of out.list) counts[f.status]++;
  return { status: counts.fail > 0 ? 'fail' : counts.warn > 0 ? 'warn' : 'pass', counts, findings: out.list };
}
