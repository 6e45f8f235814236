import type { ProviderHiddenCostView } from '../../shared/contracts/time.js';

/**
 * The client's hidden cost per provider and month (issue #14 point 5; decision 0011, "Hidden cost
 * per provider"). Pure: minutes, rates and fees in, figures out.
 */

/**
 * A fee's share per month: each SOW milestone's weight of the fee in the month it is due (what the
 * client pays for is delivered then), the yen split by largest remainder so the months add up to
 * the fee. A plan without weights puts the whole fee in the SOW's last month.
 */
export function feeByMonth(
  amount: number,
  milestones: readonly { dueDate: string; weight: number }[],
  endDate: string,
): Map<string, number> {
  const total = milestones.reduce((s, m) => s + m.weight, 0);
  if (total <= 0) return new Map([[endDate.slice(0, 7), amount]]);
  const exact = new Map<string, number>();
  for (const m of milestones) exact.set(m.dueDate.slice(0, 7), (exact.get(m.dueDate.slice(0, 7)) ?? 0) + (amount * m.weight) / total);
  const parts = [...exact].map(([month, x]) => ({ month, yen: Math.floor(x), rest: x - Math.floor(x) }));
  let left = amount - parts.reduce((s, p) => s + p.yen, 0);
  for (const p of [...parts].sort((a, b) => b.rest - a.rest || a.month.localeCompare(b.month))) {
    if (left <= 0) break;
    p.yen += 1;
    left -= 1;
  }
  return new Map(parts.map((p) => [p.month, p.yen]));
}

export const costRatio = (costYen: number, feesYen: number | null): number | null =>
  feesYen ? Math.round((costYen / feesYen) * 10_000) / 10_000 : null;

export interface CostedEngagement {
  engagementId: string;
  providerOrgId: string;
  providerName: string;
  /** The approved SOW's fee in yen per month (feeByMonth); null without a JPY fee. */
  feeMonths: ReadonlyMap<string, number> | null;
}

/** Hidden cost per provider and month: each person's minutes at their hourly rate (null: counted, not costed), against the fees. */
export function providerHiddenCost(args: {
  orgId: string;
  engagements: readonly CostedEngagement[];
  minutes: readonly { engagementId: string; userId: string; month: string; minutes: number }[];
  rateOf: (userId: string) => number | null;
}): ProviderHiddenCostView {
  interface Sum {
    minutes: number;
    yenMinutes: number;
    fees: number | null;
  }
  const empty = (): Sum => ({ minutes: 0, yenMinutes: 0, fees: null });
  const addFee = (s: Sum, yen: number) => {
    s.fees = (s.fees ?? 0) + yen;
  };
  const engagementOf = new Map(args.engagements.map((e) => [e.engagementId, e]));
  const providers = new Map<string, { name: string; engagements: number; unrated: number; total: Sum; months: Map<string, Sum> }>();
  const allMonths = new Map<string, Sum>();
  const monthOf = (m: Map<string, Sum>, month: string) => {
    const s = m.get(month) ?? empty();
    m.set(month, s);
    return s;
  };
  for (const e of args.engagements) {
    const p = providers.get(e.providerOrgId) ?? { name: e.providerName, engagements: 0, unrated: 0, total: empty(), months: new Map() };
    providers.set(e.providerOrgId, p);
    p.engagements += 1;
    for (const [month, yen] of e.feeMonths ?? []) {
      addFee(p.total, yen);
      addFee(monthOf(p.months, month), yen);
      addFee(monthOf(allMonths, month), yen);
    }
  }
  for (const x of args.minutes) {
    const e = engagementOf.get(x.engagementId);
    const p = e && providers.get(e.providerOrgId);
    if (!p) continue;
    const rate = args.rateOf(x.userId);
    if (rate === null) p.unrated += x.minutes;
    for (const s of [p.total, monthOf(p.months, x.month), monthOf(allMonths, x.month)]) {
      s.minutes += x.minutes;
      s.yenMinutes += x.minutes * (rate ?? 0);
    }
  }
  // Sums of minutes × yen per hour, divided by 60 once per figure so rounding does not add up.
  const line = (s: Sum) => {
    const costYen = Math.round(s.yenMinutes / 60);
    return { minutes: s.minutes, costYen, feesYen: s.fees, ratio: costRatio(costYen, s.fees) };
  };
  const byMonth = (m: Map<string, Sum>) => [...m].sort(([a], [b]) => a.localeCompare(b)).map(([month, s]) => ({ month, ...line(s) }));
  return {
    orgId: args.orgId,
    providers: [...providers]
      .map(([providerOrgId, p]) => ({
        providerOrgId,
        providerName: p.name,
        engagements: p.engagements,
        unratedMinutes: p.unrated,
        ...line(p.total),
        byMonth: byMonth(p.months),
      }))
      .sort((a, b) => a.providerName.localeCompare(b.providerName, 'ja') || a.providerOrgId.localeCompare(b.providerOrgId)),
    byMonth: byMonth(allMonths),
  };
}
