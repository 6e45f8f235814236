import ExcelJS from 'exceljs';
import { IP_REPORT_WORDS, type PatentResearchContent, stepFacetFilters } from './ip-pdf.js';

/**
 * The tables of a patent search report as a workbook: the search steps with their hit counts, the
 * ranked results, and one sheet per claim chart (elements × documents) with both the tool's
 * suggestion and the analyst's judgement, passage and note — the tables a client re-sorts and checks.
 */
const HEAD = { bold: true } as const;

const SHEETS = {
  ja: {
    steps: '検索式',
    results: '調査結果',
    chart: (n: number) => `対比表${n}`,
    stepHead: ['No.', '検索式', 'コーパス', '公開日の上限', '分類', '絞り込み', '件数'],
    resultHead: ['順位', '文献番号', '名称', '区分', '国', '公開日', '優先日', '法的状態', '満了予定', '請求項', '理由'],
    chartHead: ['構成要件', '請求項', '内容', '文献', '判断', 'ツールの提案', '箇所', 'スコア', 'メモ'],
  },
  en: {
    steps: 'Search steps',
    results: 'Results',
    chart: (n: number) => `Chart ${n}`,
    stepHead: ['No.', 'Formula', 'Corpus', 'Published before', 'Classification', 'Facet filters', 'Hits'],
    resultHead: ['Rank', 'Number', 'Title', 'Category', 'Country', 'Published', 'Priority', 'Status', 'Expiry', 'Claims', 'Reason'],
    chartHead: ['Element', 'Claim', 'Text', 'Document', 'Judgement', 'Suggested', 'Passage', 'Score', 'Note'],
  },
} as const;

export async function exportPatentReportXlsx(
  content: PatentResearchContent,
  language: 'ja' | 'en' = content.language,
): Promise<Uint8Array> {
  const S = SHEETS[language];
  const W = IP_REPORT_WORDS[language];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kpo';
  // The report's date, not the clock's: the same report gives the same workbook.
  wb.created = new Date(`${content.reportDate}T00:00:00Z`);
  wb.modified = wb.created;

  const steps = wb.addWorksheet(S.steps, { views: [{ state: 'frozen', ySplit: 1 }] });
  steps.addRow([...S.stepHead]).font = HEAD;
  content.steps.forEach((s, i) => {
    steps.addRow([
      i + 1,
      s.formula,
      s.corpus,
      s.publishedBefore ?? '',
      s.classification.join('; '),
      stepFacetFilters(s, language).join('; '),
      s.hits ?? '',
    ]);
  });
  steps.getColumn(2).width = 60;

  const results = wb.addWorksheet(S.results, { views: [{ state: 'frozen', ySplit: 1 }] });
  results.addRow([...S.resultHead]).font = HEAD;
  content.results.forEach((r, i) => {
    results.addRow([
      i + 1,
      r.number,
      r.title,
      r.category,
      r.country,
      r.publicationDate,
      r.priorityDate ?? '',
      r.legalStatus ? W.status[r.legalStatus] : '',
      r.expectedExpiry ?? '',
      r.claims.join(', '),
      r.reason,
    ]);
  });
  results.getColumn(3).width = 40;
  results.getColumn(11).width = 60;

  content.charts.forEach((chart, n) => {
    const ws = wb.addWorksheet(S.chart(n + 1), { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([W.claim(chart.claim.patent, chart.claim.number, chart.claim.independent), chart.claim.text]).font = HEAD;
    ws.addRow([...S.chartHead]).font = HEAD;
    for (const e of chart.elements)
      for (const d of chart.documents) {
        const cell = chart.cells.find((c) => c.element === e.label && c.document === d.number);
        const passage = cell?.passage ?? cell?.suggestion.passages[0] ?? null;
        const score = cell?.suggestion.passages.find((p) => passage && p.kind === passage.kind && p.ref === passage.ref)?.score;
        ws.addRow([
          e.label,
          e.claim ?? '',
          e.text,
          d.number,
          cell?.judgement ? W.judgement[cell.judgement] : '',
          cell ? W.judgement[cell.suggestion.judgement] : '',
          passage ? W.where(passage.kind, passage.ref) : '',
          score ?? '',
          cell?.note ?? '',
        ]);
      }
    ws.getColumn(3).width = 50;
    ws.getColumn(9).width = 40;
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
