import type { ModelLanguage } from '../../../shared/contracts/financial-model.js';

/** The words of segment build-ups and custom lines in the workbook (issue #13 point 9), in English and Japanese. */
const en = {
  segments: 'Segments (volume × price)',
  volumeGrowth: (s: string) => `${s}: volume growth`,
  priceGrowth: (s: string) => `${s}: price growth`,
  unitCostGrowth: (s: string) => `${s}: unit cost growth`,
  volume: (s: string) => `${s}: volume`,
  price: (s: string) => `${s}: price`,
  unitCost: (s: string) => `${s}: unit cost`,
  revenue: (s: string) => `${s}: revenue`,
  cost: (s: string) => `${s}: variable cost`,
  operatingCosts: 'Operating costs taken off before EBITDA (segments and cost lines)',
  customLines: 'Custom lines',
  operatingCostLine: (label: string) => `${label} (operating cost)`,
  yearEnd: 'Year end (dates of XNPV and XIRR)',
};
export type LineLabels = typeof en;

const ja: LineLabels = {
  segments: 'セグメント（数量 × 単価）',
  volumeGrowth: (s) => `${s}：数量成長率`,
  priceGrowth: (s) => `${s}：単価成長率`,
  unitCostGrowth: (s) => `${s}：単位原価成長率`,
  volume: (s) => `${s}：数量`,
  price: (s) => `${s}：単価`,
  unitCost: (s) => `${s}：単位原価`,
  revenue: (s) => `${s}：売上高`,
  cost: (s) => `${s}：変動費`,
  operatingCosts: 'EBITDA の前に差し引く営業費用（セグメントと費用行）',
  customLines: 'カスタム行',
  operatingCostLine: (label) => `${label}（営業費用）`,
  yearEnd: '年度末日（XNPV・XIRR の日付）',
};

export function lineLabelsFor(language: ModelLanguage): LineLabels {
  return language === 'ja' ? ja : en;
}
