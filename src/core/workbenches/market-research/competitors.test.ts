import { describe, expect, it } from 'vitest';
import type { CompetitorMatrixInput } from '../../../shared/contracts/market-sizing.js';
import { AppError } from '../../../shared/errors.js';
import { coverageSummary, parseCompetitorMatrix, positioningMap } from './competitors.js';

/** Cloud accounting for Japanese SMEs, as a desk-research analyst would fill it in (values invented). */
const matrix: CompetitorMatrixInput = {
  title: 'クラウド会計ソフト 競合比較',
  competitors: [
    {
      key: 'freee',
      name: 'freee会計',
      url: 'https://www.freee.co.jp/',
      plans: [
        { name: 'スターター', amount: 1_980, period: 'month' },
        { name: 'スタンダード', amount: 47_760, period: 'year' },
      ],
    },
    { key: 'mf', name: 'マネーフォワード クラウド会計', plans: [{ name: 'スモールビジネス', amount: 3_980, period: 'month' }] },
    { key: 'yayoi', name: '弥生会計 オンライン', notes: 'Desktop heritage' },
    { key: 'ours', name: 'Our startup', plans: [{ name: 'Team', amount: 980, period: 'user_month' }] },
  ],
  features: [
    { key: 'bank_sync', label: '銀行明細の自動取込', kind: 'boolean' },
    { key: 'invoice', label: 'インボイス制度対応', kind: 'level' },
    { key: 'support', label: 'Support', kind: 'level' },
    { key: 'ease', label: 'Ease of use (survey mean)', kind: 'number', unit: 'score 1–5' },
    { key: 'integrations', label: 'Integrations', kind: 'number', unit: 'apps' },
    { key: 'target', label: 'Target customers', kind: 'text' },
    { key: 'payroll', label: 'Payroll', kind: 'boolean' },
    { key: 'ai_ocr', label: 'Receipt OCR with AI', kind: 'level' },
  ],
  cells: [
    { competitor: 'freee', feature: 'bank_sync', value: true },
    { competitor: 'freee', feature: 'invoice', value: 3 },
    { competitor: 'freee', feature: 'support', value: 1, note: 'Chat only on the starter plan' },
    { competitor: 'freee', feature: 'ease', value: 4.1 },
    { competitor: 'freee', feature: 'integrations', value: 80 },
    { competitor: 'freee', feature: 'target', value: 'Sole traders and small companies' },
    { competitor: 'freee', feature: 'ai_ocr', value: 0 },
    { competitor: 'mf', feature: 'bank_sync', value: true },
    { competitor: 'mf', feature: 'invoice', value: 2 },
    { competitor: 'mf', feature: 'support', value: 2 },
    { competitor: 'mf', feature: 'ease', value: 3.8 },
    { competitor: 'mf', feature: 'integrations', value: 120 },
    { competitor: 'mf', feature: 'payroll', value: false },
    { competitor: 'mf', feature: 'ai_ocr', value: 0 },
    { competitor: 'yayoi', feature: 'bank_sync', value: true },
    { competitor: 'yayoi', feature: 'invoice', value: 2 },
    { competitor: 'yayoi', feature: 'support', value: 3 },
    { competitor: 'yayoi', feature: 'ease', value: 3.5 },
    { competitor: 'yayoi', feature: 'payroll', value: false },
    { competitor: 'ours', feature: 'bank_sync', value: false },
    { competitor: 'ours', feature: 'invoice', value: 1 },
    { competitor: 'ours', feature: 'support', value: 3 },
    { competitor: 'ours', feature: 'payroll', value: false },
  ],
};

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

const issuesOf = (e: AppError) => e.issues?.map((i) => [i.path.join('.'), i.code]);

describe('competitor matrix schema', () => {
  it('accepts a matrix with pricing, applying the defaults (JPY, empty notes)', () => {
    const parsed = parseCompetitorMatrix(matrix);
    expect(parsed.currency).toBe('JPY');
    expect(parsed.competitors[0]?.plans[1]).toEqual({ name: 'スタンダード', amount: 47_760, period: 'year', notes: '' });
    expect(parsed.competitors[2]?.plans).toEqual([]);
  });

  it('lists every problem at once: duplicate keys, unknown references, duplicate cells, values of the wrong kind', () => {
    const bad = {
      ...matrix,
      competitors: [
        ...(matrix.competitors ?? []),
        { key: 'freee', name: 'freee again' },
        { key: 'x', name: 'X', url: 'javascript:alert(1)' },
      ],
      features: [...matrix.features, { key: 'support', label: 'Support again', kind: 'level' as const }],
      cells: [
        ...matrix.cells,
        { competitor: 'sage', feature: 'ux', value: 1 },
        { competitor: 'mf', feature: 'bank_sync', value: 'yes' },
        { competitor: 'ours', feature: 'ai_ocr', value: 4 },
        { competitor: 'yayoi', feature: 'ai_ocr', value: 1.5 },
        { competitor: 'ours', feature: 'ease', value: '4' },
        { competitor: 'ours', feature: 'target', value: 12 },
      ],
    };
    bad.competitors[3] = { key: 'ours', name: 'Our startup', plans: [{ name: 'Team', amount: 980.5, period: 'user_month' }] };
    const error = thrown(() => parseCompetitorMatrix(bad));
    expect(error).toMatchObject({ code: 'invalid_input', reason: 'bad_competitors' });
    expect(issuesOf(error)).toEqual([
      ['competitors.3.plans.0.amount', 'not_multiple_of'],
      ['competitors.5.url', 'invalid_format'],
      ['competitors.4.key', 'duplicate_key'],
      ['features.8.key', 'duplicate_key'],
      ['cells.23.competitor', 'unknown_key'],
      ['cells.23.feature', 'unknown_key'],
      ['cells.24', 'duplicate_key'],
      ['cells.24.value', 'type_mismatch'],
      ['cells.25.value', 'out_of_scale'],
      ['cells.26.value', 'out_of_scale'],
      ['cells.27.value', 'type_mismatch'],
      ['cells.28.value', 'type_mismatch'],
    ]);
  });
});

describe('positioningMap', () => {
  it('plots competitors on two level or number features, listing those without a value instead of plotting 0', () => {
    const map = positioningMap(matrix, 'ease', 'support');
    expect(map.x).toEqual({ feature: 'ease', label: 'Ease of use (survey mean)', kind: 'number', unit: 'score 1–5' });
    expect(map.y).toEqual({ feature: 'support', label: 'Support', kind: 'level', unit: null });
    expect(map.points).toEqual([
      { competitor: 'freee', name: 'freee会計', x: 4.1, y: 1 },
      { competitor: 'mf', name: 'マネーフォワード クラウド会計', x: 3.8, y: 2 },
      { competitor: 'yayoi', name: '弥生会計 オンライン', x: 3.5, y: 3 },
    ]);
    expect(map.missing).toEqual([{ competitor: 'ours', name: 'Our startup', axes: ['x'] }]);
  });

  it('says which axis each missing competitor lacks', () => {
    const map = positioningMap(matrix, 'integrations', 'ease');
    expect(map.points.map((p) => p.competitor)).toEqual(['freee', 'mf']);
    expect(map.missing).toEqual([
      { competitor: 'yayoi', name: '弥生会計 オンライン', axes: ['x'] },
      { competitor: 'ours', name: 'Our startup', axes: ['x', 'y'] },
    ]);
  });

  it('refuses unknown and non-numeric features, naming both axes', () => {
    const error = thrown(() => positioningMap(matrix, 'target', 'price'));
    expect(error).toMatchObject({ code: 'invalid_input', reason: 'bad_competitors' });
    expect(error.issues).toEqual([
      expect.objectContaining({ path: ['xFeature'], code: 'not_numeric_feature', params: { key: 'target', kind: 'text' } }),
      expect.objectContaining({ path: ['yFeature'], code: 'unknown_key', params: { key: 'price' } }),
    ]);
    expect(issuesOf(thrown(() => positioningMap(matrix, 'bank_sync', 'ease')))).toEqual([['xFeature', 'not_numeric_feature']]);
  });
});

describe('coverageSummary', () => {
  it('counts the features each competitor has (true, or partial and up) and finds the white space', () => {
    const summary = coverageSummary(matrix);
    expect(summary.features).toBe(5);
    expect(summary.competitors).toEqual([
      { competitor: 'freee', name: 'freee会計', covered: 3, unknown: 1, share: 0.6 },
      { competitor: 'mf', name: 'マネーフォワード クラウド会計', covered: 3, unknown: 0, share: 0.6 },
      { competitor: 'yayoi', name: '弥生会計 オンライン', covered: 3, unknown: 1, share: 0.6 },
      { competitor: 'ours', name: 'Our startup', covered: 2, unknown: 1, share: 0.4 },
    ]);
    expect(summary.whiteSpace).toEqual([
      { feature: 'payroll', label: 'Payroll', unknown: 1 },
      { feature: 'ai_ocr', label: 'Receipt OCR with AI', unknown: 2 },
    ]);
  });

  it('gives no share, rather than NaN, when no feature says whether a competitor has something', () => {
    const summary = coverageSummary({
      competitors: [{ key: 'a', name: 'A' }],
      features: [{ key: 'n', label: 'N', kind: 'number', unit: 'x' }],
      cells: [],
    });
    expect(summary).toEqual({
      features: 0,
      competitors: [{ competitor: 'a', name: 'A', covered: 0, unknown: 0, share: null }],
      whiteSpace: [],
    });
  });
});
