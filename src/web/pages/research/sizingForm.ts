import {
  type FactorUnit,
  type MarketSizing,
  type MarketSizingInput,
  type SizingApproach,
  type SizingLevel,
  sizingLevels,
} from '../../../shared/contracts/market-sizing';
import { firstFreeKey } from '../../lib/keys';

/** A number field as the form holds it: '' while empty. */
export type NumberField = number | '';

/** One assumption as the editor holds it: the source's parts as plain text (all empty: no source). */
export interface FactorForm {
  /** The editor's own id of the row (React's key): stays while the key is being renamed. */
  id: string;
  key: string;
  label: string;
  unit: FactorUnit;
  low: NumberField;
  base: NumberField;
  high: NumberField;
  sourceTitle: string;
  sourceUrl: string;
  sourceNote: string;
  /** Kept as it was: the editor does not pick vault documents. */
  sourceDocumentId?: string;
  notes: string;
}

export interface SizingForm {
  title: string;
  market: string;
  approach: SizingApproach;
  currency: string;
  notes: string;
  levels: Record<SizingLevel, { label: string; factors: FactorForm[] }>;
}

export function emptySizingForm(): SizingForm {
  return {
    title: '',
    market: '',
    approach: 'top_down',
    currency: 'JPY',
    notes: '',
    levels: {
      tam: { label: '', factors: [newFactor([])] },
      sam: { label: '', factors: [] },
      som: { label: '', factors: [] },
    },
  };
}

/** Every assumption key of the form, to make a new one unique. */
export const factorKeys = (form: SizingForm): string[] => sizingLevels.flatMap((l) => form.levels[l].factors.map((f) => f.key));

let rowCounter = 0;
const nextRowId = () => `row${++rowCounter}`;

/** A blank assumption with a key no other has (f1, f2, …). */
export function newFactor(taken: readonly string[]): FactorForm {
  return {
    id: nextRowId(),
    key: firstFreeKey(taken, (n) => `f${n}`),
    label: '',
    unit: 'count',
    low: '',
    base: '',
    high: '',
    sourceTitle: '',
    sourceUrl: '',
    sourceNote: '',
    notes: '',
  };
}

/** A saved sizing as the editor's form. */
export function toSizingForm(s: MarketSizing): SizingForm {
  const levels = {} as SizingForm['levels'];
  for (const level of sizingLevels) {
    levels[level] = {
      label: s.levels[level].label ?? '',
      factors: s.levels[level].factors.map((f) => ({
        id: nextRowId(),
        key: f.key,
        label: f.label,
        unit: f.unit,
        low: f.low,
        base: f.base,
        high: f.high,
        sourceTitle: f.source?.title ?? '',
        sourceUrl: f.source?.url ?? '',
        sourceNote: f.source?.note ?? '',
        ...(f.source?.documentId && { sourceDocumentId: f.source.documentId }),
        notes: f.notes,
      })),
    };
  }
  return { title: s.title, market: s.market, approach: s.approach, currency: s.currency, notes: s.notes, levels };
}

/** An empty number goes as NaN, so the server names the field rather than the form guessing a value. */
const num = (v: NumberField): number => (v === '' ? Number.NaN : v);

/** The form as the API's sizing: blank optional texts are left out; a source with no part filled in is null (flagged by the checks). */
export function toSizing(form: SizingForm): MarketSizingInput {
  const levels = {} as MarketSizingInput['levels'];
  for (const level of sizingLevels) {
    const l = form.levels[level];
    levels[level] = {
      ...(l.label.trim() && { label: l.label.trim() }),
      factors: l.factors.map((f) => {
        const title = f.sourceTitle.trim();
        const url = f.sourceUrl.trim();
        const note = f.sourceNote.trim();
        const hasSource = title !== '' || url !== '' || note !== '' || f.sourceDocumentId !== undefined;
        return {
          key: f.key.trim(),
          label: f.label.trim(),
          unit: f.unit,
          low: num(f.low),
          base: num(f.base),
          high: num(f.high),
          source: hasSource
            ? {
                title,
                ...(url && { url }),
                ...(f.sourceDocumentId && { documentId: f.sourceDocumentId }),
                ...(note && { note }),
              }
            : null,
          notes: f.notes.trim(),
        };
      }),
    };
  }
  return {
    market: form.market.trim(),
    title: form.title.trim(),
    approach: form.approach,
    currency: form.currency,
    levels,
    notes: form.notes.trim(),
  };
}

/** Where an issue of a sizing request sits in the form, as "levels.tam.factors.0.high" (the leading "sizing" dropped). */
export function sizingIssuePlace(path: readonly (string | number)[]): string {
  const rest = path[0] === 'sizing' ? path.slice(1) : path;
  return rest.join('.');
}

/** A source's issues sit under "…source.title", "…source.url": the form shows them on the source's fields. */
export const factorPlace = (level: SizingLevel, index: number, field: string): string => `levels.${level}.factors.${index}.${field}`;
