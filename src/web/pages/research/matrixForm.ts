import type {
  CellValue,
  CompetitorMatrix,
  CompetitorMatrixInput,
  FeatureKind,
  PricingPeriod,
} from '../../../shared/contracts/market-sizing';
import { firstFreeKey } from '../../lib/keys';
import type { NumberField } from './sizingForm';

/**
 * The competitor matrix as the editor holds it. Competitors and features carry a local id, so a
 * key can be renamed without losing the cells; the request names them by key.
 */
export interface PlanForm {
  /** The editor's own id of the row (React's key). */
  id: string;
  name: string;
  amount: NumberField;
  period: PricingPeriod;
  notes: string;
}

export interface CompetitorForm {
  id: string;
  key: string;
  name: string;
  url: string;
  notes: string;
  plans: PlanForm[];
}

export interface FeatureForm {
  id: string;
  key: string;
  label: string;
  kind: FeatureKind;
  unit: string;
  notes: string;
}

export interface MatrixForm {
  title: string;
  currency: string;
  competitors: CompetitorForm[];
  features: FeatureForm[];
  /** By `cellId(competitor id, feature id)`; absent: unknown. */
  cells: Record<string, CellValue>;
  /** Feature ids of the default positioning map; null for none. */
  positioning: { x: string; y: string } | null;
}

export const cellId = (competitorId: string, featureId: string): string => `${competitorId}|${featureId}`;

/** Features a positioning map can use as an axis. */
export const isAxisKind = (kind: FeatureKind): kind is 'level' | 'number' => kind === 'level' || kind === 'number';

let counter = 0;
const nextId = (prefix: string) => `${prefix}${++counter}`;

export function emptyMatrixForm(): MatrixForm {
  return { title: '', currency: 'JPY', competitors: [], features: [], cells: {}, positioning: null };
}

/** A key no other item has: the prefix and the first free number (c1, c2, …). */
export const freeKey = (prefix: string, taken: readonly string[]): string => firstFreeKey(taken, (n) => `${prefix}${n}`);

export function newCompetitor(taken: readonly string[]): CompetitorForm {
  return { id: nextId('c'), key: freeKey('c', taken), name: '', url: '', notes: '', plans: [] };
}

export function newFeature(taken: readonly string[]): FeatureForm {
  return { id: nextId('f'), key: freeKey('f', taken), label: '', kind: 'level', unit: '', notes: '' };
}

export const newPlan = (): PlanForm => ({ id: nextId('p'), name: '', amount: '', period: 'month', notes: '' });

/** A saved matrix (with its default positioning) as the editor's form. */
export function toMatrixForm(m: CompetitorMatrix, positioning: { x: string; y: string } | null): MatrixForm {
  const competitors: CompetitorForm[] = m.competitors.map((c) => ({
    id: nextId('c'),
    key: c.key,
    name: c.name,
    url: c.url ?? '',
    notes: c.notes,
    plans: c.plans.map((p) => ({ id: nextId('p'), name: p.name, amount: p.amount, period: p.period, notes: p.notes })),
  }));
  const features: FeatureForm[] = m.features.map((f) => ({
    id: nextId('f'),
    key: f.key,
    label: f.label,
    kind: f.kind,
    unit: f.kind === 'number' ? f.unit : '',
    notes: f.notes,
  }));
  const competitorId = new Map(competitors.map((c) => [c.key, c.id]));
  const featureId = new Map(features.map((f) => [f.key, f.id]));
  const cells: Record<string, CellValue> = {};
  for (const cell of m.cells) {
    const c = competitorId.get(cell.competitor);
    const f = featureId.get(cell.feature);
    if (c && f) cells[cellId(c, f)] = cell.value;
  }
  const x = positioning ? featureId.get(positioning.x) : undefined;
  const y = positioning ? featureId.get(positioning.y) : undefined;
  return {
    title: m.title ?? '',
    currency: m.currency,
    competitors,
    features,
    cells,
    positioning: x && y ? { x, y } : null,
  };
}

/** Whether a value can stand in a cell of this kind (a kind change leaves the others out). */
function fits(kind: FeatureKind, value: CellValue): boolean {
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'level':
    case 'number':
      return typeof value === 'number';
    case 'text':
      return typeof value === 'string' && value.trim() !== '';
  }
}

/** The form as the API's request body: the matrix, and the positioning choice when both axes are usable features. */
export function toMatrixRequest(form: MatrixForm): { matrix: CompetitorMatrixInput; positioning?: { x: string; y: string } } {
  const matrix: CompetitorMatrixInput = {
    ...(form.title.trim() && { title: form.title.trim() }),
    currency: form.currency,
    competitors: form.competitors.map((c) => ({
      key: c.key.trim(),
      name: c.name.trim(),
      ...(c.url.trim() && { url: c.url.trim() }),
      notes: c.notes.trim(),
      plans: c.plans.map((p) => ({
        name: p.name.trim(),
        amount: p.amount === '' ? Number.NaN : p.amount,
        period: p.period,
        notes: p.notes.trim(),
      })),
    })),
    features: form.features.map((f) => {
      const base = { key: f.key.trim(), label: f.label.trim(), notes: f.notes.trim() };
      return f.kind === 'number' ? { kind: 'number' as const, ...base, unit: f.unit.trim() } : { kind: f.kind, ...base };
    }),
    cells: form.competitors.flatMap((c) =>
      form.features.flatMap((f) => {
        const value = form.cells[cellId(c.id, f.id)];
        return value !== undefined && fits(f.kind, value) ? [{ competitor: c.key.trim(), feature: f.key.trim(), value }] : [];
      }),
    ),
  };
  const axis = (id: string | undefined) => form.features.find((f) => f.id === id && isAxisKind(f.kind));
  const x = axis(form.positioning?.x);
  const y = axis(form.positioning?.y);
  return x && y ? { matrix, positioning: { x: x.key.trim(), y: y.key.trim() } } : { matrix };
}

/** Why the positioning choice cannot be saved as it is, per axis: not chosen while the other is, or no longer a feature with numbers or levels. */
export type AxisProblem = 'missing' | 'notAxis';

/**
 * The positioning choice's problems: a map needs both axes or neither, so one axis alone would be
 * dropped on save; say so on the field instead. Empty when both are usable or none is chosen.
 */
export function positioningProblems(form: MatrixForm): Partial<Record<'x' | 'y', AxisProblem>> {
  const chosen = { x: form.positioning?.x ?? '', y: form.positioning?.y ?? '' };
  if (!chosen.x && !chosen.y) return {};
  const problems: Partial<Record<'x' | 'y', AxisProblem>> = {};
  for (const axis of ['x', 'y'] as const) {
    const id = chosen[axis];
    if (!id) problems[axis] = 'missing';
    else if (!form.features.some((f) => f.id === id && isAxisKind(f.kind))) problems[axis] = 'notAxis';
  }
  return problems;
}
