import type { FinancialModel } from '../../../shared/contracts/financial-model.js';
import type { Issue } from '../../../shared/errors.js';
import type { ValuationCase } from './case.js';
import type { Finding } from './checks.js';
import { project } from './projections.js';

/** How far the segments' base-year revenue may be from the reported revenue (1%) before a warning. */
export const segmentsBaseTolerance = 0.01;

const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * The checks of segments and custom lines (issue #13 point 9): every custom line computable in
 * every year of every case (a shown line that is not is a warning, an operating-cost line a
 * failure: the case cannot be valued), and segments adding up to the reported base-year revenue.
 */
export function customLineFindings(model: FinancialModel, runs: { name: string; c: ValuationCase }[]): Finding[] {
  const out: Finding[] = [];
  const lines = model.forecast.lines ?? [];
  if (lines.length > 0) {
    for (const run of runs) {
      const computed = project(run.c).lines ?? [];
      computed.forEach((line, i) => {
        if (line.errors.length === 0) return;
        const cost = line.role === 'operatingCost';
        out.push({
          status: cost ? 'fail' : 'warn',
          code: 'forecast.custom_lines',
          path: ['forecast', 'lines', i, 'formula'],
          scenario: run.name === 'base' ? null : run.name,
          message: {
            key: cost ? 'costLineNotComputable' : 'lineNotComputable',
            params: {
              line: lines[i]?.label ?? line.name,
              years: line.errors.map((e) => e.year).join(', '),
              error: line.errors[0]?.error ?? '',
              case: run.name,
            },
          },
        });
      });
    }
    if (!out.length)
      out.push({
        status: 'pass',
        code: 'forecast.custom_lines',
        path: ['forecast', 'lines'],
        scenario: null,
        message: { key: 'linesPass', params: {} },
      });
  }
  const segments = model.forecast.segments ?? [];
  const base = model.historicals.at(-1)?.incomeStatement.revenue;
  if (segments.length > 0 && base !== undefined) {
    const sum = segments.reduce((s, x) => s + x.baseVolume * x.basePrice, 0);
    const gap = Math.abs(sum - base);
    const off = base === 0 ? gap > 0 : gap > Math.abs(base) * segmentsBaseTolerance;
    out.push(
      off
        ? {
            status: 'warn',
            code: 'forecast.segments_base',
            path: ['forecast', 'segments'],
            scenario: null,
            message: { key: 'segmentsBaseMismatch', params: { segments: fmt(sum), revenue: fmt(base), gap: fmt(gap) } },
          }
        : {
            status: 'pass',
            code: 'forecast.segments_base',
            path: ['forecast', 'segments'],
            scenario: null,
            message: { key: 'segmentsBasePass', params: {} },
          },
    );
  }
  return out;
}

/** Where a case that cannot be valued because of an operating-cost line points: the line's formula, per year it fails. */
export function costLineIssues(c: ValuationCase): Issue[] {
  if (!c.custom?.lines.some((l) => l.role === 'operatingCost')) return [];
  return (project(c).lines ?? []).flatMap((line, i) =>
    line.role === 'operatingCost'
      ? line.errors.map((e) => ({
          path: ['forecast', 'lines', i, 'formula'],
          code: 'formula_error' as const,
          message: `${line.name} cannot be computed in ${e.year}: ${e.message}`,
          params: { year: e.year, error: e.error },
        }))
      : [],
  );
}
