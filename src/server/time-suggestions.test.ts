import { expect, it } from 'vitest';
import type { QuestionView } from '../shared/contracts/engagements.js';
import type { TimeEntryView, TimeSuggestionsView, TimesheetView } from '../shared/contracts/time.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { makeUser } from '../testing/factories.js';
import { errorOf, TestClient } from '../testing/http.js';
import { type TestKit, useTestKit } from '../testing/runtime.js';

const MONDAY = '2026-03-30';

/** An engagement under way (today is Wednesday 2026-04-01, 09:00 JST): the analyst asks at 09:00, the owner answers 75 minutes later. */
async function world(k: TestKit) {
  const w = await engagementInProgress(k);
  const { as, orgs, people } = w;
  const asked = await as.p1Analyst.post<QuestionView[]>(`/api/engagements/${w.id}/questions`, { title: '対象範囲', body: '範囲は?' });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const questionId = asked.body[0]?.id ?? '';
  k.clock.advanceMinutes(75);
  const answered = await as.owner.post(`/api/engagements/${w.id}/questions/${questionId}/answers`, { body: '国内のみです。' });
  expect(answered.status, JSON.stringify(answered.body)).toBe(201);
  const path = (orgId: string, userId: string, week = MONDAY) => `/api/organizations/${orgId}/people/${userId}/time-suggestions/${week}`;
  const ownerPath = path(orgs.client.id, people.owner.id);
  const analystPath = path(orgs.p1.id, people.p1Analyst.id);
  return { ...w, questionId, path, ownerPath, analystPath, accept: `/api/engagements/${w.id}/time-suggestions/accept` };
}

describeEachDatabase('suggested time entries through the API', (backend) => {
  const kit = useTestKit(backend);

  it('derives each person’s own suggestions from their acts, with how', async () => {
    const w = await world(kit());
    const owner = await w.as.owner.get<TimeSuggestionsView>(w.ownerPath);
    expect(owner.status, JSON.stringify(owner.body)).toBe(200);
    expect(owner.body.suggestions.map((s) => [s.date, s.category, s.minutes])).toEqual([
      ['2026-04-01', 'contract_admin', 30],
      ['2026-04-01', 'qa', 75],
    ]);
    const qa = owner.body.suggestions.find((s) => s.category === 'qa');
    expect(qa?.parts).toEqual([
      expect.objectContaining({
        kind: 'question_answered',
        refId: w.questionId,
        ref: '対象範囲',
        basis: 'span',
        spanMinutes: 75,
        minutes: 75,
      }),
    ]);
    const analyst = await w.as.p1Analyst.get<TimeSuggestionsView>(w.analystPath);
    expect(analyst.body.suggestions.map((s) => [s.category, s.minutes, s.parts[0]?.kind])).toEqual([['research', 15, 'question_asked']]);
    // The week before has none.
    expect((await w.as.owner.get<TimeSuggestionsView>(w.path(w.orgs.client.id, w.people.owner.id, '2026-03-23'))).body.suggestions).toEqual(
      [],
    );
  });

  it('shows suggestions to the person alone: not to their approvers, nor to anyone of another organisation', async () => {
    const k = kit();
    const w = await world(k);
    const admin = await makeUser(k.rt, w.orgs.client.id, ['client_admin']);
    const c = new TestClient(k.app.app, '10.89.1.1');
    expect((await c.login(admin.email)).status).toBe(200);
    const refused = await c.get(w.ownerPath);
    expect(refused.status).toBe(403);
    expect(errorOf(refused).reason).toBe('not_owner');
    expect((await w.as.p1Manager.get(w.analystPath)).status).toBe(403);
    expect((await w.as.p1Manager.get(w.ownerPath)).status).toBe(403);
    expect((await w.as.owner.get(w.analystPath)).status).toBe(403);
  });

  it('accepts a suggestion with changed minutes as a normal entry, audited with the minutes suggested', async () => {
    const k = kit();
    const w = await world(k);
    const accepted = await w.as.owner.post<TimeEntryView>(w.accept, { date: '2026-04-01', category: 'qa', minutes: 60, note: '回答' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body).toMatchObject({ userId: w.people.owner.id, side: 'client', category: 'qa', minutes: 60, note: '回答' });
    const sheet = await w.as.owner.get<TimesheetView>(
      `/api/organizations/${w.orgs.client.id}/people/${w.people.owner.id}/timesheets/${MONDAY}`,
    );
    expect(sheet.body.entries.map((x) => [x.category, x.minutes])).toEqual([['qa', 60]]);
    const events = await k.rt.store.read.audit.query({ type: 'time.entry_logged', limit: 10 });
    expect(events.map((x) => x.data)).toEqual([expect.objectContaining({ minutes: 60, suggestedMinutes: 75, category: 'qa' })]);
    // Logged: the suggestion is gone, and accepting it again finds nothing.
    const after = await w.as.owner.get<TimeSuggestionsView>(w.ownerPath);
    expect(after.body.suggestions.map((s) => s.category)).toEqual(['contract_admin']);
    const again = await w.as.owner.post(w.accept, { date: '2026-04-01', category: 'qa' });
    expect(again.status).toBe(404);
    expect(errorOf(again).reason).toBe('suggestion_not_found');
    // Without minutes the suggestion's are taken.
    const whole = await w.as.owner.post<TimeEntryView>(w.accept, { date: '2026-04-01', category: 'contract_admin' });
    expect(whole.body).toMatchObject({ minutes: 30 });
    // Two accepts of one suggestion at once: one entry.
    const both = await Promise.all([
      w.as.p1Analyst.post(w.accept, { date: '2026-04-01', category: 'research' }),
      w.as.p1Analyst.post(w.accept, { date: '2026-04-01', category: 'research' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 404]);
    // Someone else's act is not the caller's to accept.
    expect((await w.as.p1Analyst.post(w.accept, { date: '2026-04-01', category: 'qa' })).status).toBe(404);
  });

  it('goes through the entry rules: a submitted week takes no accepted suggestion, and shows none', async () => {
    const w = await world(kit());
    const weekPath = `/api/organizations/${w.orgs.client.id}/people/${w.people.owner.id}/timesheets/${MONDAY}`;
    expect((await w.as.owner.post(`${weekPath}/submit`, { version: 0 })).status).toBe(200);
    expect((await w.as.owner.get<TimeSuggestionsView>(w.ownerPath)).body.suggestions).toEqual([]);
    expect((await w.as.owner.post(w.accept, { date: '2026-04-01', category: 'qa' })).status).toBe(404);
  });

  it('remembers a dismissed suggestion, audited once', async () => {
    const k = kit();
    const w = await world(k);
    const dismiss = `/api/engagements/${w.id}/time-suggestions/dismiss`;
    const r = await w.as.p1Analyst.post<{ dismissed: boolean }>(dismiss, { date: '2026-04-01', category: 'research' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ dismissed: true });
    expect((await w.as.p1Analyst.get<TimeSuggestionsView>(w.analystPath)).body.suggestions).toEqual([]);
    const again = await w.as.p1Analyst.post(dismiss, { date: '2026-04-01', category: 'research' });
    expect(again.status).toBe(404);
    const events = await k.rt.store.read.audit.query({ type: 'time.suggestion_dismissed', limit: 10 });
    expect(events.map((x) => [x.orgId, x.resourceId, x.data])).toEqual([
      [w.orgs.p1.id, w.id, { date: '2026-04-01', category: 'research', minutes: 15 }],
    ]);
    // The owner's suggestions are untouched.
    expect((await w.as.owner.get<TimeSuggestionsView>(w.ownerPath)).body.suggestions).toHaveLength(2);
  });

  it('refuses bad input with every issue listed', async () => {
    const w = await world(kit());
    const bad = await w.as.owner.post(w.accept, { date: '2026-13-01', category: 'coffee', minutes: 0, extra: 1 });
    expect(bad.status).toBe(400);
    expect((errorOf(bad).issues ?? []).map((i) => i.path.join('.')).sort()).toEqual(['', 'category', 'date', 'minutes'].sort());
    const over = await w.as.owner.post(w.accept, { date: '2026-04-01', category: 'qa', minutes: 1441 });
    expect(over.status).toBe(400);
    const dismiss = await w.as.owner.post(`/api/engagements/${w.id}/time-suggestions/dismiss`, { date: 'x' });
    expect((errorOf(dismiss).issues ?? []).map((i) => i.path.join('.')).sort()).toEqual(['category', 'date']);
    const notMonday = await w.as.owner.get(w.path(w.orgs.client.id, w.people.owner.id, '2026-04-01'));
    expect(notMonday.status).toBe(400);
  });
});
