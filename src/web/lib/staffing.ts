/** The weeks of a proposal's staffing plan (issue #14; decision 0011): what the editor sends and previews. */
import type { StaffingPlanInput } from '../../shared/contracts/staffing';
import { planWeeks } from './capacity';

export interface StaffingDraft {
  userId: string | null;
  role: 'lead' | 'analyst';
  hoursPerWeek: number | '';
}

/** Every week from the later of this week and the start to the week of the end, each with the same minutes. */
export function staffingWeeks(today: string, start: string, end: string, minutesPerWeek: number) {
  return planWeeks(today > start ? today : start, end, minutesPerWeek);
}

/** The plan to save: the rows that name a person and hours, each over the proposal's weeks. */
export function staffingPlanOf(
  rows: readonly StaffingDraft[],
  weeksOf: (minutes: number) => { week: string; minutes: number }[],
): StaffingPlanInput {
  return rows.flatMap((r) => {
    const minutes = typeof r.hoursPerWeek === 'number' ? Math.round(r.hoursPerWeek * 60) : 0;
    const weeks = minutes > 0 ? weeksOf(minutes) : [];
    return r.userId && weeks.length > 0 ? [{ userId: r.userId, role: r.role, weeks }] : [];
  });
}

/** The editor's rows from a saved plan: its first week's minutes as hours per week. */
export function staffingDrafts(
  plan: readonly { userId: string; role: 'lead' | 'analyst'; weeks: readonly { minutes: number }[] }[],
): StaffingDraft[] {
  return plan.map((p) => ({ userId: p.userId, role: p.role, hoursPerWeek: (p.weeks[0]?.minutes ?? 0) / 60 }));
}
