import { describe, expect, it } from 'vitest';
import { type Activity, SUGGESTION_GROUP_CAP, type SuggestionInput, suggestEntries, suggestionKey } from './suggestions.js';
import { weekDates } from './weeks.js';

const E1 = 'e1';
const E2 = 'e2';
const MONDAY = '2026-11-30';
/** An instant in JST. */
const jst = (date: string, hm: string) => new Date(`${date}T${hm}:00+09:00`).toISOString();

let n = 0;
const answered = (date: string, opened: string, at: string, extra: Partial<Activity> = {}): Activity => ({
  kind: 'question_answered',
  engagementId: E1,
  refId: `q${++n}`,
  ref: 'Q',
  at: jst(date, at),
  openedAt: jst(date, opened),
  ...extra,
});

const input = (activities: Activity[], over: Partial<SuggestionInput> = {}): SuggestionInput => ({
  side: 'client',
  dates: weekDates(MONDAY),
  today: '2026-12-06',
  engagementIds: new Set([E1, E2]),
  activities,
  logged: [],
  dismissed: new Set(),
  ...over,
});

describe('suggested entries', () => {
  it('counts an answer from arrival to answer, raised to the floor and cut to the cap at their boundaries', () => {
    const cases: [string, string, number, string][] = [
      ['10:00', '10:14', 15, 'span_floor'],
      ['10:00', '10:15', 15, 'span'],
      ['10:05', '11:20', 75, 'span'],
      ['10:00', '12:00', 120, 'span'],
      ['10:00', '12:01', 120, 'span_cap'],
    ];
    for (const [opened, at, minutes, basis] of cases) {
      const [s] = suggestEntries(input([answered('2026-12-01', opened, at)]));
      expect({ minutes: s?.minutes, basis: s?.parts[0]?.basis }, `${opened}–${at}`).toEqual({ minutes, basis });
    }
  });

  it('names the span in the derivation', () => {
    const [s] = suggestEntries(input([answered('2026-12-01', '10:05', '11:20')]));
    expect(s).toMatchObject({ key: suggestionKey('2026-12-01', E1, 'qa'), category: 'qa', derivedMinutes: 75 });
    expect(s?.parts[0]).toMatchObject({ kind: 'question_answered', spanMinutes: 75, openedAt: jst('2026-12-01', '10:05') });
  });

  it('counts fixed minutes for a question that arrived on an earlier day, and dates acts in JST', () => {
    const late = { ...answered('2026-12-02', '10:00', '09:00'), openedAt: jst('2026-12-01', '23:59') };
    const [s] = suggestEntries(input([late]));
    expect(s).toMatchObject({ date: '2026-12-02', minutes: 30 });
    expect(s?.parts[0]?.basis).toBe('fixed_other_day');
    // 23:59 JST on Tuesday is Tuesday; 00:00 JST on Wednesday is Wednesday (15:00 UTC the day before).
    const asked = (at: string): Activity => ({ kind: 'question_asked', engagementId: E1, refId: at, ref: 'Q', at, openedAt: null });
    const days = suggestEntries(input([asked('2026-12-01T14:59:00.000Z'), asked('2026-12-01T15:00:00.000Z')])).map((x) => x.date);
    expect(days).toEqual(['2026-12-01', '2026-12-02']);
  });

  it('counts an act once however often it is passed', () => {
    const a = answered('2026-12-01', '10:00', '10:30');
    expect(suggestEntries(input([a, a, { ...a }]))[0]?.minutes).toBe(30);
  });

  it('never counts overlapping spans twice, across engagements too', () => {
    const s = suggestEntries(
      input([
        answered('2026-12-01', '10:00', '11:00'),
        answered('2026-12-01', '10:30', '11:30', { engagementId: E2 }),
        answered('2026-12-01', '10:10', '10:50'),
      ]),
    );
    const e1 = s.find((x) => x.engagementId === E1);
    const e2 = s.find((x) => x.engagementId === E2);
    expect(e1?.minutes).toBe(60);
    expect(e1?.parts.map((p) => [p.minutes, p.basis])).toContainEqual([0, 'overlap']);
    expect(e2).toMatchObject({ minutes: 30 });
    expect(e2?.parts[0]?.basis).toBe('overlap');
    // Spans that only touch are both counted whole.
    const touching = suggestEntries(input([answered('2026-12-01', '10:00', '11:00'), answered('2026-12-01', '11:00', '12:00')]));
    expect(touching[0]?.minutes).toBe(120);
  });

  it('offers at most 4 h in one suggestion', () => {
    const asked = (i: number): Activity => ({
      kind: 'question_asked',
      engagementId: E1,
      refId: `a${i}`,
      ref: 'Q',
      at: jst('2026-12-01', `${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`),
      openedAt: null,
    });
    const exactly = Array.from({ length: SUGGESTION_GROUP_CAP / 15 }, (_, i) => asked(i));
    expect(suggestEntries(input(exactly))[0]).toMatchObject({ minutes: 240, capped: false });
    const over = [...exactly, asked(16)];
    expect(suggestEntries(input(over))[0]).toMatchObject({ minutes: 240, derivedMinutes: 255, capped: true });
  });

  it('suggests nothing where the person logged that day, engagement and category, or dismissed it', () => {
    const acts = [answered('2026-12-01', '10:00', '10:30')];
    const logged = (date: string, engagementId: string, category: string) => [{ date, engagementId, category, minutes: 10 }];
    expect(suggestEntries(input(acts, { logged: logged('2026-12-01', E1, 'qa') }))).toEqual([]);
    expect(suggestEntries(input(acts, { logged: logged('2026-12-01', E1, 'review') }))).toHaveLength(1);
    expect(suggestEntries(input(acts, { logged: logged('2026-12-01', E2, 'qa') }))).toHaveLength(1);
    expect(suggestEntries(input(acts, { logged: logged('2026-12-02', E1, 'qa') }))).toHaveLength(1);
    expect(suggestEntries(input(acts, { dismissed: new Set([suggestionKey('2026-12-01', E1, 'qa')]) }))).toEqual([]);
  });

  it('keeps a day within 24 h with what is logged', () => {
    const acts = [answered('2026-12-01', '10:00', '11:00')];
    const logged = (minutes: number) => [{ date: '2026-12-01', engagementId: E2, category: 'briefing', minutes }];
    expect(suggestEntries(input(acts, { logged: logged(1380) }))[0]).toMatchObject({ minutes: 60, dayFull: false });
    expect(suggestEntries(input(acts, { logged: logged(1381) }))[0]).toMatchObject({ minutes: 59, dayFull: true });
    expect(suggestEntries(input(acts, { logged: logged(1440) }))).toEqual([]);
    // Two suggestions of one day share what is left.
    const two = [...acts, answered('2026-12-01', '12:00', '13:00', { engagementId: E2 })];
    expect(suggestEntries(input(two, { logged: logged(1400) })).map((x) => x.minutes)).toEqual([40]);
  });

  it('suggests only for the week up to today, on engagements the person may log on, in categories of their side', () => {
    expect(suggestEntries(input([answered('2026-12-06', '10:00', '10:30')]))).toHaveLength(1);
    expect(suggestEntries(input([answered('2026-12-06', '10:00', '10:30')], { today: '2026-12-05' }))).toEqual([]);
    expect(suggestEntries(input([answered('2026-12-07', '10:00', '10:30')], { today: '2026-12-09' }))).toEqual([]);
    expect(suggestEntries(input([answered('2026-11-29', '10:00', '10:30')]))).toEqual([]);
    expect(suggestEntries(input([answered('2026-12-01', '10:00', '10:30')], { engagementIds: new Set([E2]) }))).toEqual([]);
    const sow: Activity = {
      kind: 'sow_approved',
      engagementId: E1,
      refId: 's1',
      ref: 'v1',
      at: jst('2026-12-01', '09:00'),
      openedAt: null,
    };
    expect(suggestEntries(input([sow]))[0]).toMatchObject({ category: 'contract_admin', minutes: 30 });
    expect(suggestEntries(input([sow], { side: 'provider' }))).toEqual([]);
    expect(suggestEntries(input([answered('2026-12-01', '10:00', '10:30')], { side: 'provider' }))[0]?.category).toBe('research');
  });
});
