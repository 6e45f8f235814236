import type { FinancialModel } from '../../../shared/contracts/financial-model.js';
import { forecastDriverKeys } from '../../../shared/contracts/financial-model.js';
import { resolveCase } from './case.js';
import { computeValuation, valueCase } from './dcf.js';

/**
 * What changed between two versions of a model and what each change did to the value: the
 * inputs of version A are replaced by those of version B one driver at a time, in a fixed order,
 * and the value per share is recomputed after each. The effects add up exactly to the total
 * change; like any sequential attribution, an effect depends on the order (documented in
 * docs/financial-model-format.md).
 */

type Path = (string | number)[];

export interface Change {
  path: Path;
  from: unknown;
  to: unknown;
}

export interface BridgeStep {
  /** The driver (or drivers, when a step could only be valued together with the next). */
  drivers: string[];
  changes: Change[];
  valuePerShareBefore: number;
  valuePerShareAfter: number;
  effect: number;
  enterpriseValueEffect: number;
}

export interface ValueBridge {
  from: { label: string; valuePerShare: number; enterpriseValue: number; equityValue: number };
  to: { label: string; valuePerShare: number; enterpriseValue: number; equityValue: number };
  steps: BridgeStep[];
  /** Changes that do not move the base-case value (labels, sources, scenarios, comparables…). */
  otherChanges: Change[];
}

interface Driver {
  id: string;
  paths: Path[];
}

function driversFor(a: FinancialModel, b: FinancialModel): Driver[] {
  const sameYears = JSON.stringify(a.forecast.years) === JSON.stringify(b.forecast.years);
  const forecast: Driver[] = sameYears
    ? [...forecastDriverKeys, 'openingNetWorkingCapital', 'lossCarryForward', 'salesToCapital', 'operatingMargin', 'levers'].map((k) => ({
        id: `forecast.${k}`,
        paths: [['forecast', k]],
      }))
    : [{ id: 'forecast', paths: [['forecast']] }];
  // Segments and custom lines move together (a line may name a segment), before the drivers they replace.
  const segmentsAndLines: Path[] = [
    ['forecast', 'segments'],
    ['forecast', 'lines'],
  ];
  if (sameYears) forecast.unshift({ id: 'forecast.segments', paths: segmentsAndLines });
  const sameWaccMethod = a.wacc.method === b.wacc.method;
  const waccFields =
    a.wacc.method === 'capm'
      ? ['riskFreeRate', 'equityRiskPremium', 'beta', 'sizePremium', 'preTaxCostOfDebt', 'marginalTaxRate', 'targetDebtToCapital', 'byYear']
      : ['rate', 'byYear'];
  const wacc: Driver[] = sameWaccMethod
    ? waccFields.map((k) => ({ id: `wacc.${k}`, paths: [['wacc', k]] }))
    : [{ id: 'wacc', paths: [['wacc']] }];
  return [
    { id: 'meta.unit', paths: [['meta', 'unit']] },
    { id: 'historicals', paths: [['historicals']] },
    ...forecast,
    ...wacc,
    { id: 'valuation.midYearConvention', paths: [['valuation', 'midYearConvention']] },
    { id: 'valuation.terminalValue.growthRate', paths: [['valuation', 'terminalValue', 'growthRate']] },
    { id: 'valuation.terminalValue.exitMultiple', paths: [['valuation', 'terminalValue', 'exitMultiple']] },
    { id: 'valuation.terminalValue.costOfCapital', paths: [['valuation', 'terminalValue', 'costOfCapital']] },
    { id: 'valuation.terminalValue.valueDriver', paths: [['valuation', 'terminalValue', 'valueDriver']] },
    { id: 'valuation.terminalValue.method', paths: [['valuation', 'terminalValue', 'method']] },
    // The fourth slice (docs/decisions/0010): failure weighting, R&D and leases (the lease debt enters the bridge).
    { id: 'valuation.failure', paths: [['valuation', 'failure']] },
    { id: 'capitalization', paths: [['capitalization']] },
    { id: 'bridge', paths: [['bridge']] },
    { id: 'shares', paths: [['shares']] },
  ];
}

function getAt(value: unknown, path: Path): unknown {
  let cur = value;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

function setAt(target: unknown, path: Path, value: unknown): void {
  let cur = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last === undefined) return;
  if (value === undefined) delete cur[last];
  else cur[last] = structuredClone(value);
}

const startsWith = (path: Path, prefix: Path) => prefix.every((p, i) => path[i] === p);

/** Lists whose items have a name (custom lines, segments): compared by name, not by place. */
const namedLists: Path[] = [
  ['forecast', 'lines'],
  ['forecast', 'segments'],
];

type Named = { name: string };
const allNamed = (v: unknown): v is Named[] =>
  Array.isArray(v) && v.every((x) => x !== null && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string');

/**
 * Leaf-level differences between two JSON values. Custom lines and segments are paired by name, and
 * a change inside one has the name in its path (`forecast.lines.rent.formula`): a line added before
 * it moves its place, not its meaning. A new order alone is a change of the list's names.
 */
export function diff(a: unknown, b: unknown, path: Path = [], out: Change[] = [], limit = 500): Change[] {
  if (out.length >= limit) return out;
  if (namedLists.some((p) => p.length === path.length && startsWith(path, p)) && allNamed(a) && allNamed(b)) {
    const names = [...new Set([...a.map((x) => x.name), ...b.map((x) => x.name)])];
    for (const name of names)
      diff(
        a.find((x) => x.name === name),
        b.find((x) => x.name === name),
        [...path, name],
        out,
        limit,
      );
    const kept = (list: Named[], other: Named[]) => list.map((x) => x.name).filter((n) => other.some((y) => y.name === n));
    const before = kept(a, b);
    const after = kept(b, a);
    if (before.join('\u0000') !== after.join('\u0000')) out.push({ path, from: before, to: after });
    return out;
  }
  const isObj = (v: unknown) => v !== null && typeof v === 'object';
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((v, i) => {
      diff(v, b[i], [...path, i], out, limit);
    });
    return out;
  }
  if (isObj(a) && isObj(b) && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
    for (const k of keys) diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k], out, limit);
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, from: a, to: b });
  return out;
}

export function valueBridge(a: FinancialModel, b: FinancialModel, labels: { from?: string; to?: string } = {}): ValueBridge {
  const va = valueCase(resolveCase(a));
  const vb = valueCase(resolveCase(b));
  const allChanges = diff(a, b);
  const drivers = driversFor(a, b);
  const current = structuredClone(a);
  const steps: BridgeStep[] = [];
  let before = { valuePerShare: va.valuePerShare, enterpriseValue: va.enterpriseValue };
  let pending: { drivers: string[]; changes: Change[] } = { drivers: [], changes: [] };
  for (const driver of drivers) {
    const changes = allChanges.filter((c) => driver.paths.some((p) => startsWith(c.path, p)));
    if (changes.length === 0) continue;
    for (const p of driver.paths) setAt(current, p, getAt(b, p));
    pending = { drivers: [...pending.drivers, driver.id], changes: [...pending.changes, ...changes] };
    const outcome = computeValuation(resolveCase(current));
    // An intermediate mix of versions can be impossible (growth above the old WACC); value it with the next driver.
    if (!outcome.ok) continue;
    const after = { valuePerShare: outcome.valuation.valuePerShare, enterpriseValue: outcome.valuation.enterpriseValue };
    steps.push({
      drivers: pending.drivers,
      changes: pending.changes,
      valuePerShareBefore: before.valuePerShare,
      valuePerShareAfter: after.valuePerShare,
      effect: after.valuePerShare - before.valuePerShare,
      enterpriseValueEffect: after.enterpriseValue - before.enterpriseValue,
    });
    before = after;
    pending = { drivers: [], changes: [] };
  }
  const covered = steps.flatMap((s) => s.changes);
  return {
    from: {
      label: labels.from ?? a.meta.versionLabel ?? 'A',
      valuePerShare: va.valuePerShare,
      enterpriseValue: va.enterpriseValue,
      equityValue: va.equityValue,
    },
    to: {
      label: labels.to ?? b.meta.versionLabel ?? 'B',
      valuePerShare: vb.valuePerShare,
      enterpriseValue: vb.enterpriseValue,
      equityValue: vb.equityValue,
    },
    steps,
    otherChanges: allChanges.filter((c) => !covered.includes(c)),
  };
}
