import type { FinancialModelInput } from '../../../shared/contracts/financial-model.js';

/**
 * A model whose revenue is built from two segments and which has custom lines (issue #13 point 9):
 * the worked example of docs/financial-model-format.md, "Segments and custom lines".
 *
 * Base year 2025: hardware 100 units at 6.00 (600) and services 400 subscribers at 1.00 (400):
 * revenue 1,000. Hardware volume grows 10% a year at a price falling 2% a year and costs 2.50 a
 * unit; services grow 20%, 15%, 10%, 5%, 5% at a price rising 3% a year. A rent line (50, rising 2%
 * a year) is an operating cost; the EBITDA margin (55%) is before both costs.
 */
export function segmentModel(): FinancialModelInput {
  return {
    schemaVersion: 1,
    meta: { codeName: 'Project Kaede (segments)', language: 'en', currency: 'JPY', unit: 'millions', valuationDate: '2025-12-31' },
    historicals: [
      {
        year: 2025,
        incomeStatement: { revenue: 1000, depreciationAmortization: 30, operatingIncome: 70 },
        balanceSheet: { receivables: 120, inventories: 60, payables: 80, equity: 500 },
      },
    ],
    forecast: {
      years: [2026, 2027, 2028, 2029, 2030],
      segments: [
        {
          name: 'hardware',
          label: 'Hardware',
          baseVolume: 100,
          basePrice: 6,
          volumeGrowth: 0.1,
          priceGrowth: -0.02,
          unitCost: 2.5,
        },
        {
          name: 'services',
          label: 'Services',
          baseVolume: 400,
          basePrice: 1,
          volumeGrowth: [0.2, 0.15, 0.1, 0.05, 0.05],
          priceGrowth: 0.03,
        },
      ],
      ebitdaMargin: [0.55, 0.55, 0.55, 0.55, 0.55],
      depreciationPercentOfRevenue: [0.03, 0.03, 0.03, 0.03, 0.03],
      capexPercentOfRevenue: [0.04, 0.04, 0.04, 0.04, 0.04],
      nwcPercentOfRevenue: [0.1, 0.1, 0.1, 0.1, 0.1],
      taxRate: [0.3, 0.3, 0.3, 0.3, 0.3],
      lines: [
        { name: 'rent', label: 'Rent', formula: '50 * (1 + 2%) ^ t', role: 'operatingCost' },
        { name: 'grossMargin', label: 'Gross margin', formula: '(revenue - hardware.cost) / revenue', format: 'percent' },
        { name: 'servicesShare', formula: 'services.revenue / revenue', format: 'percent' },
        { name: 'fcffGrowth', formula: 'IF(t = 1, 0, fcff / fcff[-1] - 1)', format: 'percent' },
        { name: 'cumulativeFcff', formula: 'cumulativeFcff[-1] + fcff', opening: 0 },
        { name: 'pvOfFcff', label: 'NPV of FCFF to date at 9%', formula: 'NPV(9%, fcff[first:0])' },
        { name: 'loanPayment', formula: '-PMT(5%, 5, 200)' },
        { name: 'ebitdaAfterLoan', formula: 'MAX(0, ebitda - loanPayment)' },
      ],
    },
    wacc: { method: 'direct', rate: 0.09 },
    valuation: { midYearConvention: false, terminalValue: { method: 'gordon', growthRate: 0.02, exitMultiple: 8 } },
    bridge: { debt: 200, cash: 100 },
    shares: { unit: 'millions', basic: 10 },
    scenarios: [{ name: 'bear', overrides: { forecast: { segments: [{ name: 'hardware', volumeGrowth: 0.02 }] } } }],
  };
}

/**
 * The segment model with lines using XNPV and XIRR (issue #13 point 9), valued at 28 February 2026
 * so a leap day (29 February 2028) falls inside the forecast: an investment of 900
 * at the valuation date (`invest` in the base year, its opening) and the free cash flows after it;
 * a return on cash flows without an outflow has no value (#NUM!).
 */
export function datedLinesModel(): FinancialModelInput {
  const m = segmentModel();
  m.meta.valuationDate = '2026-02-28';
  m.forecast.lines = [
    ...(m.forecast.lines ?? []),
    { name: 'invest', formula: 'fcff', opening: -900 },
    { name: 'pvByDate', formula: 'XNPV(8%, fcff[first:last])' },
    { name: 'pvToDate', formula: 'IF(t = 1, 0, XNPV(8%, fcff[first:0]))' },
    { name: 'returnByDate', formula: 'IF(t = 5, XIRR(invest[-5:0]), 0)', format: 'percent' },
    { name: 'noOutflow', formula: 'XIRR(fcff[first:last], 5%)', format: 'percent' },
  ];
  return m;
}
