import { describe, expect, it } from 'vitest';
import { defaultAgreement } from './overtime.js';
import { isLateNight, nightOf, type StrainInput, strainSignals, strainThresholds, strainWindow } from './strain.js';

// Japan time written as UTC instants: 22:00 JST is 13:00Z, 05:00 JST is 20:00Z the day before.
const jst = (date: string, time: string) => new Date(`${date}T${time}+09:00`).toISOString();

const base: StrainInput = {
  from: '2026-06-01',
  to: '2026-06-28',
  acts: [],
  logged: [],
  reworkRounds: 0,
  concurrentClients: 0,
  dueDates: [],
  agreement: defaultAgreement,
};
const of = (input: Partial<StrainInput>, kind: string) => strainSignals({ ...base, ...input }).find((s) => s.kind === kind);

describe('late night (22:00–05:00 JST)', () => {
  it('starts at 22:00 exactly and ends before 05:00', () => {
    expect(isLateNight(jst('2026-06-02', '21:59:59'))).toBe(false);
    expect(isLateNight(jst('2026-06-02', '22:00:00'))).toBe(true);
    expect(isLateNight(jst('2026-06-03', '04:59:59'))).toBe(true);
    expect(isLateNight(jst('2026-06-03', '05:00:00'))).toBe(false);
    // 23:30 JST is 14:30Z on the same day; 00:30 JST is still the day before in UTC.
    expect(isLateNight(jst('2026-06-03', '00:30:00'))).toBe(true);
  });

  it('names a night by its evening: 01:00 on Wednesday is Tuesday night', () => {
    expect(nightOf(jst('2026-06-02', '22:00:00'))).toBe('2026-06-02');
    expect(nightOf(jst('2026-06-03', '01:00:00'))).toBe('2026-06-02');
    expect(nightOf(jst('2026-06-03', '04:59:00'))).toBe('2026-06-02');
  });

  it('counts nights, not acts, and is raised at three', () => {
    const twoNights = [jst('2026-06-02', '22:00:00'), jst('2026-06-03', '02:00:00'), jst('2026-06-09', '23:10:00')];
    expect(of({ acts: twoNights }, 'late_night')).toMatchObject({ value: 2, raised: false, dates: ['2026-06-02', '2026-06-09'] });
    const three = [...twoNights, jst('2026-06-16', '22:00:00'), jst('2026-06-17', '05:00:00')];
    expect(of({ acts: three }, 'late_night')).toMatchObject({ value: 3, threshold: strainThresholds.late_night, raised: true });
  });

  it('counts only nights in the window', () => {
    // The night before the window's first day ends inside it, but belongs to the day before.
    expect(of({ acts: [jst('2026-06-01', '03:00:00')] }, 'late_night')?.value).toBe(0);
    expect(of({ acts: [jst('2026-06-29', '01:00:00')] }, 'late_night')?.value).toBe(1);
  });
});

describe('days off worked', () => {
  it('counts weekends and public holidays with acts or logged hours, once a day', () => {
    const signals = of(
      {
        // 2026-06-06 is a Saturday; 2026-07-20 (Marine Day) is outside the window.
        acts: [jst('2026-06-06', '10:00:00'), jst('2026-06-06', '15:00:00'), jst('2026-06-08', '10:00:00')],
        logged: [
          { date: '2026-06-06', minutes: 120 },
          { date: '2026-06-07', minutes: 0 },
        ],
      },
      'day_off',
    );
    expect(signals).toMatchObject({ value: 1, raised: false, dates: ['2026-06-06'] });
  });

  it('knows a public holiday falling on a weekday', () => {
    // Showa Day, Wednesday 2026-04-29; the day after is a working day.
    const signal = of(
      {
        from: '2026-04-27',
        to: '2026-05-03',
        logged: [
          { date: '2026-04-29', minutes: 60 },
          { date: '2026-04-30', minutes: 600 },
        ],
        acts: [jst('2026-05-03', '09:00:00')],
      },
      'day_off',
    );
    expect(signal).toMatchObject({ value: 2, raised: true, dates: ['2026-04-29', '2026-05-03'] });
  });
});

describe('rework, clients, deadlines', () => {
  it('raises each at its threshold, not before', () => {
    expect(of({ reworkRounds: 1 }, 'rework')?.raised).toBe(false);
    expect(of({ reworkRounds: 2 }, 'rework')?.raised).toBe(true);
    expect(of({ concurrentClients: 2 }, 'concurrent_clients')?.raised).toBe(false);
    expect(of({ concurrentClients: 3 }, 'concurrent_clients')?.raised).toBe(true);
  });

  it('finds the busiest week of due dates', () => {
    expect(of({ dueDates: ['2026-06-29', '2026-07-06'] }, 'deadline_cluster')).toMatchObject({ value: 1, raised: false, dates: [] });
    // Monday and Sunday of one ISO week.
    expect(of({ dueDates: ['2026-06-29', '2026-07-05', '2026-07-06'] }, 'deadline_cluster')).toMatchObject({
      value: 2,
      raised: true,
      dates: ['2026-06-29'],
    });
  });
});

describe('the window', () => {
  it('looks back four weeks including today and ahead from this week', () => {
    // 2026-06-28 is a Sunday: its week began on Monday 2026-06-22.
    expect(strainWindow('2026-06-28')).toEqual({ from: '2026-06-01', to: '2026-06-28', aheadFrom: '2026-06-22', aheadTo: '2026-07-19' });
  });
});
