import type { MarketSizing, SizingLevel } from '../../../shared/contracts/market-sizing';
import { sizingLevels } from '../../../shared/contracts/market-sizing';
import type { SizingDetail } from '../../../shared/contracts/market-sizing-api';
import type { Translator } from '../../lib/errorText';

export type SizingFinding = SizingDetail['checks']['findings'][number];

/** How a finding's values are written: amounts of money, and an assumption's values in its unit. */
export interface FindingFormat {
  money: (value: number) => string;
  /** A value of the named assumption (a share as a percent, money as money). */
  factorValue: (factorKey: string, value: number) => string;
  /** A level's name in the reader's words (`research.level.*`). */
  level: (level: SizingLevel) => string;
}

/** A level's name from the texts, so a language may name TAM, SAM and SOM its own way. */
export const levelName = (level: SizingLevel, tr: Translator): string => tr.t(`research.level.${level}`);

const isLevel = (v: unknown): v is SizingLevel => typeof v === 'string' && (sizingLevels as readonly string[]).includes(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The assumption a key names, by its label (the key when the sizing has no such assumption). */
export function factorLabel(sizing: MarketSizing, key: unknown): string {
  for (const level of sizingLevels) {
    const found = sizing.levels[level].factors.find((f) => f.key === key);
    if (found) return found.label;
  }
  return String(key ?? '');
}

/**
 * The message key of a finding and its values in the reader's words: a check that found nothing
 * says what it checked; a finding says what is wrong where. Never the raw code.
 */
export function findingMessage(
  finding: SizingFinding,
  sizing: MarketSizing,
  fmt: FindingFormat,
): { key: string; params: Record<string, string | number> } {
  const code = finding.code.replaceAll('.', '_');
  if (finding.status === 'pass') return { key: `research.checks.pass.${code}`, params: {} };
  const p = finding.params;
  const factorKey = typeof p.factor === 'string' ? p.factor : null;
  const value = (v: unknown) => {
    const n = num(v);
    if (n === null) return '—';
    return factorKey ? fmt.factorValue(factorKey, n) : fmt.money(n);
  };
  const levelName = (v: unknown) => (isLevel(v) ? fmt.level(v) : String(v ?? ''));
  const params: Record<string, string | number> = {};
  if (factorKey) params.factor = factorLabel(sizing, factorKey);
  for (const bound of ['low', 'base', 'high', 'otherBase'] as const) if (p[bound] !== undefined) params[bound] = value(p[bound]);
  if (p.level !== undefined) params.level = levelName(p.level);
  if (p.previous !== undefined) params.previous = levelName(p.previous);
  if (num(p.ratio) !== null) params.ratio = num(p.ratio) as number;
  if (num(p.count) !== null) params.count = num(p.count) as number;
  let variant = '';
  if (finding.code === 'sizing.range_wide')
    variant = `${factorKey ? '_factor' : '_level'}${params.ratio === undefined ? '_unbounded' : ''}`;
  if (finding.code === 'sizing.level_order' && typeof p.bounds === 'string')
    params.bounds = p.bounds
      .split(',')
      .map((b) => b.trim())
      .join(' / ');
  return { key: `research.checks.message.${code}${variant}`, params };
}

/** A finding's message in the reader's language. */
export function findingText(finding: SizingFinding, sizing: MarketSizing, fmt: FindingFormat, tr: Translator): string {
  const { key, params } = findingMessage(finding, sizing, fmt);
  const bounds = typeof params.bounds === 'string' ? params.bounds : null;
  const translated = bounds
    ? {
        ...params,
        bounds: bounds
          .split(' / ')
          .map((b) => (tr.exists(`research.sizing.bound.${b}`) ? tr.t(`research.sizing.bound.${b}`) : b))
          .join(tr.t('research.listSeparator')),
      }
    : params;
  return tr.exists(key) ? tr.t(key, translated) : tr.t('research.checks.unknown');
}

/** Where a finding points in the sizing: the level, the assumption and its field, in the reader's words; "the sizing as a whole" when nowhere in particular. */
export function findingLocation(path: readonly (string | number)[], sizing: MarketSizing, tr: Translator): string {
  const [head, level, factors, index, field] = path;
  if (head !== 'levels' || !isLevel(level)) return tr.t('research.checks.whole');
  const parts = [levelName(level, tr)];
  if (factors === 'factors' && typeof index === 'number') {
    const factor = sizing.levels[level].factors[index];
    parts.push(factor ? factor.label : tr.t('research.sizing.assumptionNumber', { number: index + 1 }));
    if (typeof field === 'string' && tr.exists(`research.sizing.field.${field}`)) parts.push(tr.t(`research.sizing.field.${field}`));
  }
  return parts.join(' › ');
}
