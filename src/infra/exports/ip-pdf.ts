import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { DeliverableContent } from '../../shared/contracts/deliverables.js';
import type { ChartCell } from '../../shared/contracts/patent-report.js';
import { notoSansJp } from './japanese-font.js';

/**
 * A patent search report as PDF, in the structure of a Japanese search report (調査報告書): purpose,
 * subject, scope, search formulas with hit counts (母集合), screening criteria, ranked results with
 * X/Y/A categories, comparison tables (claim charts), findings, limits, and the notice that an
 * infringement or validity opinion needs a patent attorney (弁理士). Japanese or English; Noto Sans
 * JP embedded (subset). The same content gives the same bytes: the dates are the report's.
 */
export type PatentResearchContent = Extract<DeliverableContent, { type: 'patent_research' }>;
type Language = 'ja' | 'en';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const WIDTH = A4.width - 2 * MARGIN;
const INK = rgb(0.13, 0.15, 0.2);
const MUTED = rgb(0.42, 0.45, 0.5);
const RULE = rgb(0.8, 0.82, 0.86);

export const IP_REPORT_WORDS = {
  ja: {
    title: { prior_art: '先行技術調査報告書', fto: '侵害予防調査（FTO）報告書', invalidity: '無効資料調査報告書' },
    reportDate: '報告日',
    purpose: '1. 調査目的',
    subject: '2. 調査対象',
    invention: '発明の内容',
    target: '対象特許',
    priorityDate: '優先日',
    scope: '3. 調査範囲',
    countries: '対象国',
    databases: 'データベース',
    corpora: 'コーパス',
    searchDate: '調査日',
    steps: '4. 検索式とヒット件数（母集合）',
    stepHead: ['No.', '検索式', '条件', '件数'],
    before: (d: string) => `公開日 < ${d}`,
    years: (ys: string) => `公開年 ${ys}`,
    assignees: (as: string) => `出願人 ${as}`,
    statuses: (ss: string) => `法的状態 ${ss}`,
    screening: '5. スクリーニング基準',
    results: '6. 調査結果',
    resultHead: ['順位', '文献番号', '区分', '国', '法的状態', '満了予定', '理由'],
    categories: 'X：単独で関連、Y：他の文献との組合せで関連、A：参考（技術水準）',
    charts: '7. 対比表（クレームチャート）',
    claim: (patent: string | null, n: number | null, independent: boolean) =>
      `${patent ? `${patent} ` : ''}${n ? `請求項${n}` : '請求項'}（${independent ? '独立' : '従属'}）`,
    elementHead: '構成要件',
    judgement: { disclosed: '開示', partly: '一部開示', not: '開示なし' },
    suggested: '（提案）',
    where: (kind: string, ref: string) => (kind === 'paragraph' ? `【${ref}】` : kind === 'claim' ? `請求項${ref}` : '要約'),
    findings: '8. 考察',
    limits: '9. 調査の限界',
    none: 'なし',
    notice:
      '本報告書は特許文献の調査結果であり、侵害の成否または特許の有効性についての鑑定ではありません。これらの判断には弁理士による鑑定が必要です。',
    noticeHead: '注意事項',
    status: { alive: '存続', expired: '満了', lapsed: '消滅', pending: '審査中', revoked: '取消', unknown: '不明' },
  },
  en: {
    title: { prior_art: 'Prior-Art Search Report', fto: 'Freedom-to-Operate Search Report', invalidity: 'Invalidity Search Report' },
    reportDate: 'Report date',
    purpose: '1. Purpose',
    subject: '2. Subject',
    invention: 'Invention',
    target: 'Target patent',
    priorityDate: 'Priority date',
    scope: '3. Scope',
    countries: 'Countries',
    databases: 'Databases',
    corpora: 'Corpora',
    searchDate: 'Search date',
    steps: '4. Search formulas and hit counts',
    stepHead: ['No.', 'Formula', 'Filters', 'Hits'],
    before: (d: string) => `published < ${d}`,
    years: (ys: string) => `published in ${ys}`,
    assignees: (as: string) => `assignee ${as}`,
    statuses: (ss: string) => `status ${ss}`,
    screening: '5. Screening criteria',
    results: '6. Results',
    resultHead: ['Rank', 'Number', 'Cat.', 'Ctry', 'Status', 'Expiry', 'Reason'],
    categories: 'X: relevant alone; Y: relevant combined with another document; A: background',
    charts: '7. Comparison tables (claim charts)',
    claim: (patent: string | null, n: number | null, independent: boolean) =>
      `${patent ? `${patent} ` : ''}${n ? `claim ${n}` : 'claim'} (${independent ? 'independent' : 'dependent'})`,
    elementHead: 'Element',
    judgement: { disclosed: 'disclosed', partly: 'partly', not: 'not disclosed' },
    suggested: ' (suggested)',
    where: (kind: string, ref: string) => (kind === 'paragraph' ? `[${ref}]` : kind === 'claim' ? `claim ${ref}` : 'abstract'),
    findings: '8. Findings',
    limits: '9. Limits',
    none: 'none',
    notice:
      'This report presents the results of a patent search. It is not an opinion on infringement or validity: such an opinion needs a registered patent attorney (弁理士).',
    noticeHead: 'Notice',
    status: { alive: 'in force', expired: 'expired', lapsed: 'lapsed', pending: 'pending', revoked: 'revoked', unknown: 'unknown' },
  },
} as const;

/** A step's facet filters (publication years, assignees, legal statuses) as the report writes them, one entry each. */
export function stepFacetFilters(s: PatentResearchContent['steps'][number], language: 'ja' | 'en'): string[] {
  const W = IP_REPORT_WORDS[language];
  return [
    ...(s.years.length > 0 ? [W.years(s.years.join(', '))] : []),
    ...(s.assignees.length > 0 ? [W.assignees(s.assignees.join(' / '))] : []),
    ...(s.legalStatuses.length > 0 ? [W.statuses(s.legalStatuses.map((x) => W.status[x]).join(', '))] : []),
  ];
}

/** Writes lines top to bottom, wrapping at the width and starting a page when one is full. */
class Writer {
  y = A4.height - MARGIN;
  private page: PDFPage;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = doc.addPage([A4.width, A4.height]);
  }
  private room(height: number) {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }
  /** Lines of at most `width` points: at spaces where there are some, else at any character (Japanese has none). */
  wrap(text: string, size: number, width: number): string[] {
    const out: string[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      let line = '';
      for (const piece of paragraph.match(/\S+\s*|\s+/g) ?? ['']) {
        if (this.font.widthOfTextAtSize(line + piece, size) <= width) {
          line += piece;
          continue;
        }
        if (line.trim() !== '') out.push(line.trimEnd());
        line = '';
        for (const ch of piece) {
          if (this.font.widthOfTextAtSize(line + ch, size) > width && line !== '') {
            out.push(line);
            line = '';
          }
          line += ch;
        }
      }
      out.push(line.trimEnd());
    }
    return out;
  }
  paragraph(text: string, size = 9, indent = 0, color = INK) {
    for (const line of this.wrap(text, size, WIDTH - indent)) {
      this.room(size + 3);
      this.page.drawText(line, { x: MARGIN + indent, y: this.y - size, size, font: this.font, color });
      this.y -= size + 3;
    }
  }
  heading(text: string, size = 11) {
    this.y -= 8;
    this.room(size + 20);
    this.paragraph(text, size);
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + WIDTH, y: this.y }, color: RULE, thickness: 0.5 });
    this.y -= 5;
  }
  /** A table row: each cell wrapped in its column, the row as tall as its tallest cell. */
  row(cells: readonly string[], widths: readonly number[], size = 8, color = INK) {
    const wrapped = cells.map((c, i) => this.wrap(c, size, (widths[i] as number) - 4));
    const height = Math.max(...wrapped.map((w) => w.length)) * (size + 2) + 3;
    this.room(height);
    let x = MARGIN;
    wrapped.forEach((lines, i) => {
      lines.forEach((line, j) => {
        this.page.drawText(line, { x, y: this.y - size - j * (size + 2), size, font: this.font, color });
      });
      x += widths[i] as number;
    });
    this.y -= height;
    this.page.drawLine({ start: { x: MARGIN, y: this.y + 1 }, end: { x: MARGIN + WIDTH, y: this.y + 1 }, color: RULE, thickness: 0.3 });
  }
}

export async function exportPatentReportPdf(content: PatentResearchContent, language: Language = content.language): Promise<Uint8Array> {
  const W = IP_REPORT_WORDS[language];
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(notoSansJp(), { subset: true });
  const date = new Date(`${content.reportDate}T00:00:00Z`);
  const title = W.title[content.kind];
  doc.setTitle(title);
  doc.setProducer('kpo');
  doc.setCreator('kpo');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(language);
  const w = new Writer(doc, font);

  w.paragraph(title, 16);
  w.y -= 4;
  w.paragraph(`${W.reportDate}: ${content.reportDate}`, 9, 0, MUTED);

  w.heading(W.purpose);
  w.paragraph(content.purpose);

  w.heading(W.subject);
  if (content.subject.invention) w.paragraph(`${W.invention}:\n${content.subject.invention}`);
  if (content.subject.patent) w.paragraph(`${W.target}: ${content.subject.patent}`);
  if (content.subject.priorityDate) w.paragraph(`${W.priorityDate}: ${content.subject.priorityDate}`);

  w.heading(W.scope);
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : W.none);
  w.paragraph(`${W.countries}: ${list(content.scope.countries)}`);
  w.paragraph(`${W.databases}: ${list(content.scope.databases)}`);
  w.paragraph(`${W.corpora}: ${list(content.scope.corpora)}`);
  w.paragraph(`${W.searchDate}: ${content.scope.searchDate}`);

  w.heading(W.steps);
  const stepWidths = [28, 260, 150, WIDTH - 438];
  w.row(W.stepHead, stepWidths, 8, MUTED);
  content.steps.forEach((s, i) => {
    const filters = [
      ...(s.publishedBefore ? [W.before(s.publishedBefore)] : []),
      ...s.classification,
      ...stepFacetFilters(s, language),
      s.corpus,
    ].join('; ');
    w.row([String(i + 1), s.formula, filters, s.hits === null ? '—' : String(s.hits)], stepWidths);
  });

  w.heading(W.screening);
  if (content.screening.length === 0) w.paragraph(W.none);
  for (const criterion of content.screening) w.paragraph(`・${criterion}`);

  w.heading(W.results);
  w.paragraph(W.categories, 8, 0, MUTED);
  const resultWidths = [30, 92, 28, 30, 52, 60, WIDTH - 292];
  w.row(W.resultHead, resultWidths, 8, MUTED);
  content.results.forEach((r, i) => {
    w.row(
      [
        String(i + 1),
        r.number,
        r.category,
        r.country,
        r.legalStatus ? W.status[r.legalStatus] : '—',
        r.expectedExpiry ?? '—',
        `${r.title}\n${r.reason}`,
      ],
      resultWidths,
    );
  });

  w.heading(W.charts);
  if (content.charts.length === 0) w.paragraph(W.none);
  for (const chart of content.charts) {
    w.y -= 4;
    w.paragraph(W.claim(chart.claim.patent, chart.claim.number, chart.claim.independent), 10);
    const documentWidth = Math.max(80, (WIDTH - 200) / Math.max(chart.documents.length, 1));
    const widths = [200, ...chart.documents.map(() => documentWidth)];
    w.row([W.elementHead, ...chart.documents.map((d) => d.number)], widths, 8, MUTED);
    const judged = (cell: ChartCell | undefined) => {
      if (!cell) return '—';
      const decided = cell.judgement ?? cell.suggestion.judgement;
      const passage = cell.passage ?? cell.suggestion.passages[0] ?? null;
      return [
        `${W.judgement[decided]}${cell.judgement === null ? W.suggested : ''}`,
        ...(passage ? [W.where(passage.kind, passage.ref)] : []),
        ...(cell.note ? [cell.note] : []),
      ].join('\n');
    };
    for (const e of chart.elements)
      w.row(
        [
          `${e.label}. ${e.text}`,
          ...chart.documents.map((d) => judged(chart.cells.find((c) => c.element === e.label && c.document === d.number))),
        ],
        widths,
      );
  }

  w.heading(W.findings);
  w.paragraph(content.findings || W.none);
  w.heading(W.limits);
  w.paragraph(content.limits || W.none);
  w.heading(W.noticeHead);
  w.paragraph(W.notice);
  return doc.save({ useObjectStreams: true });
}
