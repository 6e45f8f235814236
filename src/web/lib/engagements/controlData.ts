import { type ControlFigures, type SlaBreach, slaKinds } from '../../../shared/contracts/engagements';

/** The control figures reshaped for charts: one row per bar group, in a fixed order. */

export interface BreachRow {
  kind: SlaBreach['kind'];
  client: number;
  provider: number;
  open: number;
}

/** Breaches by kind, split by the side that owed the response; `open` are still unanswered. */
export function breachesByKind(breaches: readonly SlaBreach[]): BreachRow[] {
  return slaKinds.map((kind) => {
    const ofKind = breaches.filter((b) => b.kind === kind);
    return {
      kind,
      client: ofKind.filter((b) => b.side === 'client').length,
      provider: ofKind.filter((b) => b.side === 'provider').length,
      open: ofKind.filter((b) => b.resolvedAt === null).length,
    };
  });
}

export type CycleKey = keyof ControlFigures['cycleTimes'];
export const cycleKeys: readonly CycleKey[] = ['review', 'clientAnswers', 'providerAnswers'];

export interface CycleRow {
  key: CycleKey;
  median: number;
  p90: number;
  count: number;
}

/** Cycle times with at least one measurement (a bar of nothing would read as "instant"). */
export function cycleRows(cycles: ControlFigures['cycleTimes']): CycleRow[] {
  return cycleKeys.flatMap((key) => {
    const s = cycles[key];
    return s.count > 0 && s.medianHours !== null ? [{ key, median: s.medianHours, p90: s.p90Hours ?? s.medianHours, count: s.count }] : [];
  });
}

/** Late breaches first, the longest still-open first among them. */
export function sortedBreaches(breaches: readonly SlaBreach[]): SlaBreach[] {
  return [...breaches].sort((a, b) => {
    if ((a.resolvedAt === null) !== (b.resolvedAt === null)) return a.resolvedAt === null ? -1 : 1;
    return b.lateHours - a.lateHours;
  });
}

export interface BudgetRow {
  key: 'budget' | 'committed' | 'earned' | 'forecastAtCompletion';
  amount: number;
}

/** The budget burn's amounts as bars; the client's budget only when the viewer may see it. */
export function budgetRows(budget: NonNullable<ControlFigures['budget']>): BudgetRow[] {
  return [
    ...(budget.budget ? [{ key: 'budget' as const, amount: budget.budget.amount }] : []),
    { key: 'committed', amount: budget.committed.amount },
    { key: 'forecastAtCompletion', amount: budget.forecastAtCompletion.amount },
    { key: 'earned', amount: budget.earned.amount },
  ];
}
