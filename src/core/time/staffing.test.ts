import { describe, expect, it } from 'vitest';
import type { LoadWarningView } from '../../shared/contracts/capacity.js';
import { leftOutReason, staffingProblems, worstWarning } from './staffing.js';

const member = (userId: string, roles: string[] = ['analyst'], status: 'active' | 'disabled' = 'active') => ({
  userId,
  status,
  roles: roles as never,
});

describe('staffing plans: who may be named', () => {
  const today = '2026-04-01'; // a Wednesday: this week is 2026-03-30
  it('names active working members of the provider only', () => {
    const plan = [
      { userId: 'a', role: 'analyst' as const, weeks: [{ week: '2026-04-06', minutes: 600 }] },
      { userId: 'gone', role: 'analyst' as const, weeks: [] },
      { userId: 'stranger', role: 'lead' as const, weeks: [] },
      { userId: 'admin-only', role: 'lead' as const, weeks: [] },
    ];
    const members = [member('a'), member('gone', ['analyst'], 'disabled'), member('admin-only', ['auditor'])];
    expect(staffingProblems(plan, members, today).map((i) => [i.path.join('.'), i.code])).toEqual([
      ['staffing.1.userId', 'not_member'],
      ['staffing.2.userId', 'not_member'],
      ['staffing.3.userId', 'not_member'],
    ]);
    expect(staffingProblems(plan.slice(0, 1), [member('a', ['delivery_manager'])], today)).toEqual([]);
  });

  it('plans within two years of this week, either way, the boundary weeks included', () => {
    const weeks = ['2024-04-01', '2024-03-25', '2028-03-27', '2028-04-03'].map((week) => ({ week, minutes: 60 }));
    const issues = staffingProblems([{ userId: 'a', role: 'analyst', weeks }], [member('a')], today);
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['staffing.0.weeks.1.week', 'week_out_of_range'],
      ['staffing.0.weeks.3.week', 'week_out_of_range'],
    ]);
  });
});

describe('staffing plans at the award', () => {
  it('leaves out whoever is no longer a member, then a conflict, then a legal maximum; staffs everyone else', () => {
    expect(leftOutReason({ member: true, conflict: false, legalBreach: false })).toBeNull();
    expect(leftOutReason({ member: true, conflict: false, legalBreach: true })).toBe('legal_maximum');
    expect(leftOutReason({ member: true, conflict: true, legalBreach: true })).toBe('conflict');
    expect(leftOutReason({ member: false, conflict: true, legalBreach: true })).toBe('not_member');
  });

  const w = (
    severity: 'breach' | 'warning',
    rule: LoadWarningView['rule'],
    forecast: number,
    limit: number,
    legalMaximum = false,
  ): LoadWarningView => ({
    code: 'load_warning',
    severity,
    rule,
    from: '2026-05',
    to: '2026-05',
    forecast,
    before: 0,
    limit,
    legalMaximum,
  });

  it('names the worst warning: a breach, a legal one, then the nearest its limit', () => {
    expect(worstWarning([])).toBeNull();
    const near = w('warning', 'monthly_overtime', 2200, 2700);
    const nearer = w('warning', 'yearly_overtime', 20_000, 21_600);
    expect(worstWarning([near, nearer])).toBe(nearer);
    const breach = w('breach', 'monthly_overtime', 2760, 2700);
    expect(worstWarning([near, breach, nearer])).toBe(breach);
    const legal = w('breach', 'monthly_total', 6000, 6000, true);
    expect(worstWarning([breach, legal])).toBe(legal);
  });
});
