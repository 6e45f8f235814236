import { type FeeTerms, feeEstimate, type PlannedMilestone } from '../../../shared/contracts/engagements';
import type { Money } from '../../../shared/money';

/**
 * Milestone plans and fees as forms hold them (numbers may be empty while typed), and the
 * contract shapes they become. Used by the proposal editor, the SOW revision and change requests.
 */

export type NumberDraft = number | '';

export interface MilestoneDraft {
  /** Stable across SOW versions (a change request moves a milestone by key); new ones get m1, m2, … */
  key: string;
  title: string;
  dueDate: string;
  weight: NumberDraft;
  deliverables: string[];
}

export interface RateDraft {
  role: string;
  hourlyRate: NumberDraft;
  estimatedHours: NumberDraft;
}

export interface FeeDraft {
  type: FeeTerms['type'];
  fixedAmount: NumberDraft;
  rateCard: RateDraft[];
  cap: NumberDraft;
}

export const CURRENCY = 'JPY';

/** The first free key of the form m1, m2, … */
export function nextMilestoneKey(taken: readonly string[]): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`m${n}`)) n++;
  return `m${n}`;
}

export const emptyMilestone = (taken: readonly string[]): MilestoneDraft => ({
  key: nextMilestoneKey(taken),
  title: '',
  dueDate: '',
  weight: '',
  deliverables: [],
});

export const emptyRate = (): RateDraft => ({ role: '', hourlyRate: '', estimatedHours: '' });

export const emptyFee = (): FeeDraft => ({ type: 'fixed', fixedAmount: '', rateCard: [emptyRate()], cap: '' });

/** An empty number is left out, so the server names the missing field instead of reading 0. */
const num = (value: NumberDraft): number | undefined => (value === '' ? undefined : value);
const yenOf = (value: NumberDraft) => ({ amount: num(value) as number, currency: CURRENCY });

export function milestonesFromDrafts(drafts: readonly MilestoneDraft[]): PlannedMilestone[] {
  return drafts.map((m) => ({
    key: m.key,
    title: m.title.trim(),
    dueDate: m.dueDate,
    weight: num(m.weight) as number,
    deliverables: m.deliverables.map((d) => d.trim()).filter(Boolean),
  }));
}

export const draftsFromMilestones = (milestones: readonly PlannedMilestone[]): MilestoneDraft[] =>
  milestones.map((m) => ({ ...m, deliverables: [...m.deliverables] }));

export function feeFromDraft(draft: FeeDraft): FeeTerms {
  if (draft.type === 'fixed') return { type: 'fixed', amount: yenOf(draft.fixedAmount) };
  return {
    type: 'time_and_materials',
    rateCard: draft.rateCard.map((r) => ({
      role: r.role.trim(),
      hourlyRate: yenOf(r.hourlyRate),
      estimatedHours: num(r.estimatedHours) as number,
    })),
    cap: draft.cap === '' ? null : yenOf(draft.cap),
  };
}

export function draftFromFee(fee: FeeTerms): FeeDraft {
  if (fee.type === 'fixed') return { ...emptyFee(), type: 'fixed', fixedAmount: fee.amount.amount };
  return {
    type: 'time_and_materials',
    fixedAmount: '',
    rateCard: fee.rateCard.map((r) => ({ role: r.role, hourlyRate: r.hourlyRate.amount, estimatedHours: r.estimatedHours })),
    cap: fee.cap?.amount ?? '',
  };
}

/** The fee's expected total while it is typed; null until it can be worked out. */
export function draftEstimate(draft: FeeDraft): Money | null {
  if (draft.type === 'fixed') return draft.fixedAmount === '' ? null : { amount: draft.fixedAmount, currency: CURRENCY };
  const complete = draft.rateCard.filter((r) => r.hourlyRate !== '' && r.estimatedHours !== '');
  if (complete.length === 0) return null;
  return feeEstimate(feeFromDraft({ ...draft, rateCard: complete }));
}

export const weightTotal = (drafts: readonly Pick<MilestoneDraft, 'weight'>[]): number =>
  Math.round(drafts.reduce((sum, m) => sum + (m.weight === '' ? 0 : m.weight), 0) * 1000) / 1000;

/** A problem found before sending, with the path the server would give it. */
export interface PlanIssue {
  path: (string | number)[];
  code: 'weights_total' | 'date_order' | 'outside_range' | 'end_before_start';
  values?: Record<string, string | number>;
}

/**
 * The plan's rules that people get wrong most (the server checks them again): weights add up to
 * 100, milestones come in date order, and each falls within the dates given.
 */
export function planIssues(
  drafts: readonly MilestoneDraft[],
  range: { start?: string; end?: string } = {},
  prefix: (string | number)[] = ['milestones'],
): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const total = weightTotal(drafts);
  if (drafts.length > 0 && drafts.every((d) => d.weight !== '') && total !== 100) {
    issues.push({ path: prefix, code: 'weights_total', values: { total } });
  }
  drafts.forEach((m, i) => {
    const prev = drafts[i - 1];
    if (prev?.dueDate && m.dueDate && m.dueDate < prev.dueDate) issues.push({ path: [...prefix, i, 'dueDate'], code: 'date_order' });
    else if (m.dueDate && ((range.start && m.dueDate < range.start) || (range.end && m.dueDate > range.end))) {
      issues.push({ path: [...prefix, i, 'dueDate'], code: 'outside_range' });
    }
  });
  return issues;
}

/** ISO dates compare as text. */
export function datesIssue(start: string, end: string, endPath: (string | number)[]): PlanIssue[] {
  return start && end && end < start ? [{ path: endPath, code: 'end_before_start' }] : [];
}
