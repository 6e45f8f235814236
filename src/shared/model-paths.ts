/**
 * Where a path in a financial model points, in words: `forecast.revenueGrowth.1` is
 * 「売上高成長率（2026年度）」 / "Revenue growth (FY2026)". Validation issues and checks carry
 * paths; people read these labels, never the path. A path kpo has no words for reads as
 * "this field", never as the path itself.
 */

type Lang = 'ja' | 'en';
export type ModelPath = readonly (string | number)[];

/** What a label may use of the model: the years and scenarios it names by index. */
export interface PathContext {
  forecast?:
    | {
        years?: readonly number[];
        /** Custom lines and segments, so a path into one names it rather than counting it. */
        lines?: readonly { name: string; label?: string | undefined }[] | undefined;
        segments?: readonly { name: string; label?: string | undefined }[] | undefined;
      }
    | undefined;
  historicals?: readonly { year?: number }[] | undefined;
  scenarios?: readonly { name?: string; label?: string | undefined }[] | undefined;
}

const sections: Record<Lang, Record<string, string>> = {
  ja: {
    meta: 'モデル情報',
    company: '会社',
    historicals: '過去の財務諸表',
    forecast: '予測',
    wacc: 'WACC',
    valuation: 'バリュエーション',
    terminalValue: '継続価値',
    bridge: '事業価値から株式価値へ',
    otherItems: 'その他の調整項目',
    shares: '株式数',
    dilutive: '潜在株式',
    market: '市場データ',
    sources: '出典',
    scenarios: 'シナリオ',
    comparables: '類似会社',
    companies: '会社',
    target: '対象会社',
    accretionDilution: 'EPS 増減分析',
    financing: '買収資金',
    footballField: 'フットボール・フィールド',
    overrides: '上書き',
    byYear: '年度別',
    valueDriver: 'バリュードライバー',
    salesToCapital: '売上高資本回転率',
    lossCarryForward: '欠損金の繰越',
    levers: 'レバー',
    options: '従業員ストックオプション',
    segments: 'セグメント',
    lines: 'カスタム行',
    failure: '破綻確率',
    minorityInterests: '非支配株主持分',
    crossHoldings: '持合株式・非事業投資',
    capitalization: '資産化の調整',
    researchAndDevelopment: '研究開発費の資産化',
    operatingLeases: 'オペレーティング・リースの負債化',
    incomeStatement: '損益計算書',
    balanceSheet: '貸借対照表',
    cashFlow: 'キャッシュ・フロー計算書',
  },
  en: {
    meta: 'Model details',
    company: 'Company',
    historicals: 'Historical statements',
    forecast: 'Forecast',
    wacc: 'WACC',
    valuation: 'Valuation',
    terminalValue: 'Terminal value',
    bridge: 'Enterprise to equity value',
    otherItems: 'Other items',
    shares: 'Shares',
    dilutive: 'Dilutive securities',
    market: 'Market data',
    sources: 'Sources',
    scenarios: 'Scenarios',
    comparables: 'Comparable companies',
    companies: 'Company',
    target: 'Target',
    accretionDilution: 'Accretion/dilution',
    financing: 'Financing',
    footballField: 'Football field',
    overrides: 'Overrides',
    byYear: 'By year',
    valueDriver: 'Value driver',
    salesToCapital: 'Sales to capital',
    lossCarryForward: 'Loss carry-forward',
    levers: 'Levers',
    options: 'Employee options',
    segments: 'Segments',
    lines: 'Custom lines',
    failure: 'Probability of failure',
    minorityInterests: 'Minority interests',
    crossHoldings: 'Cross-holdings',
    capitalization: 'Capitalisation adjustments',
    researchAndDevelopment: 'R&D capitalised',
    operatingLeases: 'Operating leases as debt',
    incomeStatement: 'Income statement',
    balanceSheet: 'Balance sheet',
    cashFlow: 'Cash flow statement',
  },
};

const fields: Record<Lang, Record<string, string>> = {
  ja: {
    schemaVersion: 'スキーマのバージョン',
    codeName: 'コード名',
    name: '名称',
    ticker: '証券コード',
    exchange: '上場市場',
    language: '言語',
    currency: '通貨',
    unit: '金額の単位',
    shareUnit: '株式数の単位',
    valuationDate: '評価基準日',
    versionLabel: '版の表示名',
    preparedBy: '作成者',
    notes: 'メモ',
    year: '年度',
    years: '予測年度',
    revenue: '売上高',
    costOfSales: '売上原価',
    sellingGeneralAdministrative: '販売費及び一般管理費',
    depreciationAmortization: '減価償却費',
    operatingIncome: '営業利益',
    interestExpense: '支払利息',
    incomeTax: '法人税等',
    netIncome: '当期純利益',
    cash: '現金',
    receivables: '売上債権',
    inventories: '棚卸資産',
    otherCurrentAssets: 'その他流動資産',
    propertyPlantEquipment: '有形固定資産',
    otherNonCurrentAssets: 'その他固定資産',
    totalAssets: '資産合計',
    payables: '仕入債務',
    otherCurrentLiabilities: 'その他流動負債',
    debt: '有利子負債',
    otherNonCurrentLiabilities: 'その他固定負債',
    equity: '純資産',
    operatingCashFlow: '営業キャッシュ・フロー',
    capitalExpenditure: '設備投資',
    revenueGrowth: '売上高成長率',
    ebitdaMargin: 'EBITDA マージン',
    depreciationPercentOfRevenue: '減価償却費（売上高比）',
    capexPercentOfRevenue: '設備投資（売上高比）',
    nwcPercentOfRevenue: '正味運転資本（売上高比）',
    taxRate: '税率',
    openingNetWorkingCapital: '期首の正味運転資本',
    method: '方法',
    rate: 'WACC（直接入力）',
    riskFreeRate: 'リスクフリーレート',
    equityRiskPremium: '株式リスクプレミアム',
    beta: 'ベータ',
    kind: 'ベータの種類',
    value: 'ベータ',
    observedDebtToEquity: 'ベータ観測時の D/E',
    sizePremium: 'サイズプレミアム',
    preTaxCostOfDebt: '税引前負債コスト',
    marginalTaxRate: '限界税率',
    targetDebtToCapital: '目標 D/(D+E)',
    midYearConvention: '期中割引',
    growthRate: '永久成長率',
    terminalGrowth: '永久成長率',
    exitMultiple: 'エグジットマルチプル（EV/EBITDA）',
    wacc: 'WACC',
    label: '名称',
    amount: '金額',
    treatment: '加算／減算',
    basic: '発行済株式数',
    count: '株数',
    strikePrice: '行使価格',
    sharePrice: '株価',
    low52Week: '52 週安値',
    high52Week: '52 週高値',
    basis: '基準（LTM／NTM）',
    enterpriseValue: '事業価値',
    marketCap: '時価総額',
    ebitda: 'EBITDA',
    acquirerName: '買収企業',
    acquirerSharePrice: '買収企業の株価',
    acquirerShares: '買収企業の株式数',
    acquirerNetIncome: '買収企業の当期純利益',
    targetNetIncome: '対象会社の当期純利益',
    offerPricePerShare: '1株当たり買収価格',
    stock: '株式',
    preTaxCostOfNewDebt: '新規借入の税引前コスト',
    interestRateOnCash: '手元資金の運用利回り',
    synergies: 'シナジー',
    newAmortization: '無形資産の償却',
    transactionFees: '取引費用',
    growthRange: '永久成長率の幅',
    multipleRange: 'マルチプルの幅',
    waccRange: 'WACC の幅',
    costOfCapital: '継続期間の資本コスト',
    byYear: '年度別の WACC',
    valueDriver: 'バリュードライバー式の継続価値',
    ronic: 'RONIC',
    operatingMargin: '営業利益率',
    ratio: '回転率',
    lag: 'ラグ',
    openingInvestedCapital: '期首投下資本',
    openingBalance: '期首残高',
    effective: '実効税率',
    marginal: '限界税率',
    effectiveUntilYear: '実効税率の最終年度',
    marginalFromYear: '限界税率の開始年度',
    averageStrike: '平均行使価格',
    maturity: '残存期間',
    volatility: 'ボラティリティ',
    dividendYield: '配当利回り',
    values: '年度ごとの値',
    fromYear: '移行の開始年度',
    terminal: '最終年度の値',
    formula: '数式',
    baseVolume: '基準年度の数量',
    basePrice: '基準年度の単価',
    volumeGrowth: '数量成長率',
    priceGrowth: '単価成長率',
    unitCost: '基準年度の単位原価',
    unitCostGrowth: '単位原価成長率',
    opening: '基準年度の値',
    role: '役割',
    format: '表示形式',
    failure: '破綻確率',
    probability: '確率',
    proceedsBasis: '清算価値の基準（簿価／継続企業価値）',
    proceedsPercent: '清算価値の割合',
    bookValueOfCapital: '資本の簿価',
    valuedAt: '簿価／時価',
    priceToBook: 'PBR',
    life: '償却年数',
    expenses: '年度別の研究開発費',
    percentOfRevenue: '売上高比率',
    currentExpense: '直近年度のリース費用',
    commitments: '年度別の支払予定額',
    beyond: 'それ以降の支払予定額',
    beyondYears: 'それ以降の支払予定額を配分する年数',
  },
  en: {
    schemaVersion: 'Schema version',
    codeName: 'Code name',
    name: 'Name',
    ticker: 'Ticker',
    exchange: 'Exchange',
    language: 'Language',
    currency: 'Currency',
    unit: 'Money unit',
    shareUnit: 'Share unit',
    valuationDate: 'Valuation date',
    versionLabel: 'Version label',
    preparedBy: 'Prepared by',
    notes: 'Notes',
    year: 'Fiscal year',
    years: 'Forecast years',
    revenue: 'Revenue',
    costOfSales: 'Cost of sales',
    sellingGeneralAdministrative: 'SG&A',
    depreciationAmortization: 'D&A',
    operatingIncome: 'Operating income',
    interestExpense: 'Interest expense',
    incomeTax: 'Income tax',
    netIncome: 'Net income',
    cash: 'Cash',
    receivables: 'Receivables',
    inventories: 'Inventories',
    otherCurrentAssets: 'Other current assets',
    propertyPlantEquipment: 'Property, plant and equipment',
    otherNonCurrentAssets: 'Other non-current assets',
    totalAssets: 'Total assets',
    payables: 'Payables',
    otherCurrentLiabilities: 'Other current liabilities',
    debt: 'Debt',
    otherNonCurrentLiabilities: 'Other non-current liabilities',
    equity: 'Equity',
    operatingCashFlow: 'Operating cash flow',
    capitalExpenditure: 'Capital expenditure',
    revenueGrowth: 'Revenue growth',
    ebitdaMargin: 'EBITDA margin',
    depreciationPercentOfRevenue: 'D&A % of revenue',
    capexPercentOfRevenue: 'Capex % of revenue',
    nwcPercentOfRevenue: 'NWC % of revenue',
    taxRate: 'Tax rate',
    openingNetWorkingCapital: 'Opening net working capital',
    method: 'Method',
    rate: 'WACC (given)',
    riskFreeRate: 'Risk-free rate',
    equityRiskPremium: 'Equity risk premium',
    beta: 'Beta',
    kind: 'Kind of beta',
    value: 'Beta',
    observedDebtToEquity: 'D/E when the beta was observed',
    sizePremium: 'Size premium',
    preTaxCostOfDebt: 'Pre-tax cost of debt',
    marginalTaxRate: 'Marginal tax rate',
    targetDebtToCapital: 'Target D/(D+E)',
    midYearConvention: 'Mid-year convention',
    growthRate: 'Terminal growth',
    terminalGrowth: 'Terminal growth',
    exitMultiple: 'Exit multiple (EV/EBITDA)',
    wacc: 'WACC',
    label: 'Name',
    amount: 'Amount',
    treatment: 'Add or deduct',
    basic: 'Basic shares',
    count: 'Number',
    strikePrice: 'Exercise price',
    sharePrice: 'Share price',
    low52Week: '52-week low',
    high52Week: '52-week high',
    basis: 'Basis (LTM/NTM)',
    enterpriseValue: 'Enterprise value',
    marketCap: 'Market cap',
    ebitda: 'EBITDA',
    acquirerName: 'Acquirer',
    acquirerSharePrice: 'Acquirer share price',
    acquirerShares: 'Acquirer shares',
    acquirerNetIncome: 'Acquirer net income',
    targetNetIncome: 'Target net income',
    offerPricePerShare: 'Offer price per share',
    stock: 'Stock',
    preTaxCostOfNewDebt: 'Pre-tax cost of new debt',
    interestRateOnCash: 'Interest on cash',
    synergies: 'Synergies',
    newAmortization: 'Amortisation of intangibles',
    transactionFees: 'Transaction fees',
    growthRange: 'Range of terminal growth',
    multipleRange: 'Range of the multiple',
    waccRange: 'Range of WACC',
    costOfCapital: 'Terminal cost of capital',
    byYear: 'WACC by year',
    valueDriver: 'Value-driver terminal value',
    ronic: 'RONIC',
    operatingMargin: 'Operating margin',
    ratio: 'Ratio',
    lag: 'Lag',
    openingInvestedCapital: 'Opening invested capital',
    openingBalance: 'Opening balance',
    effective: 'Effective tax rate',
    marginal: 'Marginal tax rate',
    effectiveUntilYear: 'Last year at the effective rate',
    marginalFromYear: 'First year at the marginal rate',
    averageStrike: 'Average strike',
    maturity: 'Maturity',
    volatility: 'Volatility',
    dividendYield: 'Dividend yield',
    values: 'Values by year',
    fromYear: 'Year it starts moving',
    terminal: 'Value in the last year',
    formula: 'Formula',
    baseVolume: 'Base-year volume',
    basePrice: 'Base-year price',
    volumeGrowth: 'Volume growth',
    priceGrowth: 'Price growth',
    unitCost: 'Base-year unit cost',
    unitCostGrowth: 'Unit cost growth',
    opening: 'Base-year value',
    role: 'Role',
    format: 'Format',
    failure: 'Probability of failure',
    probability: 'Probability',
    proceedsBasis: 'Proceeds tied to book or going-concern value',
    proceedsPercent: 'Distress proceeds, % of the basis',
    bookValueOfCapital: 'Book value of capital',
    valuedAt: 'Book or market value',
    priceToBook: 'Price-to-book',
    life: 'Amortisable life',
    expenses: 'R&D expense by year',
    percentOfRevenue: '% of revenue',
    currentExpense: 'Lease expense, last year',
    commitments: 'Commitments by year',
    beyond: 'Commitments beyond',
    beyondYears: 'Years the lump sum is spread over',
  },
};

/** The fields of a driver lever (forecast.levers.<driver>.<field>), named with their driver. */
const leverFields: Record<Lang, Record<string, string>> = {
  ja: { firstYear: '1年目', years2To5: '2〜5年目', target: '目標値', targetYear: '到達年度' },
  en: { firstYear: 'year 1', years2To5: 'years 2–5', target: 'target', targetYear: 'year reached' },
};

const words = {
  ja: {
    thisField: 'この項目',
    fy: (year: number) => `${year}年度`,
    nth: (n: number) => `${n} 番目`,
    yearN: (n: number) => `${n}年目`,
    baseCase: '基本ケース',
    sourceOf: (input: string) => `${input}の出典`,
    join: (parts: string[]) => parts.join('：'),
    withDetail: (what: string, detail: string) => `${what}（${detail}）`,
    line: (name: string) => `カスタム行「${name}」`,
    segment: (name: string) => `セグメント「${name}」`,
  },
  en: {
    thisField: 'this field',
    fy: (year: number) => `FY${year}`,
    nth: (n: number) => `no. ${n}`,
    yearN: (n: number) => `year ${n}`,
    baseCase: 'Base case',
    sourceOf: (input: string) => `Source of ${input}`,
    join: (parts: string[]) => parts.join(': '),
    withDetail: (what: string, detail: string) => `${what} (${detail})`,
    line: (name: string) => `Custom line “${name}”`,
    segment: (name: string) => `Segment “${name}”`,
  },
} as const;

/** The generic words for a path kpo cannot name. */
export const unknownFieldLabel = (lang: Lang): string => words[lang].thisField;

/** The label of a path inside one section; null when a part of it has no words. */
function inner(path: ModelPath, lang: Lang, ctx: PathContext | undefined, yearOf: (i: number) => string): string | null {
  const w = words[lang];
  const [head, second, third] = path;
  if (head === undefined) return null;
  // A forecast driver's year, a historical line's year: the field with the year in brackets.
  if (head === 'forecast' && typeof second === 'string' && typeof third === 'number' && path.length === 3) {
    const field = fields[lang][second];
    return field ? w.withDetail(field, yearOf(third)) : null;
  }
  // A lever's field: the driver it gives, with the field in brackets ("Revenue growth lever (year 1)").
  if (head === 'forecast' && second === 'levers' && typeof third === 'string') {
    const driver = fields[lang][third];
    const leverWord = sections[lang].levers;
    if (!driver || !leverWord) return null;
    const fourth = path[3];
    if (path.length === 3) return w.join([leverWord, driver]);
    const field = typeof fourth === 'string' && path.length === 4 ? (leverFields[lang][fourth] ?? fields[lang][fourth]) : undefined;
    return field ? w.withDetail(w.join([leverWord, driver]), field) : null;
  }
  // A custom line or a segment, by its name: a number is its place in the model (validation), a
  // string its name (the version comparison pairs them by name, since places move between versions).
  if (head === 'forecast' && (second === 'lines' || second === 'segments') && third !== undefined) {
    const item = typeof third === 'number' ? ctx?.forecast?.[second]?.[third] : ctx?.forecast?.[second]?.find((x) => x.name === third);
    const name = item ? (item.label ?? item.name) : typeof third === 'string' ? third : null;
    if (name !== null) {
      const what = second === 'lines' ? w.line(name) : w.segment(name);
      const rest = path.slice(3);
      if (rest.length === 0) return what;
      const field = rest.length === 1 && typeof rest[0] === 'string' ? fields[lang][rest[0]] : undefined;
      const year = rest.length === 2 && typeof rest[0] === 'string' && typeof rest[1] === 'number' ? fields[lang][rest[0]] : undefined;
      if (field) return w.join([what, field]);
      if (year) return w.join([what, w.withDetail(year, yearOf(rest[1] as number))]);
      return null;
    }
  }
  if (head === 'historicals' && typeof second === 'number') {
    const year = ctx?.historicals?.[second]?.year;
    const when = year === undefined ? w.nth(second + 1) : w.fy(year);
    const rest = path.slice(2).filter((p) => p !== 'incomeStatement' && p !== 'balanceSheet' && p !== 'cashFlow');
    const last = path.at(-1);
    const what =
      rest.length === 0
        ? typeof last === 'string' && last !== 'year'
          ? sections[lang][last]
          : sections[lang].historicals
        : rest.length === 1 && typeof rest[0] === 'string'
          ? fields[lang][rest[0]]
          : undefined;
    return what ? w.withDetail(what, when) : null;
  }
  if (head === 'sources' && typeof second === 'string' && path.length === 2) {
    const input = fields[lang][second];
    return input ? w.sourceOf(input) : null;
  }
  if (head === 'shares' && second === 'unit' && path.length === 2) return fields[lang].shareUnit ?? null;
  // The fields people know by name alone.
  if ((head === 'wacc' || head === 'valuation') && path.length >= 2) {
    const named = path.filter((p): p is string => typeof p === 'string' && p !== 'terminalValue' && p !== 'wacc' && p !== 'valuation');
    if (named.length === 1 && path.every((p) => typeof p === 'string')) return fields[lang][named[0] as string] ?? null;
    if (head === 'wacc' && second === 'beta')
      return fields[lang][third === 'kind' ? 'kind' : third === 'observedDebtToEquity' ? 'observedDebtToEquity' : 'beta'] ?? null;
  }
  // Otherwise: the section, then each part (an item's number, a field's name).
  const parts: string[] = [];
  for (const [i, p] of path.entries()) {
    if (typeof p === 'number') {
      const prev = parts.pop();
      if (prev === undefined) return null;
      parts.push(w.withDetail(prev, w.nth(p + 1)));
      continue;
    }
    const word = i === path.length - 1 ? (fields[lang][p] ?? sections[lang][p]) : (sections[lang][p] ?? fields[lang][p]);
    if (word === undefined) return null;
    parts.push(word);
  }
  return parts.length > 0 ? w.join(parts) : null;
}

/**
 * The label of a path in a model, in a language. Inside a scenario the scenario's label comes
 * first ("Bear case: Revenue growth (FY2026)"); forecast years are named from the model when it
 * is given, else counted ("year 2").
 */
export function modelPathLabel(path: ModelPath, lang: Lang, ctx?: PathContext): string {
  const w = words[lang];
  const yearOf = (i: number) => {
    const year = ctx?.forecast?.years?.[i];
    return year === undefined ? w.yearN(i + 1) : w.fy(year);
  };
  if (path[0] === 'scenarios' && typeof path[1] === 'number') {
    const scenario = ctx?.scenarios?.[path[1]];
    const name = scenario?.label ?? scenario?.name ?? w.withDetail(sections[lang].scenarios ?? '', w.nth(path[1] + 1));
    const rest = path[2] === 'overrides' ? path.slice(3) : path.slice(2);
    if (rest.length === 0) return name;
    // An override names the field it overrides: forecast.x, wacc.x, terminalValue.x.
    const within = rest[0] === 'terminalValue' ? ['valuation', ...rest] : rest[0] === 'name' || rest[0] === 'label' ? null : rest;
    const label = within === null ? fields[lang][rest[0] as string] : inner(within, lang, ctx, yearOf);
    return w.join([name, label ?? w.thisField]);
  }
  return inner(path, lang, ctx, yearOf) ?? w.thisField;
}
