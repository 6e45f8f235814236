import type { DeliverableContent, ReportClaim } from '../../../shared/contracts/deliverables.js';
import type { Crosstab, MeansByColumn } from '../../../shared/contracts/market-research-results.js';
import type { MarketSizing } from '../../../shared/contracts/market-sizing.js';
import type { SizingLevels } from '../../workbenches/market-research/sizing.js';
import { allFactors, checkSizing } from '../../workbenches/market-research/sizing.js';
import { type CheckOutcome, deliverableCheckThresholds, outcome } from './outcome.js';
import type { DeliverableCheck } from './registry.js';

/**
 * The checks of a market-research report (issue #11): the tables it shows are recomputed from the
 * survey version it names, and held against what the report says — bases, significance claims,
 * weighting efficiency, figures in the text — and the market sizings it quotes must cite sources.
 */

/** One of the report's tables, recomputed; `unavailable` names the question that could not be tabulated. */
export type SurveyTableEvidence =
  | { kind: 'crosstab'; table: Crosstab }
  | { kind: 'means'; table: MeansByColumn }
  | { kind: 'unavailable'; question: string };

/** What a report's survey recomputes to; the survey service builds it before the checks run. */
export interface SurveyEvidence {
  version: number;
  respondents: number;
  /** The whole sample's weighting: Kish's effective size and its share of the respondents; null unweighted. */
  weighting: { effective: number; efficiency: number } | null;
  /** By the report's table key. */
  tables: Readonly<Record<string, SurveyTableEvidence>>;
}

/** A market sizing the report quotes, at the version it names. */
export interface SizingEvidence {
  title: string;
  version: number;
  sizing: MarketSizing;
  levels: SizingLevels;
}

type MarketResearchContent = Extract<DeliverableContent, { type: 'market_research' }>;

const asMarketResearch = (content: DeliverableContent): MarketResearchContent | null =>
  content.type === 'market_research' ? content : null;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The survey loaded, and each table recomputed (or the question that stopped it). */
export const surveyAvailableCheck: DeliverableCheck = {
  code: 'survey.unavailable',
  appliesTo: ['market_research'],
  run(content, ctx) {
    const c = asMarketResearch(content);
    if (!c?.survey) return [];
    const evidence = ctx.survey;
    if (!evidence) return [outcome('fail', 'survey.unavailable', 'surveyUnavailable', { version: c.survey.version }, { path: ['survey'] })];
    const found: CheckOutcome[] = [
      outcome(
        'pass',
        'survey.unavailable',
        'surveyAvailable',
        { version: evidence.version, respondents: evidence.respondents },
        { path: ['survey'] },
      ),
    ];
    c.tables.forEach((t, i) => {
      const e = evidence.tables[t.key];
      if (!e || e.kind === 'unavailable')
        found.push(
          outcome(
            'fail',
            'survey.table',
            'tableUnavailable',
            { table: t.title, question: e?.question ?? t.stub },
            { section: t.section, path: ['tables', i] },
          ),
        );
    });
    return found;
  },
};

/** Column bases of every table against the minimum (default 30): a smaller base is indicative only. */
export const baseMinimumCheck: DeliverableCheck = {
  code: 'survey.base_minimum',
  appliesTo: ['market_research'],
  run(content, ctx) {
    const c = asMarketResearch(content);
    if (!c?.survey || !ctx.survey || c.tables.length === 0) return [];
    const minimum = deliverableCheckThresholds.minimumBase;
    const found: CheckOutcome[] = [];
    c.tables.forEach((t, i) => {
      const e = ctx.survey?.tables[t.key];
      if (!e || e.kind === 'unavailable') return;
      const columns =
        e.kind === 'crosstab'
          ? e.table.cols.map((label, j) => ({ label, base: e.table.colBasesUnweighted[j] ?? 0 }))
          : e.table.cols.map((label, j) => ({ label, base: e.table.columns[j]?.n ?? 0 }));
      columns.forEach((col, j) => {
        if (col.base < minimum)
          found.push(
            outcome(
              'warn',
              'survey.base_minimum',
              'baseBelowMinimum',
              { table: t.title, column: col.label, base: col.base, minimum },
              { section: t.section, path: ['tables', i, 'banner', j] },
            ),
          );
      });
    });
    if (found.length === 0) found.push(outcome('pass', 'survey.base_minimum', 'basesPass', { minimum, tables: c.tables.length }));
    return found;
  },
};

/** A number starts where a run of digits starts: never inside one, nor after "1," or "1." (linear on long runs). */
const numberStart = String.raw`(?<!\d)(?<!\d[.,])`;
const percentFigure = new RegExp(String.raw`${numberStart}\d+(?:\.\d+)?\s*%`, 'u');
/** n=300, N = 1,200, ベース 300, 回答者300人: the text says how many a percentage is of. */
const baseStatement = /(?:\b[nN]\s*=\s*\d)|ベース|回答者\s*\d|(?<![\d,])\d[\d,]*\s*(?:人|名)(?!に\d)/u;

/** Percentages need their base: each table shows it, and a section quoting a percentage states one or shows such a table. */
export const baseShownCheck: DeliverableCheck = {
  code: 'survey.base_shown',
  appliesTo: ['market_research'],
  run(content) {
    const c = asMarketResearch(content);
    if (!c?.survey) return [];
    const found: CheckOutcome[] = [];
    c.tables.forEach((t, i) => {
      if (!t.showsBase)
        found.push(
          outcome(
            'fail',
            'survey.base_shown',
            'baseNotShown',
            { table: t.title },
            { section: t.section, path: ['tables', i, 'showsBase'] },
          ),
        );
    });
    c.sections.forEach((s, i) => {
      const text = s.body.normalize('NFKC');
      const percent = text.match(percentFigure);
      if (!percent) return;
      const tableWithBase = c.tables.some((t) => t.section === s.key && t.showsBase);
      if (!tableWithBase && !baseStatement.test(text))
        found.push(
          outcome(
            'warn',
            'survey.base_shown',
            'percentWithoutBase',
            { title: s.title, figure: percent[0] ?? '' },
            { section: s.key, path: ['sections', i, 'body'] },
          ),
        );
    });
    if (found.length === 0) found.push(outcome('pass', 'survey.base_shown', 'basesShownPass', {}));
    return found;
  },
};

/**
 * The columns a cell's joined letters name ("AC" → 0 and 2). Letters come in column order, and past
 * Z a column's letter is two long (AA), so "AA" may be column 26 or nothing: the reading that uses
 * every character wins.
 */
export function columnsOfLetters(joined: string, letters: readonly string[]): Set<number> {
  const read = (pos: number, from: number): number[] | null => {
    if (pos === joined.length) return [];
    for (let j = from; j < letters.length; j++) {
      const letter = letters[j] as string;
      if (!joined.startsWith(letter, pos)) continue;
      const rest = read(pos + letter.length, j + 1);
      if (rest) return [j, ...rest];
    }
    return null;
  };
  return new Set(read(0, 0) ?? []);
}

type ClaimVerdict = 'supported' | 'not_significant' | 'reversed' | 'significant' | { unknown: string };

/** What the column tests say about a claim: a cell's letters name the columns it is significantly higher than. */
export function judgeClaim(claim: ReportClaim, evidence: SurveyTableEvidence): ClaimVerdict | null {
  if (evidence.kind === 'unavailable') return null;
  const cols = evidence.table.cols;
  const a = cols.indexOf(claim.column);
  const b = cols.indexOf(claim.than);
  if (a < 0) return { unknown: claim.column };
  if (b < 0) return { unknown: claim.than };
  const letters = evidence.kind === 'crosstab' ? evidence.table.columnTests.letters : evidence.table.letters;
  let higher: (col: number) => string;
  if (evidence.kind === 'crosstab') {
    const row = evidence.table.rows.indexOf(claim.row);
    if (row < 0) return { unknown: claim.row };
    const cells = evidence.table.columnTests.cells[row] ?? [];
    higher = (col) => cells[col] ?? '';
  } else {
    const columns = evidence.table.columns;
    higher = (col) => columns[col]?.higherThan ?? '';
  }
  const aOverB = columnsOfLetters(higher(a), letters).has(b);
  const bOverA = columnsOfLetters(higher(b), letters).has(a);
  if (claim.claim === 'higher') return aOverB ? 'supported' : bOverA ? 'reversed' : 'not_significant';
  return aOverB || bOverA ? 'significant' : 'supported';
}

const claimMessage = { not_significant: 'claimNotSignificant', reversed: 'claimReversed', significant: 'claimSignificant' } as const;

/** Each claim the report makes about a difference, against the column-proportion (or means) test. */
export const significanceCheck: DeliverableCheck = {
  code: 'survey.significance',
  appliesTo: ['market_research'],
  run(content, ctx) {
    const c = asMarketResearch(content);
    if (!c?.survey || !ctx.survey) return [];
    if (c.claims.length === 0) return [outcome('pass', 'survey.significance', 'claimsNoneMade', {})];
    const titles = new Map(c.tables.map((t) => [t.key, t.title]));
    const found: CheckOutcome[] = [];
    c.claims.forEach((claim, i) => {
      const evidence = ctx.survey?.tables[claim.table];
      const verdict = evidence ? judgeClaim(claim, evidence) : null;
      if (verdict === null || verdict === 'supported') return;
      const where = { section: claim.section, path: ['claims', i] };
      const table = titles.get(claim.table) ?? claim.table;
      if (typeof verdict === 'object') {
        found.push(outcome('fail', 'survey.significance', 'claimCellUnknown', { table, label: verdict.unknown }, where));
        return;
      }
      const alpha = c.survey?.alpha ?? 0.05;
      found.push(
        outcome(
          'fail',
          'survey.significance',
          claimMessage[verdict],
          { table, row: claim.row, column: claim.column, than: claim.than, alpha },
          where,
        ),
      );
    });
    if (found.length === 0) found.push(outcome('pass', 'survey.significance', 'claimsSupportedPass', { count: c.claims.length }));
    return found;
  },
};

/** A weighting that spends too much of the sample (Kish's efficiency below the threshold) is flagged. */
export const weightingEfficiencyCheck: DeliverableCheck = {
  code: 'survey.weighting_efficiency',
  appliesTo: ['market_research'],
  run(content, ctx) {
    const c = asMarketResearch(content);
    if (!c?.survey || !ctx.survey) return [];
    const w = ctx.survey.weighting;
    if (!w) return [outcome('pass', 'survey.weighting_efficiency', 'weightingNone', {}, { path: ['survey', 'weighting'] })];
    const threshold = deliverableCheckThresholds.weightingEfficiency;
    const params = {
      efficiency: round(w.efficiency, 2),
      threshold,
      effective: round(w.effective, 1),
      respondents: ctx.survey.respondents,
    };
    return [
      w.efficiency < threshold
        ? outcome('warn', 'survey.weighting_efficiency', 'weightingLowEfficiency', params, { path: ['survey', 'weighting'] })
        : outcome('pass', 'survey.weighting_efficiency', 'weightingEfficiencyPass', params, { path: ['survey', 'weighting'] }),
    ];
  },
};

/** A figure as the text states it: its value, how many decimals it shows, and its kind. */
export interface TextFigure {
  text: string;
  value: number;
  /** The last digit it shows, in its own units: 0.1 for 12.3%, 10,000,000 for 1.2億円. */
  step: number;
  kind: 'percent' | 'points' | 'count' | 'money';
}

const number = String.raw`${numberStart}(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?`;
const figurePatterns: { kind: Exclude<TextFigure['kind'], 'money'>; pattern: RegExp }[] = [
  { kind: 'percent', pattern: new RegExp(`${number}\\s*%`, 'gu') },
  { kind: 'points', pattern: new RegExp(`${number}\\s*(?:ポイント|pt|points?\\b)`, 'gu') },
  { kind: 'count', pattern: new RegExp(String.raw`\b[nN]\s*=\s*${number}`, 'gu') },
  // 3人に1人 is a ratio, not a count: neither side of it is read (but 1,200人に聞いた and 男女に300名 are counts).
  { kind: 'count', pattern: new RegExp(String.raw`(?<![人名]に)${number}\s*(?:人|名)(?!に\d)`, 'gu') },
];
/** An amount in yen, its parts in 兆, 億 and 万 read as one: 1兆2,000億円. */
const amount = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
// Each unit at most once and in order, so a long run of parts without 円 is given up at once.
const moneyPattern = new RegExp(
  String.raw`${numberStart}(?=\d)((?:${amount}\s*兆\s*)?(?:${amount}\s*億\s*)?(?:${amount}\s*万\s*)?(?:${amount})?)\s*円`,
  'gu',
);
const moneyPart = /(\d[\d,]*)(?:\.(\d+))?\s*([兆億万])?/gu;
const moneyScale: Record<string, number> = { 兆: 1e12, 億: 1e8, 万: 1e4 };

/** The figures of a text that can be held against data: percentages, points, counts (n=, 人, 名) and yen. */
export function figuresIn(body: string): TextFigure[] {
  const text = body.normalize('NFKC');
  const found: TextFigure[] = [];
  for (const { kind, pattern } of figurePatterns) {
    for (const m of text.matchAll(pattern)) {
      const fraction = m[2] ?? '';
      const value = Number(`${(m[1] ?? '').replaceAll(',', '')}.${fraction || '0'}`);
      found.push({ text: m[0].trim(), value, step: 10 ** -fraction.length, kind });
    }
  }
  for (const m of text.matchAll(moneyPattern)) {
    let value = 0;
    let step = 1;
    for (const part of (m[1] ?? '').matchAll(moneyPart)) {
      const fraction = part[2] ?? '';
      const scale = moneyScale[part[3] ?? ''] ?? 1;
      value += Number(`${(part[1] ?? '').replaceAll(',', '')}.${fraction || '0'}`) * scale;
      step = 10 ** -fraction.length * scale;
    }
    found.push({ text: m[0].trim(), value, step, kind: 'money' });
  }
  return found;
}

interface KnownValues {
  percents: number[];
  points: number[];
  counts: number[];
  money: number[];
}

/** Every value the report's data holds that a figure in its text may quote. */
function knownValues(evidence: SurveyEvidence | null | undefined, sizings: readonly (SizingEvidence | null)[]): KnownValues {
  const known: KnownValues = { percents: [], points: [], counts: [], money: [] };
  if (evidence) {
    known.counts.push(evidence.respondents);
    if (evidence.weighting) known.counts.push(evidence.weighting.effective);
    for (const e of Object.values(evidence.tables)) {
      if (e.kind === 'crosstab') {
        const t = e.table;
        known.counts.push(t.total, t.totalUnweighted, ...t.colTotals, ...t.colBasesUnweighted, ...t.rowTotals);
        for (let i = 0; i < t.rows.length; i++) {
          known.counts.push(...(t.counts[i] ?? []), ...(t.unweightedCounts[i] ?? []));
          const row = (t.colPercents[i] ?? []).filter((p): p is number => p !== null);
          const total = t.total > 0 ? ((t.rowTotals[i] ?? 0) / t.total) * 100 : null;
          if (total !== null) row.push(total);
          known.percents.push(...row, ...(t.rowPercents[i] ?? []).filter((p): p is number => p !== null));
          for (const p of row) for (const q of row) if (p > q) known.points.push(p - q);
        }
      } else if (e.kind === 'means') {
        for (const col of e.table.columns) known.counts.push(col.n);
      }
    }
  }
  for (const s of sizings) {
    if (!s) continue;
    for (const range of Object.values(s.levels)) known.money.push(range.low, range.base, range.high);
    for (const { factor } of allFactors(s.sizing)) {
      if (factor.unit === 'money') known.money.push(factor.low, factor.base, factor.high);
      if (factor.unit === 'count') known.counts.push(factor.low, factor.base, factor.high);
      if (factor.unit === 'share') known.percents.push(factor.low * 100, factor.base * 100, factor.high * 100);
    }
  }
  return known;
}

/**
 * Whether the data holds a figure as the text rounds it: within half its last shown digit (a
 * difference in points, of two rounded percentages, within a whole digit); yen to the unit it is
 * written in (1.2億円 is any amount from 1.15億 to 1.25億).
 */
function inData(figure: TextFigure, known: KnownValues): boolean {
  const near = (values: number[], tolerance: number) => values.some((v) => Math.abs(v - figure.value) <= tolerance * (1 + 1e-9) + 1e-9);
  switch (figure.kind) {
    case 'percent':
      return near(known.percents, figure.step / 2);
    case 'points':
      return near(known.points, figure.step);
    case 'count':
      return near(known.counts, figure.step / 2);
    case 'money':
      return near(known.money, figure.step / 2);
  }
}

/** Figures in the report's text that appear nowhere in its data. */
export const figuresCheck: DeliverableCheck = {
  code: 'survey.figures',
  appliesTo: ['market_research'],
  run(content, ctx) {
    const c = asMarketResearch(content);
    if (!c || (!c.survey && c.sizings.length === 0)) return [];
    if (c.survey && !ctx.survey) return [];
    const known = knownValues(ctx.survey, ctx.sizings ?? []);
    const found: CheckOutcome[] = [];
    let checked = 0;
    c.sections.forEach((s, i) => {
      for (const figure of figuresIn(s.body)) {
        if (figure.kind === 'money' && c.sizings.length === 0) continue;
        checked++;
        if (!inData(figure, known))
          found.push(
            outcome(
              'warn',
              'survey.figures',
              'figureNotInData',
              { title: s.title, figure: figure.text },
              { section: s.key, path: ['sections', i, 'body'] },
            ),
          );
      }
    });
    if (found.length > 0) return found;
    return [
      checked === 0
        ? outcome('pass', 'survey.figures', 'figuresNone', {})
        : outcome('pass', 'survey.figures', 'figuresPass', { count: checked }),
    ];
  },
};

/** Every assumption of the sizings the report quotes cites a source (the sizing's own rule, core/workbenches/market-research/sizing). */
export const sizingSourcesCheck: DeliverableCheck = {
  code: 'sizing.sources',
  appliesTo: ['market_research'],
  run(content, ctx) {
    const c = asMarketResearch(content);
    if (!c || c.sizings.length === 0) return [];
    const found: CheckOutcome[] = [];
    let factors = 0;
    c.sizings.forEach((ref, i) => {
      const s = ctx.sizings?.[i] ?? null;
      if (!s) {
        found.push(outcome('fail', 'sizing.sources', 'sizingUnavailable', { version: ref.version }, { path: ['sizings', i] }));
        return;
      }
      const all = allFactors(s.sizing);
      factors += all.length;
      for (const f of checkSizing(s.sizing).findings) {
        // The sizing's checks report a pass under the same code when every assumption cites a source.
        if (f.code !== 'sizing.source_missing' || f.status === 'pass') continue;
        const factor = all.find((x) => x.factor.key === f.params.factor)?.factor;
        found.push(
          outcome(
            'warn',
            'sizing.sources',
            'sizingSourceMissing',
            { sizing: s.title, factor: factor?.label ?? String(f.params.factor) },
            { path: ['sizings', i, ...f.path] },
          ),
        );
      }
    });
    if (found.length === 0) found.push(outcome('pass', 'sizing.sources', 'sizingSourcesPass', { count: factors }));
    return found;
  },
};

export const marketResearchChecks: readonly DeliverableCheck[] = [
  surveyAvailableCheck,
  baseMinimumCheck,
  baseShownCheck,
  significanceCheck,
  weightingEfficiencyCheck,
  figuresCheck,
  sizingSourcesCheck,
];
