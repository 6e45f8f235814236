import type {
  DeliverableType,
  DeliverableVersionView,
  Reference,
  ReportSection,
  SectionRole,
  SubmitVersionRequest,
} from '../../../shared/contracts/deliverables';

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

export interface SubmissionDraft {
  sections: SectionDraft[];
  references: ReferenceDraft[];
  documentIds: string[];
  note: string;
  model: { id: string | null; version: number | null };
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
export function unique(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 56)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

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
  return {
    ...draft,
    sections: draft.sections.map((s) => {
      if (s.uid !== uidOf) return s;
      const next = { ...s, ...change };
      if (change.key !== undefined) next.keyEdited = true;
      else if (!next.keyEdited)
        next.key = sectionKey(
          next.title,
          next.role,
          others(draft.sections, s.uid, (x) => x.key),
        );
      return next;
    }),
  };
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

export const removeSection = (draft: SubmissionDraft, uidOf: string): SubmissionDraft => ({
  ...draft,
  sections: draft.sections.filter((s) => s.uid !== uidOf),
});

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

export const emptyDraft = (): SubmissionDraft => ({
  sections: [],
  references: [],
  documentIds: [],
  note: '',
  model: { id: null, version: null },
});

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
  const content: SubmitVersionRequest['content'] =
    type === 'financial_model'
      ? { type, model: { id: draft.model.id ?? '', version: draft.model.version ?? 0 }, sections, references }
      : { type, sections, references };
  return { content, documentIds: draft.documentIds, note: draft.note };
}
