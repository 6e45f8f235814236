import { describe, expect, it } from 'vitest';
import { marketSizingSchema } from '../../../shared/contracts/market-sizing';
import type { Translator } from '../../lib/errorText';
import { findingLocation, findingMessage, findingText } from './findings';

const sizing = marketSizingSchema.parse({
  market: 'm',
  title: 'T',
  approach: 'top_down',
  levels: {
    tam: { factors: [{ key: 'people', label: '人口', unit: 'count', low: 1, base: 2, high: 3, source: null }] },
    sam: { factors: [{ key: 'users', label: '利用率', unit: 'share', low: 0.01, base: 0.2, high: 0.3, source: { title: 'S' } }] },
    som: { factors: [] },
  },
});
const levels: Record<string, string> = { tam: '全体市場', sam: '対象市場', som: '獲得可能市場' };
const fmt = {
  money: (v: number) => `¥${v}`,
  factorValue: (key: string, v: number) => (key === 'users' ? `${v * 100}%` : String(v)),
  level: (level: string) => levels[level] ?? level,
};
const words: Record<string, string> = {
  'research.checks.message.sizing_source_missing': '「{{factor}}」に出典がありません。',
  'research.checks.message.sizing_level_order': '{{level}} > {{previous}}: {{bounds}}',
  'research.checks.pass.sizing_money_factor': 'ok',
  'research.sizing.bound.low': '下限',
  'research.sizing.bound.base': '基準',
  'research.listSeparator': '、',
  'research.checks.whole': '全体',
  'research.sizing.field.source': '出典',
  'research.level.tam': '全体市場',
  'research.level.sam': '対象市場',
  'research.level.som': '獲得可能市場',
};
const tr: Translator = {
  exists: (key) => key in words,
  t: (key, options = {}) => (words[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name])),
};

describe('sizing findings', () => {
  it('words a missing source with the assumption’s label, never the code', () => {
    const f = {
      status: 'warn' as const,
      code: 'sizing.source_missing',
      path: ['levels', 'tam', 'factors', 0, 'source'],
      params: { factor: 'people' },
    };
    expect(findingText(f, sizing, fmt, tr)).toBe('「人口」に出典がありません。');
    expect(findingLocation(f.path, sizing, tr)).toBe('全体市場 › 人口 › 出典');
  });

  it('picks the range message by where it is and whether it has a ratio, with values in the assumption’s unit', () => {
    const factor = findingMessage(
      {
        status: 'warn',
        code: 'sizing.range_wide',
        path: ['levels', 'sam', 'factors', 0],
        params: { factor: 'users', low: 0.01, high: 0.3, ratio: 30 },
      },
      sizing,
      fmt,
    );
    expect(factor).toEqual({
      key: 'research.checks.message.sizing_range_wide_factor',
      params: { factor: '利用率', low: '1%', high: '30%', ratio: 30 },
    });
    const level = findingMessage(
      { status: 'warn', code: 'sizing.range_wide', path: ['levels', 'som'], params: { level: 'som', low: 0, high: 5 } },
      sizing,
      fmt,
    );
    expect(level).toEqual({
      key: 'research.checks.message.sizing_range_wide_level_unbounded',
      params: { level: '獲得可能市場', low: '¥0', high: '¥5' },
    });
  });

  it('translates the bounds a level exceeds, and says what a passed check checked', () => {
    const f = {
      status: 'fail' as const,
      code: 'sizing.level_order',
      path: ['levels', 'sam'],
      params: { level: 'sam', previous: 'tam', bounds: 'low, base' },
    };
    expect(findingText(f, sizing, fmt, tr)).toBe('対象市場 > 全体市場: 下限、基準');
    expect(findingLocation(f.path, sizing, tr)).toBe('対象市場');
    const pass = { status: 'pass' as const, code: 'sizing.money_factor', path: [], params: {} };
    expect(findingText(pass, sizing, fmt, tr)).toBe('ok');
    expect(findingLocation(pass.path, sizing, tr)).toBe('全体');
  });
});
