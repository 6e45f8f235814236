import type { MessageParams } from './errors.js';

/**
 * The words of the financial model's checks. The engine says what it found as a message key and
 * values (rates already written as "9.0%", amounts as "1,234"); whoever shows a finding — the
 * workbench, the PDF, the workbook, the CLI — words it here in the reader's language.
 */

/** Every check the engine runs, by its stable code: the workbench titles each one in every language. */
export const checkCodes = [
  'terminal.growth_below_wacc',
  'terminal.value_share',
  'terminal.value_driver',
  'terminal.roic_vs_cost_of_capital',
  'forecast.custom_lines',
  'forecast.segments_base',
  'wacc.positive',
  'wacc.beta_range',
  'wacc.equity_below_debt',
  'valuation.computable',
  'value.negative_equity',
  'forecast.margin_vs_history',
  'forecast.nwc_swing',
  'sign.revenue',
  'sign.expense',
  'sign.forecast_driver',
  'sign.projected_revenue',
  'units.rate_as_percent',
  'units.magnitude_jump',
  'units.value_per_share',
  'units.comparables',
  'balance.balance_sheet',
  'balance.total_assets',
  'sources.missing',
  'comparables.meaningful_peers',
  'adjustments.failure',
  'adjustments.lease_debt',
  'adjustments.research_life',
  'adjustments.minority_interests',
] as const;
export type CheckCode = (typeof checkCodes)[number];

export const checkMessageKeys = [
  'growthNotBelowWacc',
  'growthNotBelowTerminalCostOfCapital',
  'growthNotBelowRonic',
  'growthBelowWaccPass',
  'waccNotPositive',
  'notComputable',
  'terminalShareGordon',
  'terminalShareExit',
  'terminalSharePass',
  'negativeEquity',
  'marginVsHistory',
  'marginVsHistoryPass',
  'nwcSwing',
  'nwcSwingPass',
  'revenueNotPositive',
  'revenuePositivePass',
  'expenseNegative',
  'capexNegative',
  'expensesPositivePass',
  'driverNegative',
  'driversNotNegativePass',
  'projectedRevenueNotPositive',
  'driverRateAsPercent',
  'inputRateAsPercent',
  'ratesDecimalPass',
  'magnitudeJump',
  'magnitudePass',
  'valuePerShareMismatch',
  'comparablesUnits',
  'balanceSheet',
  'balanceSheetPass',
  'totalAssets',
  'totalAssetsPass',
  'sourceMissing',
  'sourcesPass',
  'fewPeers',
  'fewPeersExcluded',
  'peersPass',
  'betaRange',
  'betaPass',
  'equityBelowDebt',
  'terminalReinvestmentVsLastYear',
  'terminalRonicVsLastYear',
  'valueDriverPass',
  'roicAboveCostOfCapital',
  'terminalRonicAboveCostOfCapital',
  'roicPass',
  'lineNotComputable',
  'costLineNotComputable',
  'linesPass',
  'segmentsBaseMismatch',
  'segmentsBasePass',
  'failureNoBookValue',
  'failureProceedsAboveGoingConcern',
  'failurePass',
  'leaseDebtAboveEnterpriseValue',
  'leaseDebtPass',
  'researchLifeOutsideRange',
  'researchLifePass',
  'minorityAboveEquity',
  'minorityPass',
] as const;
export type CheckMessageKey = (typeof checkMessageKeys)[number];

/** A finding's message: which text, and the values it is built from. */
export interface CheckMessage {
  key: CheckMessageKey;
  params: MessageParams;
}

export type CheckLanguage = 'ja' | 'en';

const ja: Record<CheckMessageKey, string> = {
  growthNotBelowWacc: '永久成長率 {{growth}} が WACC {{wacc}} 以上です（{{case}}）。ゴードン成長モデルの継続価値が発散します。',
  growthNotBelowTerminalCostOfCapital: '永久成長率 {{growth}} が継続価値の資本コスト {{wacc}} 以上です（{{case}}）。継続価値が発散します。',
  growthNotBelowRonic:
    '永久成長率 {{growth}} が RONIC（新規投下資本利益率）{{ronic}} 以上です（{{case}}）。成長に必要な再投資が NOPAT を上回ります。',
  growthBelowWaccPass: 'すべてのケースで永久成長率は WACC を下回っています。',
  waccNotPositive: '{{case}}の WACC が {{wacc}} です（0 より大きい必要があります）。',
  notComputable: '{{case}}は評価できません。入力値から計算すると、値が大きすぎて表せません。',
  terminalShareGordon: '{{case}}で継続価値（ゴードン成長モデル）が事業価値の {{share}} を占め、{{limit}} を超えています。',
  terminalShareExit: '{{case}}で継続価値（エグジット・マルチプル）が事業価値の {{share}} を占め、{{limit}} を超えています。',
  terminalSharePass: '継続価値は事業価値の {{limit}} 以下です。',
  negativeEquity: '{{case}}の株式価値が {{equity}} です（負債等が事業価値を上回っています）。',
  marginVsHistory: '{{year}}年度の EBITDA マージン {{margin}} が実績レンジ {{low}}〜{{high}} から大きく外れています（{{case}}）。',
  marginVsHistoryPass: '予測 EBITDA マージンは実績レンジの範囲内です。',
  nwcSwing: '{{year}}年度に正味運転資本が売上高比 {{from}} から {{to}} へ大きく変動しています（{{case}}）。',
  nwcSwingPass: '正味運転資本の変動は緩やかです。',
  revenueNotPositive: '{{year}}年度の売上高が {{value}} です（正の値のはずです）。',
  revenuePositivePass: '実績売上高は正の値です。',
  expenseNegative: '{{year}}年度の{{line}}が負の値（{{value}}）です。費用は正の値で入力します。',
  capexNegative: '{{year}}年度の設備投資が負の値（{{value}}）です。支出は正の値で入力します。',
  expensesPositivePass: '費用と設備投資は正の値で入力されています。',
  driverNegative: '{{year}}年度の{{driver}}が負の値（{{value}}）です（{{case}}）。',
  driversNotNegativePass: '減価償却費・設備投資・税率は負の値ではありません。',
  projectedRevenueNotPositive: '{{year}}年度の予測売上高が {{value}} です（{{case}}）。',
  driverRateAsPercent: '{{year}}年度の{{driver}}が {{value}}（{{percent}}）です。率は小数で入力します（{{suggestion}} のつもりでは？）。',
  inputRateAsPercent: '{{input}}が {{value}}（{{percent}}）です。率は小数で入力します（{{suggestion}} のつもりでは？）。',
  ratesDecimalPass: '率は小数で入力されています。',
  magnitudeJump: '{{from}}年度から{{to}}年度に売上高が {{ratio}} 倍になっています。単位（{{unit}}）は揃っていますか？',
  magnitudePass: '実績売上高の桁は揃っています。',
  valuePerShareMismatch:
    '1株当たり価値 {{value}} が株価 {{price}} の {{ratio}} 倍です。株式数の単位（{{shareUnit}}）と金額の単位（{{unit}}）を確認してください。',
  comparablesUnits:
    '類似会社の事業価値の中央値（{{peers}}）と対象会社（{{target}}）が1000倍以上異なります。単位（{{unit}}）を確認してください。',
  balanceSheet: '{{year}}年度の貸借対照表が一致しません。資産 {{assets}}、負債・純資産 {{claims}}（差額 {{difference}}）。',
  balanceSheetPass: 'すべての貸借対照表が一致しています。',
  totalAssets: '{{year}}年度の資産合計（{{total}}）が資産項目の合計（{{sum}}）と一致しません。',
  totalAssetsPass: '資産合計は各項目の合計と一致しています。',
  sourceMissing: '前提「{{input}}」に出典がありません。',
  sourcesPass: 'すべての前提に出典があります。',
  fewPeers: '{{multiple}}が有効な類似会社は {{count}} 社のみです。四分位に意味を持たせるには {{minimum}} 社以上必要です。',
  fewPeersExcluded:
    '{{multiple}}が有効な類似会社は {{count}} 社のみです（除外: {{excluded}}）。四分位に意味を持たせるには {{minimum}} 社以上必要です。',
  peersPass: '各マルチプルに有効な類似会社が {{minimum}} 社以上あります。',
  betaRange: 'レバードベータ {{beta}} が {{low}}〜{{high}} の範囲外です。',
  betaPass: 'ベータは妥当な範囲です。',
  equityBelowDebt: '株主資本コスト {{costOfEquity}} が税引前負債コスト {{costOfDebt}} を下回っています。',
  terminalReinvestmentVsLastYear:
    '継続価値の再投資率（g/RONIC）{{terminal}} が最終予測年度（{{year}}年度）の再投資率 {{last}} と大きく異なります（{{case}}）。予測最終年度から定常状態への移行を確認してください。',
  terminalRonicVsLastYear:
    '継続価値の RONIC {{ronic}} が最終予測年度（{{year}}年度）の成長率と再投資率から導かれる投下資本利益率 {{last}} と大きく異なります（{{case}}）。',
  valueDriverPass: '継続価値の再投資率と RONIC は最終予測年度と整合しています。',
  roicAboveCostOfCapital:
    '最終予測年度（{{year}}年度）の ROIC {{roic}} が継続価値の資本コスト {{wacc}} を {{limit}} 超上回ったまま永続する前提です（{{case}}）。競争により超過リターンは縮小するのが通常です。',
  terminalRonicAboveCostOfCapital:
    '継続価値の RONIC {{roic}} が継続価値の資本コスト {{wacc}} を {{limit}} 超上回っています（{{case}}）。超過リターンが永続する前提を確認してください。',
  roicPass: '継続価値に持ち込まれる ROIC は資本コストから {{limit}} 以内です。',
  lineNotComputable: 'カスタム行「{{line}}」が {{years}} 年度に計算できません（{{error}}、{{case}}）。表示は n/a になります。',
  costLineNotComputable: '営業費用の行「{{line}}」が {{years}} 年度に計算できません（{{error}}、{{case}}）。このケースは評価できません。',
  linesPass: 'すべてのカスタム行が各年度で計算できます。',
  segmentsBaseMismatch:
    'セグメントの基準年度の売上高合計 {{segments}} が実績売上高 {{revenue}} と {{gap}} 異なります。数量・単価・単位を確認してください。',
  segmentsBasePass: 'セグメントの基準年度の売上高合計は実績売上高と一致しています。',
  failureNoBookValue:
    '破綻確率 {{probability}} に対する清算価値は資本の簿価の割合ですが、資本の簿価が 0 です（{{case}}）。簿価を入力するか、公正価値基準にしてください。',
  failureProceedsAboveGoingConcern:
    '清算価値 {{proceeds}} が継続企業価値 {{goingConcern}} を上回っています（破綻確率 {{probability}}、{{case}}）。破綻を織り込むと価値が増えます。清算価値の割合を確認してください。',
  failurePass: '清算価値は継続企業価値以下で、その基準にも値があります。',
  leaseDebtAboveEnterpriseValue:
    'オペレーティング・リースの負債価値 {{debt}} が事業価値 {{enterpriseValue}} を上回っています（{{case}}）。支払予定額・割引率・単位を確認してください。',
  leaseDebtPass: 'リースの負債価値は事業価値以下です。',
  researchLifeOutsideRange: '研究開発費の償却年数 {{life}} 年が通常の範囲（{{low}}〜{{high}} 年）の外です。',
  researchLifePass: '研究開発費の償却年数は {{low}}〜{{high}} 年の範囲内です。',
  minorityAboveEquity:
    '非支配株主持分 {{minorities}} が株式価値 {{equity}} を上回っています（{{case}}）。金額・評価基準・PBR を確認してください。',
  minorityPass: '非支配株主持分は株式価値以下です。',
};

const en: Record<CheckMessageKey, string> = {
  growthNotBelowWacc: 'Terminal growth {{growth}} is not below WACC {{wacc}} ({{case}}): the Gordon value is infinite or negative.',
  growthNotBelowTerminalCostOfCapital:
    'Terminal growth {{growth}} is not below the terminal cost of capital {{wacc}} ({{case}}): the terminal value is infinite or negative.',
  growthNotBelowRonic:
    'Terminal growth {{growth}} is not below RONIC (the return on new invested capital) {{ronic}} ({{case}}): growth would need more reinvestment than all of NOPAT.',
  growthBelowWaccPass: 'Terminal growth is below WACC in every case.',
  waccNotPositive: 'WACC is {{wacc}} in the {{case}}; it must be above 0.',
  notComputable: 'The {{case}} cannot be valued: the inputs produce a value too large to represent.',
  terminalShareGordon:
    'The terminal value (Gordon growth) is {{share}} of enterprise value in the {{case}}, above {{limit}}: the value rests on the years after the forecast.',
  terminalShareExit:
    'The terminal value (exit multiple) is {{share}} of enterprise value in the {{case}}, above {{limit}}: the value rests on the years after the forecast.',
  terminalSharePass: 'Terminal values are at most {{limit}} of enterprise value.',
  negativeEquity: 'Equity value is {{equity}} in the {{case}}: debt and other claims exceed the enterprise value.',
  marginVsHistory: 'EBITDA margin {{margin}} in FY{{year}} is far outside the historical range {{low}}–{{high}} ({{case}}).',
  marginVsHistoryPass: 'Forecast EBITDA margins stay near the historical range.',
  nwcSwing:
    'Net working capital moves from {{from}} to {{to}} of revenue in FY{{year}} ({{case}}): a swing that large moves free cash flow; check it is intended.',
  nwcSwingPass: 'Net working capital moves smoothly.',
  revenueNotPositive: 'Revenue of FY{{year}} is {{value}}: revenue should be positive.',
  revenuePositivePass: 'Historical revenue is positive.',
  expenseNegative: '{{line}} of FY{{year}} is negative ({{value}}); expenses are entered as positive numbers.',
  capexNegative: 'Capital expenditure of FY{{year}} is negative ({{value}}); spending is entered as a positive number.',
  expensesPositivePass: 'Expenses and capital expenditure are entered as positive numbers.',
  driverNegative: '{{driver}} is negative ({{value}}) in FY{{year}} ({{case}}).',
  driversNotNegativePass: 'D&A, capex and tax rates are not negative.',
  projectedRevenueNotPositive: 'Projected revenue of FY{{year}} is {{value}} ({{case}}).',
  driverRateAsPercent: '{{driver}} of FY{{year}} is {{value}} ({{percent}}); rates are decimals — did you mean {{suggestion}}?',
  inputRateAsPercent: '{{input}} is {{value}} ({{percent}}); rates are decimals — did you mean {{suggestion}}?',
  ratesDecimalPass: 'Rates look like decimals.',
  magnitudeJump: 'Revenue changes {{ratio}}-fold from FY{{from}} to FY{{to}}: are both years in {{unit}}?',
  magnitudePass: 'Historical revenue keeps one order of magnitude.',
  valuePerShareMismatch:
    'Value per share {{value}} is {{ratio}} times the share price {{price}}: check the share unit ({{shareUnit}}) and the money unit ({{unit}}).',
  comparablesUnits:
    "Peers' median enterprise value ({{peers}}) and the target's ({{target}}) differ more than 1000-fold: are the peers in {{unit}}?",
  balanceSheet:
    'The balance sheet of FY{{year}} does not balance: assets {{assets}}, liabilities and equity {{claims}} (difference {{difference}}).',
  balanceSheetPass: 'Every balance sheet balances.',
  totalAssets: 'Total assets of FY{{year}} ({{total}}) are not the sum of the asset lines ({{sum}}).',
  totalAssetsPass: 'Total assets add up.',
  sourceMissing: 'The assumption “{{input}}” has no source.',
  sourcesPass: 'Every assumption has a source.',
  fewPeers: 'Only {{count}} peer(s) have a meaningful {{multiple}}; at least {{minimum}} are needed for quartiles to mean much.',
  fewPeersExcluded:
    'Only {{count}} peer(s) have a meaningful {{multiple}} (left out: {{excluded}}); at least {{minimum}} are needed for quartiles to mean much.',
  peersPass: 'Each multiple has at least {{minimum}} meaningful peers.',
  betaRange: 'Levered beta {{beta}} is outside {{low}}–{{high}}.',
  betaPass: 'Beta is in a plausible range.',
  equityBelowDebt: 'Cost of equity {{costOfEquity}} is below the pre-tax cost of debt {{costOfDebt}}.',
  terminalReinvestmentVsLastYear:
    'The terminal reinvestment rate (g/RONIC) {{terminal}} is far from the last forecast year’s (FY{{year}}) {{last}} ({{case}}): check the step from the forecast to the steady state.',
  terminalRonicVsLastYear:
    'RONIC {{ronic}} in the terminal value is far from the return implied by the last forecast year’s (FY{{year}}) growth and reinvestment, {{last}} ({{case}}).',
  valueDriverPass: 'The terminal reinvestment rate and RONIC agree with the last forecast year.',
  roicAboveCostOfCapital:
    'ROIC of the last forecast year (FY{{year}}), {{roic}}, is more than {{limit}} above the terminal cost of capital {{wacc}}, and the terminal value carries it for ever ({{case}}): competition usually wears such a spread down.',
  terminalRonicAboveCostOfCapital:
    'RONIC {{roic}} in the terminal value is more than {{limit}} above the terminal cost of capital {{wacc}} ({{case}}): the terminal value assumes the excess return lasts for ever.',
  roicPass: 'The return carried into the terminal value is within {{limit}} of the cost of capital.',
  lineNotComputable: 'Custom line "{{line}}" cannot be computed in FY{{years}} ({{error}}, {{case}}); it shows n/a there.',
  costLineNotComputable:
    'Operating-cost line "{{line}}" cannot be computed in FY{{years}} ({{error}}, {{case}}); the case cannot be valued.',
  linesPass: 'Every custom line can be computed in every year.',
  segmentsBaseMismatch:
    'The segments add up to {{segments}} of revenue in the base year, {{gap}} away from the reported {{revenue}}: check volumes, prices and units.',
  segmentsBasePass: 'The segments add up to the reported revenue of the base year.',
  failureNoBookValue:
    'The distress proceeds are a percentage of the book value of capital, which is 0, so a probability of failure of {{probability}} recovers nothing ({{case}}): state the book value, or use the going-concern value as the basis.',
  failureProceedsAboveGoingConcern:
    'The distress proceeds, {{proceeds}}, are above the going-concern value {{goingConcern}} (probability of failure {{probability}}, {{case}}): failing would add value; check the proceeds’ percentage.',
  failurePass: 'The distress proceeds are at most the going-concern value, and their basis has a value.',
  leaseDebtAboveEnterpriseValue:
    'The operating leases’ debt value {{debt}} is above the enterprise value {{enterpriseValue}} ({{case}}): check the commitments, the rate and the units.',
  leaseDebtPass: 'The lease debt is at most the enterprise value.',
  researchLifeOutsideRange: 'R&D is amortised over {{life}} years, outside the usual {{low}}–{{high}} years.',
  researchLifePass: 'The R&D amortisation life is within {{low}}–{{high}} years.',
  minorityAboveEquity:
    'Minority interests, {{minorities}}, are above the equity value {{equity}} ({{case}}): check the amount, its basis and the price-to-book ratio.',
  minorityPass: 'Minority interests are at most the equity value.',
};

export const checkMessages: Record<CheckLanguage, Record<CheckMessageKey, string>> = { ja, en };

/** Values that are codes (a statement line, a driver, an input, a unit, a multiple), worded here. */
const termParams = ['line', 'driver', 'input', 'unit', 'shareUnit', 'multiple'] as const;

export const checkTerms: Record<CheckLanguage, Record<string, string>> = {
  ja: {
    costOfSales: '売上原価',
    sellingGeneralAdministrative: '販売費及び一般管理費',
    depreciationAmortization: '減価償却費',
    revenueGrowth: '売上高成長率',
    ebitdaMargin: 'EBITDA マージン',
    depreciationPercentOfRevenue: '減価償却費（売上高比）',
    capexPercentOfRevenue: '設備投資（売上高比）',
    nwcPercentOfRevenue: '正味運転資本（売上高比）',
    taxRate: '税率',
    wacc: 'WACC',
    rate: 'WACC（直接入力）',
    terminalGrowth: '永久成長率',
    exitMultiple: 'エグジットマルチプル（EV/EBITDA）',
    riskFreeRate: 'リスクフリーレート',
    equityRiskPremium: '株式リスクプレミアム',
    beta: 'ベータ',
    sizePremium: 'サイズプレミアム',
    preTaxCostOfDebt: '税引前負債コスト',
    targetDebtToCapital: '目標 D/(D+E)',
    ones: '円',
    thousands: '千円',
    millions: '百万円',
    billions: '十億円',
    evToEbitda: 'EV/EBITDA',
    evToSales: 'EV/売上高',
    priceToEarnings: 'PER',
    base: '基本ケース',
  },
  en: {
    costOfSales: 'Cost of sales',
    sellingGeneralAdministrative: 'SG&A',
    depreciationAmortization: 'D&A',
    revenueGrowth: 'Revenue growth',
    ebitdaMargin: 'EBITDA margin',
    depreciationPercentOfRevenue: 'D&A % of revenue',
    capexPercentOfRevenue: 'Capex % of revenue',
    nwcPercentOfRevenue: 'NWC % of revenue',
    taxRate: 'Tax rate',
    wacc: 'WACC',
    rate: 'WACC (given)',
    terminalGrowth: 'Terminal growth',
    exitMultiple: 'Exit multiple (EV/EBITDA)',
    riskFreeRate: 'Risk-free rate',
    equityRiskPremium: 'Equity risk premium',
    beta: 'Beta',
    sizePremium: 'Size premium',
    preTaxCostOfDebt: 'Pre-tax cost of debt',
    targetDebtToCapital: 'Target D/(D+E)',
    ones: 'ones',
    thousands: 'thousands',
    millions: 'millions',
    billions: 'billions',
    evToEbitda: 'EV/EBITDA',
    evToSales: 'EV/Sales',
    priceToEarnings: 'P/E',
    base: 'base case',
  },
};

/** `{{name}}` replaced by its value, as i18next interpolates (kpo's messages never escape). */
export function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A finding's message in a language. `caseLabel` names a scenario as the reader knows it (its
 * label); the base case and code values are worded here.
 */
export function checkMessageText(message: CheckMessage, lang: CheckLanguage, caseLabel?: (scenario: string) => string): string {
  const terms = checkTerms[lang];
  const params: MessageParams = { ...message.params };
  for (const name of termParams) {
    const v = params[name];
    if (typeof v === 'string') params[name] = terms[v] ?? v;
  }
  if (typeof params.case === 'string') {
    const name = params.case;
    params.case = name === 'base' ? (terms.base ?? name) : (caseLabel?.(name) ?? name);
  }
  return interpolate(checkMessages[lang][message.key], params);
}
