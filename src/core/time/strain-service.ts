import type { Repos } from '../store.js';
import { groupByUser } from './capacity.js';
import type { OvertimeAgreement } from './overtime.js';
import { type StrainSignal, strainSignals, strainWindow } from './strain.js';
import { addDays } from './weeks.js';

const HOUR_MS = 3_600_000;
/** An instant at the start of a day, Japan time. */
const jstMidnight = (date: string) => new Date(`${date}T00:00:00+09:00`).toISOString();

/**
 * The strain signals (strain.ts) of a provider's people, or of one person, as of today (JST): their
 * own acts in the audit log and logged hours over the four weeks, rework on their engagements,
 * their clients now and the due dates ahead. Everyone asked about gets signals, none raised when
 * kpo has seen nothing.
 */
export async function strainOf(
  tx: Repos,
  args: {
    orgId: string;
    today: string;
    agreement: Pick<OvertimeAgreement, 'legalHolidayWeekday'>;
    userIds: readonly string[];
    only?: string;
  },
): Promise<{ window: ReturnType<typeof strainWindow>; signals: Map<string, StrainSignal[]> }> {
  const window = strainWindow(args.today);
  const only = args.only ? { userId: args.only } : {};
  const from = jstMidnight(window.from);
  const to = jstMidnight(addDays(window.to, 1));
  // A night is named by its evening: the last night's early hours are on the day after the window.
  const nightEnd = new Date(Date.parse(to) + 5 * HOUR_MS).toISOString();
  const [hours, logged, rework, clients, deadlines] = await Promise.all([
    tx.capacity.actHours(args.orgId, { ...only, from, to: nightEnd }),
    tx.capacity.dayTotals(args.orgId, { ...only, from: window.from, to: window.to }),
    tx.capacity.reworkRounds(args.orgId, { ...only, from, to }),
    tx.capacity.activeClients(args.orgId, only),
    tx.capacity.deadlines(args.orgId, { ...only, from: window.aheadFrom, to: window.aheadTo }),
  ]);
  const listOf = groupByUser;
  const hoursOf = listOf(hours);
  const loggedOf = listOf(logged);
  const deadlinesOf = listOf(deadlines);
  const reworkOf = new Map(rework.map((r) => [r.userId, r.rounds]));
  const clientsOf = new Map(clients.map((r) => [r.userId, r.clients]));
  const signals = new Map<string, StrainSignal[]>();
  for (const userId of args.userIds) {
    signals.set(
      userId,
      strainSignals({
        from: window.from,
        to: window.to,
        acts: (hoursOf.get(userId) ?? []).map((h) => new Date(h.hour * HOUR_MS).toISOString()),
        logged: loggedOf.get(userId) ?? [],
        reworkRounds: reworkOf.get(userId) ?? 0,
        concurrentClients: clientsOf.get(userId) ?? 0,
        dueDates: (deadlinesOf.get(userId) ?? []).map((d) => d.dueDate),
        agreement: args.agreement,
      }),
    );
  }
  return { window, signals };
}
