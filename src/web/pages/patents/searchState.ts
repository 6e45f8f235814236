import type { TFunction } from 'i18next';
import { type LegalStatus, legalStatuses } from '../../../shared/contracts/patents';
import type { PatentSearchRequest } from '../../../shared/contracts/patents-api';

/**
 * A search step's filters in one line (the prior-art cut-off, the classification codes and the facet
 * filters: years, assignees, legal statuses), after `lead` when given: how the saved search, the
 * report builder and the report show a step.
 */
export function stepFiltersText(
  t: TFunction,
  s: {
    publishedBefore?: string | null | undefined;
    classification: readonly string[];
    years?: readonly number[] | undefined;
    assignees?: readonly string[] | undefined;
    legalStatuses?: readonly LegalStatus[] | undefined;
  },
  date: (iso: string) => string,
  lead?: string,
): string {
  return [
    lead,
    s.publishedBefore ? t('patents.saved.filterBefore', { date: date(s.publishedBefore) }) : null,
    s.classification.length > 0 ? t('patents.saved.filterCpc', { codes: s.classification.join(', ') }) : null,
    s.years?.length ? t('patents.saved.filterYears', { years: s.years.join(', ') }) : null,
    s.assignees?.length ? t('patents.saved.filterAssignees', { assignees: s.assignees.join(' / ') }) : null,
    s.legalStatuses?.length
      ? t('patents.saved.filterStatuses', { statuses: s.legalStatuses.map((x) => t(`patents.patent.legal.${x}`)).join(', ') })
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Hits per page of the search panel. */
export const PAGE_SIZE = 20;

/**
 * What the patent tab shows, kept in its address so a link opens the same view for the other side:
 * a search (?q=…&corpus=…&before=…&cpc=A61B 5/02,A61B 5/022&page=2), one patent (?corpus=…&patent=…),
 * or a saved search (?saved=<id>&v=<n>).
 */
export type PatentsView =
  | { kind: 'search'; search: SearchState }
  | { kind: 'patent'; corpusId: string; number: string; back: SearchState }
  | { kind: 'saved'; searchId: string; version: number | null };

export interface SearchState {
  query: string;
  corpusId: string | null;
  publishedBefore: string | null;
  classification: string[];
  page: number;
  /** Facet filters (?year=2021&assignee=…&status=alive, each may repeat): absent when none is set. */
  years?: number[];
  assignees?: string[];
  statuses?: LegalStatus[];
}

/** The facet filters a search state sets, as the request sends them. */
export const facetFiltersOf = (s: SearchState) => ({
  ...(s.years?.length && { years: s.years }),
  ...(s.assignees?.length && { assignees: s.assignees }),
  ...(s.statuses?.length && { legalStatuses: s.statuses }),
});

/** The state with one facet value added, or taken away when it was set; back to the first page. */
export function toggleFacet(s: SearchState, facet: 'years' | 'assignees' | 'statuses', value: string): SearchState {
  const current: string[] = (s[facet] ?? []).map(String);
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const { [facet]: _old, ...rest } = s;
  if (next.length === 0) return { ...rest, page: 1 };
  if (facet === 'years') return { ...rest, years: next.map(Number), page: 1 };
  if (facet === 'statuses') return { ...rest, statuses: next as LegalStatus[], page: 1 };
  return { ...rest, assignees: next, page: 1 };
}

export const emptySearch: SearchState = { query: '', corpusId: null, publishedBefore: null, classification: [], page: 1 };

function searchOf(params: URLSearchParams): SearchState {
  const page = Number(params.get('page'));
  return {
    query: params.get('q') ?? '',
    corpusId: params.get('corpus') || null,
    publishedBefore: params.get('before') || null,
    classification: (params.get('cpc') ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== ''),
    page: Number.isInteger(page) && page > 1 ? page : 1,
    ...facetParamsOf(params),
  };
}

function facetParamsOf(params: URLSearchParams): Pick<SearchState, 'years' | 'assignees' | 'statuses'> {
  const years = params
    .getAll('year')
    .map(Number)
    .filter((y) => Number.isInteger(y) && y >= 1800 && y <= 2200);
  const assignees = params.getAll('assignee').filter((a) => a.trim() !== '');
  const statuses = params.getAll('status').filter((x): x is LegalStatus => (legalStatuses as readonly string[]).includes(x));
  return {
    ...(years.length > 0 && { years }),
    ...(assignees.length > 0 && { assignees }),
    ...(statuses.length > 0 && { statuses }),
  };
}

export function patentsViewOf(params: URLSearchParams): PatentsView {
  const saved = params.get('saved');
  if (saved) {
    const v = Number(params.get('v'));
    return { kind: 'saved', searchId: saved, version: Number.isInteger(v) && v > 0 ? v : null };
  }
  const search = searchOf(params);
  const number = params.get('patent');
  if (number && search.corpusId) return { kind: 'patent', corpusId: search.corpusId, number, back: search };
  return { kind: 'search', search };
}

function searchParamsOf(s: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.query) p.set('q', s.query);
  if (s.corpusId) p.set('corpus', s.corpusId);
  if (s.publishedBefore) p.set('before', s.publishedBefore);
  if (s.classification.length > 0) p.set('cpc', s.classification.join(','));
  if (s.page > 1) p.set('page', String(s.page));
  for (const y of s.years ?? []) p.append('year', String(y));
  for (const a of s.assignees ?? []) p.append('assignee', a);
  for (const x of s.statuses ?? []) p.append('status', x);
  return p;
}

export function paramsOf(view: PatentsView): URLSearchParams {
  if (view.kind === 'saved') {
    const p = new URLSearchParams({ saved: view.searchId });
    if (view.version !== null) p.set('v', String(view.version));
    return p;
  }
  if (view.kind === 'search') return searchParamsOf(view.search);
  // The patent's own corpus replaces the search's, so the search behind it is kept only when it is the same corpus.
  const p = searchParamsOf({ ...view.back, corpusId: view.corpusId });
  p.set('patent', view.number);
  return p;
}

/** The request a search state sends; null while there is nothing to search for. */
export function searchRequestOf(s: SearchState): PatentSearchRequest | null {
  if (s.query.trim() === '') return null;
  return {
    query: s.query,
    ...(s.corpusId && { corpusId: s.corpusId }),
    ...(s.publishedBefore && { publishedBefore: s.publishedBefore }),
    ...(s.classification.length > 0 && { classification: s.classification }),
    ...facetFiltersOf(s),
    facets: true,
    limit: PAGE_SIZE,
    offset: (s.page - 1) * PAGE_SIZE,
  };
}

export interface TextPart {
  text: string;
  match: boolean;
}

/**
 * A passage cut into plain and matched parts for display. `matches` are offsets into the field's
 * whole text (the passage runs from `start` to `end` of it); overlapping or out-of-passage ranges
 * are clipped, so a bad range can only show less emphasis, never other text.
 */
export function highlightParts(passage: { text: string; start: number; matches: readonly { start: number; end: number }[] }): TextPart[] {
  const parts: TextPart[] = [];
  const { text } = passage;
  let at = 0;
  const ranges = [...passage.matches].sort((a, b) => a.start - b.start);
  for (const m of ranges) {
    const from = Math.max(at, m.start - passage.start);
    const to = Math.min(text.length, m.end - passage.start);
    if (to <= from) continue;
    if (from > at) parts.push({ text: text.slice(at, from), match: false });
    parts.push({ text: text.slice(from, to), match: true });
    at = to;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}
