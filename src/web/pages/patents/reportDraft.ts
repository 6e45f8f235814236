import type { DeliverableContent } from '../../../shared/contracts/deliverables';
import type {
  ChartCell,
  ChartJudgement,
  ClaimChart,
  PassageRef,
  PatentResearch,
  RankedResult,
  SearchStep,
} from '../../../shared/contracts/patent-report';
import type { PatentCorpusView, PatentDocument, SavedSearchView } from '../../../shared/contracts/patents-api';

/**
 * The patent report builder's draft (issue #12, point 7): the patent_research fields of a
 * deliverable version, edited in the browser. Sections, references, files and the note are the
 * generic form's (lib/deliverables/draft.ts); this file holds the report's own parts.
 */
export type ReportDraft = PatentResearch;

export type PatentReportContent = Extract<DeliverableContent, { type: 'patent_research' }>;

/** The fields of a version's content that are the report's own (no type, sections or references). */
export function reportDraftOf(content: DeliverableContent | undefined, today: string, language: 'ja' | 'en'): ReportDraft {
  if (content?.type === 'patent_research') {
    const { type: _type, sections: _sections, references: _references, ...own } = content;
    return structuredClone(own);
  }
  return {
    kind: 'fto',
    language,
    purpose: '',
    subject: { invention: null, patent: null, priorityDate: null },
    scope: { countries: ['JP'], corpora: [], databases: [], searchDate: today },
    reportDate: today,
    steps: [],
    screening: [],
    results: [],
    charts: [],
    findings: '',
    limits: '',
  };
}

/**
 * A saved search's steps as the report states them: each formula with its corpus (by name), its
 * filters and the hit count the server counted, tied to the saved search.
 */
export function stepsFromSavedSearch(
  saved: SavedSearchView,
  corpora: readonly PatentCorpusView[],
  names: { allCorpora: string; combined: string },
): SearchStep[] {
  const nameOf = (id: string | null) => (id === null ? names.allCorpora : (corpora.find((c) => c.id === id)?.name ?? id));
  return saved.steps.map((s) => ({
    formula: s.query,
    corpus: (s.combines ? names.combined : nameOf(s.corpusId)).slice(0, 120),
    publishedBefore: s.publishedBefore,
    classification: [...s.classification],
    years: [...s.years],
    assignees: [...s.assignees],
    legalStatuses: [...s.legalStatuses],
    hits: s.hits,
    savedSearchId: saved.id,
  }));
}

/** The corpora (by name) the steps searched, for the report's scope; "all corpora" stands for every one. */
export function corporaOfSteps(
  steps: readonly SearchStep[],
  corpora: readonly PatentCorpusView[],
  labels: { allCorpora: string; combined: string },
): string[] {
  const names = steps.flatMap((s) =>
    s.corpus === labels.combined ? [] : s.corpus === labels.allCorpora ? corpora.map((c) => c.name) : [s.corpus],
  );
  return [...new Set(names)];
}

/** A ranked result as the corpus describes the patent; the analyst adds the category, the reason and the claims. */
export function resultOf(patent: PatentDocument, category: RankedResult['category'] = 'A'): RankedResult {
  return {
    number: patent.number,
    title: patent.title.slice(0, 2000),
    category,
    reason: '',
    claims: [],
    country: /^[A-Z]{2}$/.test(patent.country) ? patent.country : patent.number.slice(0, 2),
    publicationDate: patent.dates.publication,
    priorityDate: patent.dates.priority,
    legalStatus: patent.legalStatus.status,
    expectedExpiry: patent.legalStatus.expectedExpiry,
  };
}

/** "1, 4-5" → [1, 4, 5]; words that are not claim numbers are dropped. */
export function claimsOf(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(/[,、\s]+/)) {
    const range = /^(\d{1,4})[-–〜~](\d{1,4})$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      for (let n = from; n <= to && n - from < 200; n++) out.push(n);
    } else if (/^\d{1,4}$/.test(part)) out.push(Number(part));
  }
  return [...new Set(out)].filter((n) => n >= 1 && n <= 1000).sort((a, b) => a - b);
}

export const claimsText = (claims: readonly number[]): string => claims.join(', ');

/** A chart key of its own among the report's charts, from the claim it charts ("jp7158342b2-claim-1"). */
export function chartKeyFor(patent: string, claim: number, charts: readonly Pick<ClaimChart, 'key'>[]): string {
  const stem = `${patent.toLowerCase().replace(/[^a-z0-9]/g, '')}-claim-${claim}`.slice(0, 50);
  const taken = new Set(charts.map((c) => c.key));
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** The cell of an element and a document, changed; the chart is otherwise as it was. */
export function updateCell(
  chart: ClaimChart,
  element: string,
  document: string,
  change: Partial<Pick<ChartCell, 'judgement' | 'passage' | 'note'>>,
): ClaimChart {
  return {
    ...chart,
    cells: chart.cells.map((c) => (c.element === element && c.document === document ? { ...c, ...change } : c)),
  };
}

/**
 * Every undecided cell takes the tool's judgement and, unless that is "not", its best passage: the
 * analyst's starting point, then reviewed cell by cell.
 */
export function acceptSuggestions(chart: ClaimChart): ClaimChart {
  return {
    ...chart,
    cells: chart.cells.map((c) => {
      if (c.judgement !== null) return c;
      const best = c.suggestion.judgement === 'not' ? undefined : c.suggestion.passages[0];
      return { ...c, judgement: c.suggestion.judgement, passage: c.passage ?? (best ? { kind: best.kind, ref: best.ref } : null) };
    }),
  };
}

/** "paragraph:0012" and back: a passage as one select value. */
export const passageValue = (p: PassageRef | null): string => (p ? `${p.kind}:${p.ref}` : '');
export function passageOfValue(value: string): PassageRef | null {
  const at = value.indexOf(':');
  if (at < 0) return null;
  const kind = value.slice(0, at);
  const ref = value.slice(at + 1);
  return kind === 'paragraph' || kind === 'claim' || kind === 'abstract' ? { kind, ref } : null;
}

/** The text of a passage of a document, when the document is at hand. */
export function passageText(doc: PatentDocument | undefined, p: PassageRef | null): string | null {
  if (!doc || !p) return null;
  if (p.kind === 'abstract') return doc.abstract;
  if (p.kind === 'claim') return doc.claims.find((c) => String(c.number) === p.ref)?.text ?? null;
  return doc.paragraphs.find((x) => x.id === p.ref)?.text ?? null;
}

/** How many cells are decided, of how many. */
export function decided(chart: Pick<ClaimChart, 'cells'>): { decided: number; total: number } {
  return { decided: chart.cells.filter((c) => c.judgement !== null).length, total: chart.cells.length };
}

export const judgementColors: Record<ChartJudgement, string> = { disclosed: 'red', partly: 'orange', not: 'teal' };
