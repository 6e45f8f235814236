import type {
  DeliverableType,
  DeliverableVersionView,
  Reference,
  ReportClaim,
  ReportSection,
  ReportSurvey,
  SectionRole,
  SubmitVersionRequest,
} from '../../../shared/contracts/deliverables';
import { firstFreeKey } from '../keys';

/**
 * The provider's submission form as a draft: sections, references, vault files and a note (and,
 * for a financial model, the shared model version). Each row has a local id for React; a section's
 * key follows its title (or its role, for a title with no Latin letters) until someone edits it.
 */

export interface SectionDraft {
  uid: string;
  key: string;
  /** The key was typed by hand: it no longer follows the title. */
  keyEdited: boolean;
  title: string;
  role: SectionRole;
  body: string;
  citations: string[];
}

export interface ReferenceDraft {
  uid: string;
  id: string;
  idEdited: boolean;
  title: string;
  documentId: string | null;
  url: string;
  locator: string;
}

/** The survey a market-research report rests on: a dataset, its version and the table settings. */
export interface SurveyDraft {
  id: string | null;
  version: number | null;
  /** 'none', 'file' (the file's weight column) or a saved weighting's id. */
  weighting: string;
  alpha: number;
  correction: ReportSurvey['correction'];
}

export interface TableDraft {
  uid: string;
  key: string;
  /** The key was typed by hand: it no longer follows the title. */
  keyEdited: boolean;
  title: string;
  stub: string | null;
  banner: string | null;
  section: string | null;
  showsBase: boolean;
}

export interface ClaimDraft {
  uid: string;
  section: string | null;
  table: string | null;
  row: string;
  column: string;
  than: string;
  claim: ReportClaim['claim'];
}

export interface SizingRefDraft {
  uid: string;
  id: string;
  version: number | null;
}

/** A market-research report's evidence: the survey, the tables it shows, its claims and the sizings it quotes. */
export interface ResearchDraft {
  survey: SurveyDraft;
  tables: TableDraft[];
  claims: ClaimDraft[];
  sizings: SizingRefDraft[];
}

export interface SubmissionDraft {
  sections: SectionDraft[];
  references: ReferenceDraft[];
  documentIds: string[];
  note: string;
  model: { id: string | null; version: number | null };
  research: ResearchDraft;
}

let counter = 0;
const uid = (): string => `row-${++counter}`;

/** A key made of lower-case letters, digits, "-" and "_" (what the server accepts), at most 60 long. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 60)
    .replace(/[-_]+$/, '');
}

/** `base`, or `base-2`, `base-3`… — the first not taken. */
export const unique = (base: string, taken: ReadonlySet<string>): string =>
  firstFreeKey(taken, (n) => (n === 1 ? base : `${base.slice(0, 56)}-${n}`));

/** The key a section gets from its title, else from its role; unique among the others. */
export function sectionKey(title: string, role: SectionRole, taken: ReadonlySet<string>): string {
  return unique(slug(title) || slug(role.replaceAll('_', '-')) || 'section', taken);
}

/** The id a reference gets from its title; `ref` for a title with no Latin letters. */
export const referenceId = (title: string, taken: ReadonlySet<string>): string => unique(slug(title) || 'ref', taken);

const others = <T extends { uid: string }>(rows: readonly T[], except: string, pick: (row: T) => string) =>
  new Set(rows.filter((r) => r.uid !== except).map(pick));

/** Changes one section; its key follows its title and role unless it was edited. */
export function updateSection(draft: SubmissionDraft, uidOf: string, change: Partial<Omit<SectionDraft, 'uid'>>): SubmissionDraft {
  const before = draft.sections.find((s) => s.uid === uidOf);
  if (!before) return draft;
  const next = { ...before, ...change };
  if (change.key !== undefined) next.keyEdited = true;
  else if (!next.keyEdited)
    next.key = sectionKey(
      next.title,
      next.role,
      others(draft.sections, uidOf, (x) => x.key),
    );
  const sections = draft.sections.map((s) => (s.uid === uidOf ? next : s));
  return next.key === before.key ? { ...draft, sections } : { ...moveSectionKey(draft, before.key, next.key), sections };
}

/** The evidence's tables and claims follow a section to its new key (null: the section is gone). */
function moveSectionKey(draft: SubmissionDraft, from: string, to: string | null): SubmissionDraft {
  const { tables, claims } = draft.research;
  if (!tables.some((t) => t.section === from) && !claims.some((c) => c.section === from)) return draft;
  return withResearch(draft, {
    tables: tables.map((t) => (t.section === from ? { ...t, section: to } : t)),
    claims: claims.map((c) => (c.section === from ? { ...c, section: to } : c)),
  });
}

/** Changes one reference; its id follows its title unless it was edited, and citations follow a new id. */
export function updateReference(draft: SubmissionDraft, uidOf: string, change: Partial<Omit<ReferenceDraft, 'uid'>>): SubmissionDraft {
  const before = draft.references.find((r) => r.uid === uidOf);
  if (!before) return draft;
  const next = { ...before, ...change };
  if (change.id !== undefined) next.idEdited = true;
  else if (!next.idEdited)
    next.id = referenceId(
      next.title,
      others(draft.references, uidOf, (x) => x.id),
    );
  return {
    ...draft,
    references: draft.references.map((r) => (r.uid === uidOf ? next : r)),
    sections:
      next.id === before.id
        ? draft.sections
        : draft.sections.map((s) => ({ ...s, citations: s.citations.map((c) => (c === before.id ? next.id : c)) })),
  };
}

export function addSection(draft: SubmissionDraft, role: SectionRole = 'other'): SubmissionDraft {
  const taken = new Set(draft.sections.map((s) => s.key));
  const section: SectionDraft = {
    uid: uid(),
    key: sectionKey('', role, taken),
    keyEdited: false,
    title: '',
    role,
    body: '',
    citations: [],
  };
  return { ...draft, sections: [...draft.sections, section] };
}

export function addReference(draft: SubmissionDraft): SubmissionDraft {
  const taken = new Set(draft.references.map((r) => r.id));
  const reference: ReferenceDraft = {
    uid: uid(),
    id: referenceId('', taken),
    idEdited: false,
    title: '',
    documentId: null,
    url: '',
    locator: '',
  };
  return { ...draft, references: [...draft.references, reference] };
}

/** Removes a section; the tables shown in it, and the claims made in it, name no section. */
export function removeSection(draft: SubmissionDraft, uidOf: string): SubmissionDraft {
  const gone = draft.sections.find((s) => s.uid === uidOf);
  const sections = draft.sections.filter((s) => s.uid !== uidOf);
  return gone ? { ...moveSectionKey(draft, gone.key, null), sections } : { ...draft, sections };
}

/** Removes a reference and every citation of it. */
export function removeReference(draft: SubmissionDraft, uidOf: string): SubmissionDraft {
  const gone = draft.references.find((r) => r.uid === uidOf);
  return {
    ...draft,
    references: draft.references.filter((r) => r.uid !== uidOf),
    sections: gone ? draft.sections.map((s) => ({ ...s, citations: s.citations.filter((c) => c !== gone.id) })) : draft.sections,
  };
}

/** Moves a section up (-1) or down (+1). */
export function moveSection(draft: SubmissionDraft, uidOf: string, by: -1 | 1): SubmissionDraft {
  const i = draft.sections.findIndex((s) => s.uid === uidOf);
  const j = i + by;
  if (i < 0 || j < 0 || j >= draft.sections.length) return draft;
  const sections = [...draft.sections];
  [sections[i], sections[j]] = [sections[j] as SectionDraft, sections[i] as SectionDraft];
  return { ...draft, sections };
}

export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_CORRECTION: ReportSurvey['correction'] = 'bonferroni';

export const emptySurvey = (): SurveyDraft => ({
  id: null,
  version: null,
  weighting: 'none',
  alpha: DEFAULT_ALPHA,
  correction: DEFAULT_CORRECTION,
});

export const emptyResearch = (): ResearchDraft => ({ survey: emptySurvey(), tables: [], claims: [], sizings: [] });

export const emptyDraft = (): SubmissionDraft => ({
  sections: [],
  references: [],
  documentIds: [],
  note: '',
  model: { id: null, version: null },
  research: emptyResearch(),
});

// ---------- market-research evidence ----------

/** The key a table gets from its title; `table` for a title with no Latin letters. */
export const tableKey = (title: string, taken: ReadonlySet<string>): string => unique(slug(title) || 'table', taken);

const withResearch = (draft: SubmissionDraft, change: Partial<ResearchDraft>): SubmissionDraft => ({
  ...draft,
  research: { ...draft.research, ...change },
});

/**
 * Picks another survey dataset (its version and weighting start over: a weighting belongs to one
 * version) or changes the version or test settings of the one picked.
 */
export function setSurvey(draft: SubmissionDraft, change: Partial<SurveyDraft>): SubmissionDraft {
  const before = draft.research.survey;
  let survey: SurveyDraft = { ...before, ...change };
  if (change.id !== undefined && change.id !== before.id)
    survey = { ...emptySurvey(), id: change.id, version: change.version ?? null, alpha: before.alpha, correction: before.correction };
  else if (
    change.version !== undefined &&
    change.version !== before.version &&
    change.weighting === undefined &&
    before.weighting !== 'file'
  )
    survey = { ...survey, weighting: 'none' };
  return withResearch(draft, { survey });
}

export function addTable(draft: SubmissionDraft): SubmissionDraft {
  const taken = new Set(draft.research.tables.map((t) => t.key));
  const table: TableDraft = {
    uid: uid(),
    key: tableKey('', taken),
    keyEdited: false,
    title: '',
    stub: null,
    banner: null,
    section: null,
    showsBase: true,
  };
  return withResearch(draft, { tables: [...draft.research.tables, table] });
}

/** Changes one table; its key follows its title unless it was edited, and claims follow a new key. */
export function updateTable(draft: SubmissionDraft, uidOf: string, change: Partial<Omit<TableDraft, 'uid'>>): SubmissionDraft {
  const before = draft.research.tables.find((t) => t.uid === uidOf);
  if (!before) return draft;
  const next = { ...before, ...change };
  if (change.key !== undefined) next.keyEdited = true;
  else if (!next.keyEdited)
    next.key = tableKey(
      next.title,
      others(draft.research.tables, uidOf, (x) => x.key),
    );
  // Another question: the claims' categories no longer name its rows (stub) or columns (banner).
  const rowsChanged = next.stub !== before.stub;
  const colsChanged = next.banner !== before.banner;
  return withResearch(draft, {
    tables: draft.research.tables.map((t) => (t.uid === uidOf ? next : t)),
    claims: draft.research.claims.map((c) => {
      if (c.table !== before.key) return c;
      return {
        ...c,
        table: next.key,
        row: rowsChanged ? '' : c.row,
        column: colsChanged ? '' : c.column,
        than: colsChanged ? '' : c.than,
      };
    }),
  });
}

/** Removes a table; the claims about it keep their text but name no table. */
export function removeTable(draft: SubmissionDraft, uidOf: string): SubmissionDraft {
  const gone = draft.research.tables.find((t) => t.uid === uidOf);
  return withResearch(draft, {
    tables: draft.research.tables.filter((t) => t.uid !== uidOf),
    claims: gone ? draft.research.claims.map((c) => (c.table === gone.key ? { ...c, table: null } : c)) : draft.research.claims,
  });
}

/** A new claim about the last table, in the section that table is shown in. */
export function addClaim(draft: SubmissionDraft): SubmissionDraft {
  const table = draft.research.tables.at(-1);
  const claim: ClaimDraft = {
    uid: uid(),
    section: table?.section ?? draft.sections[0]?.key ?? null,
    table: table?.key ?? null,
    row: '',
    column: '',
    than: '',
    claim: 'higher',
  };
  return withResearch(draft, { claims: [...draft.research.claims, claim] });
}

/** Changes one claim; naming another table clears the cells it named. */
export function updateClaim(draft: SubmissionDraft, uidOf: string, change: Partial<Omit<ClaimDraft, 'uid'>>): SubmissionDraft {
  return withResearch(draft, {
    claims: draft.research.claims.map((c) => {
      if (c.uid !== uidOf) return c;
      const next = { ...c, ...change };
      if (change.table !== undefined && change.table !== c.table) {
        next.row = change.row ?? '';
        next.column = change.column ?? '';
        next.than = change.than ?? '';
        const table = draft.research.tables.find((t) => t.key === change.table);
        if (change.section === undefined && table?.section) next.section = table.section;
      }
      return next;
    }),
  });
}

export const removeClaim = (draft: SubmissionDraft, uidOf: string): SubmissionDraft =>
  withResearch(draft, { claims: draft.research.claims.filter((c) => c.uid !== uidOf) });

/**
 * The sizings the report quotes, by id, in the order picked: one kept keeps its version, a new one
 * starts at `latest` (its latest version, when known).
 */
export function setSizings(draft: SubmissionDraft, ids: readonly string[], latest: (id: string) => number | null): SubmissionDraft {
  const kept = new Map(draft.research.sizings.map((s) => [s.id, s]));
  return withResearch(draft, {
    sizings: ids.map((id) => kept.get(id) ?? { uid: uid(), id, version: latest(id) }),
  });
}

// ---------- the evidence editor's choices ----------

export interface Option {
  value: string;
  label: string;
}

/** The choices of a section or a table: its title with its key, or the key alone while it has no title. */
export const keyedOptions = (rows: readonly { key: string; title: string }[]): Option[] =>
  rows.map((r) => ({ value: r.key, label: r.title.trim() ? `${r.title} (${r.key})` : r.key }));

/**
 * The options with the current value first when it is not among them (a question of another
 * version, a category since renamed), labelled by `labelOf` — an id is worded, not shown raw.
 */
export const withCurrent = (options: Option[], value: string | null, labelOf: (value: string) => string = (v) => v): Option[] =>
  value && !options.some((o) => o.value === value) ? [{ value, label: labelOf(value) }, ...options] : options;

/** The part of a crosstab reply a claim's choices come from (the API's `CrosstabReply`). */
export type ClaimTableReply =
  | { kind: 'crosstab'; table: { rows: readonly string[]; cols: readonly string[] } }
  | { kind: 'means'; table: { cols: readonly string[] } };

/**
 * What a claim's row and columns are picked from: typed by hand when there is no table to read
 * (no dataset, stub or banner yet, or the table failed); nothing while the table loads — data kept
 * from the previous table is not this table's; a crosstab's rows and columns; a means table's
 * columns only (its rows are a numeric question: the claim names the stub question as its row).
 */
export type ClaimCells =
  | { kind: 'text' }
  | { kind: 'loading' }
  | { kind: 'crosstab'; rows: readonly string[]; cols: readonly string[] }
  | { kind: 'means'; cols: readonly string[] };

export function claimCells(q: {
  ready: boolean;
  data: ClaimTableReply | undefined;
  isPlaceholderData: boolean;
  isError: boolean;
}): ClaimCells {
  if (!q.ready || q.isError) return { kind: 'text' };
  if (!q.data || q.isPlaceholderData) return { kind: 'loading' };
  return q.data.kind === 'crosstab'
    ? { kind: 'crosstab', rows: q.data.table.rows, cols: q.data.table.cols }
    : { kind: 'means', cols: q.data.table.cols };
}

/**
 * A claim on a means table names the table's stub question as its row: the checks read no row
 * there, and the contract wants one. The same draft when there is nothing to change.
 */
export function meansClaimRow(draft: SubmissionDraft, uidOf: string, stub: string): SubmissionDraft {
  const claim = draft.research.claims.find((c) => c.uid === uidOf);
  return !claim || claim.row === stub ? draft : updateClaim(draft, uidOf, { row: stub });
}

/**
 * Whether the submission form shows an issue of the evidence at its field: the survey's fields, a
 * table's or a claim's field (or their lists), a sizing or its fields. The form lists the rest.
 */
export const placedEvidenceIssue = (key: string): boolean =>
  /^survey(\.\w+)?$/.test(key) || /^(tables|claims)(\.\d+\.\w+)?$/.test(key) || /^sizings(\.\d+(\.\w+)?)?$/.test(key);

export const setSizingVersion = (draft: SubmissionDraft, uidOf: string, version: number | null): SubmissionDraft =>
  withResearch(draft, { sizings: draft.research.sizings.map((s) => (s.uid === uidOf ? { ...s, version } : s)) });

/** A resubmission starts from the latest version: its content and files, with a fresh note. */
export function draftFromVersion(version: DeliverableVersionView | undefined): SubmissionDraft {
  if (!version) return emptyDraft();
  const c = version.content;
  return {
    sections: c.sections.map((s: ReportSection) => ({ uid: uid(), keyEdited: true, ...s, citations: [...s.citations] })),
    references: c.references.map((r: Reference) => ({
      uid: uid(),
      id: r.id,
      idEdited: true,
      title: r.title,
      documentId: r.documentId,
      url: r.url ?? '',
      locator: r.locator ?? '',
    })),
    documentIds: version.documents.map((d) => d.id),
    note: '',
    model: c.type === 'financial_model' ? { id: c.model.id, version: c.model.version } : { id: null, version: null },
    research:
      c.type === 'market_research'
        ? {
            survey: c.survey ? { ...c.survey } : emptySurvey(),
            tables: c.tables.map((t) => ({ uid: uid(), keyEdited: true, ...t })),
            claims: c.claims.map((claim) => ({ uid: uid(), ...claim })),
            sizings: c.sizings.map((s) => ({ uid: uid(), id: s.id, version: s.version })),
          }
        : emptyResearch(),
  };
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** What the form sends: the content of the deliverable's type, its files and the note. */
export function requestOf(draft: SubmissionDraft, type: DeliverableType): SubmitVersionRequest {
  const sections = draft.sections.map((s) => ({ key: s.key, title: s.title, role: s.role, body: s.body, citations: s.citations }));
  const references = draft.references.map((r) => ({
    id: r.id,
    title: r.title,
    documentId: r.documentId,
    url: orNull(r.url),
    locator: orNull(r.locator),
  }));
  let content: SubmitVersionRequest['content'];
  if (type === 'financial_model')
    content = { type, model: { id: draft.model.id ?? '', version: draft.model.version ?? 0 }, sections, references };
  else if (type === 'market_research') content = { type, ...researchContent(draft.research), sections, references };
  // A patent report is built by the patent workbench (its report builder), not by this form.
  else if (type === 'patent_research') throw new Error('A patent research report is not submitted through the generic form.');
  else content = { type, sections, references };
  return { content, documentIds: draft.documentIds, note: draft.note };
}

/**
 * The evidence as the server reads it. A field left empty is sent empty (a version of 0, a blank
 * question) so that the server's issue lands on that field.
 */
function researchContent(r: ResearchDraft) {
  const s = r.survey;
  return {
    survey: s.id === null ? null : { id: s.id, version: s.version ?? 0, weighting: s.weighting, alpha: s.alpha, correction: s.correction },
    tables: r.tables.map((t) => ({
      key: t.key,
      title: t.title,
      stub: t.stub ?? '',
      banner: t.banner ?? '',
      section: t.section,
      showsBase: t.showsBase,
    })),
    claims: r.claims.map((c) => ({
      section: c.section ?? '',
      table: c.table ?? '',
      row: c.row,
      column: c.column,
      than: c.than,
      claim: c.claim,
    })),
    sizings: r.sizings.map((z) => ({ id: z.id, version: z.version ?? 0 })),
  };
}
