import { describe, expect, it } from 'vitest';
import type { DeliverableContent } from '../../../shared/contracts/deliverables.js';
import { renderDeliverableFinding } from '../../../shared/deliverable-check-messages.js';
import { crosstab } from '../../workbenches/market-research/crosstab.js';
import {
  mrContext as ctx,
  evidence,
  intentTable,
  mrReport as report,
  single,
  sizing,
  sizingEvidence,
  spendTable,
} from './market-research.fixtures.js';
import { columnsOfLetters, figuresIn, judgeClaim, marketResearchChecks } from './market-research.js';
import { type CheckContext, runChecks } from './registry.js';

/** The findings of the market-research checks only, as "status code key". */
function findings(content: DeliverableContent, context: CheckContext) {
  return runChecks(content, context, marketResearchChecks).findings.map((f) => `${f.status} ${f.code} ${f.message.key}`);
}

describe('significance letters', () => {
  const letters = ['A', 'B', 'C', 'D'];
  it('reads the columns a cell names', () => {
    expect([...columnsOfLetters('AC', letters)]).toEqual([0, 2]);
    expect([...columnsOfLetters('', letters)]).toEqual([]);
    expect([...columnsOfLetters('E', letters)]).toEqual([]);
  });

  it('past Z reads the reading that uses every character', () => {
    const many = Array.from({ length: 28 }, (_, i) => (i < 26 ? String.fromCharCode(65 + i) : `A${String.fromCharCode(65 + i - 26)}`));
    // In column order, "AAB" is A then AB (never AA then B); "BAA" is B then AA.
    expect([...columnsOfLetters('AAB', many)]).toEqual([0, 27]);
    expect([...columnsOfLetters('BAA', many)]).toEqual([1, 26]);
    expect([...columnsOfLetters('AB', many)]).toEqual([0, 1]);
  });

  it('the engine puts 20s and 30s above 40s, and not above each other', () => {
    if (intentTable.kind !== 'crosstab') throw new Error('not a crosstab');
    const [a, b, c] = intentTable.table.columnTests.letters;
    expect(intentTable.table.columnTests.cells[0]?.[0]).toContain(c);
    expect(intentTable.table.columnTests.cells[0]?.[1]).toContain(c);
    expect(intentTable.table.columnTests.cells[0]?.[0]).not.toContain(b);
    expect(intentTable.table.columnTests.cells[0]?.[1]).not.toContain(a);
  });

  it('judges each claim against the column tests', () => {
    const claim = (column: string, than: string, kind: 'higher' | 'no_difference' = 'higher', row = 'buy') =>
      judgeClaim({ section: 'findings', table: 'intent', row, column, than, claim: kind }, intentTable);
    expect(claim('20s', '40s')).toBe('supported');
    expect(claim('20s', '30s')).toBe('not_significant');
    expect(claim('40s', '20s')).toBe('reversed');
    expect(claim('20s', '30s', 'no_difference')).toBe('supported');
    expect(claim('20s', '40s', 'no_difference')).toBe('significant');
    expect(claim('50s', '40s')).toEqual({ unknown: '50s' });
    expect(claim('20s', '40s', 'higher', 'maybe')).toEqual({ unknown: 'maybe' });
    expect(judgeClaim({ section: 'findings', table: 'spend', row: 'x', column: '20s', than: '40s', claim: 'higher' }, spendTable)).toBe(
      'supported',
    );
    expect(
      judgeClaim({ section: 'f', table: 't', row: 'r', column: 'a', than: 'b', claim: 'higher' }, { kind: 'unavailable', question: 'q' }),
    ).toBeNull();
  });
});

describe('figures in the text', () => {
  it('reads percentages, points, counts and yen, with the precision they are written to', () => {
    const got = figuresIn('購入意向は20代で60.0%、40代より40ポイント高い（n=310）。3人に1人が利用。回答者1,200人。市場は1.2億円。');
    expect(got.map((f) => [f.kind, f.value])).toEqual([
      ['percent', 60],
      ['points', 40],
      ['count', 310],
      ['count', 1200],
      ['money', 1.2e8],
    ]);
    expect(got[0]?.step).toBeCloseTo(0.1, 12);
    expect(got[4]?.step).toBeCloseTo(1e7, 0);
  });

  it('reads a number from where its digits start, never from inside them', () => {
    const read = (text: string) => figuresIn(text).map((f) => [f.kind, f.value]);
    expect(read('全国の男女に1,200人')).toEqual([['count', 1200]]);
    expect(read('対象者に300名')).toEqual([['count', 300]]);
    expect(read('1,200人に聞いた。3人に1人が利用')).toEqual([['count', 1200]]);
    expect(read('60%,20%')).toEqual([
      ['percent', 60],
      ['percent', 20],
    ]);
    // One long run of digits is one number (and is read in one pass over it).
    expect(read(`${'9'.repeat(50_000)}%`)).toHaveLength(1);
    expect(read('1'.repeat(50_000))).toEqual([]);
  });

  it('reads an amount written in 兆, 億 and 万 as one figure, to the unit of its last part', () => {
    const [trillion] = figuresIn('市場は1兆2,000億円');
    expect(trillion).toMatchObject({ kind: 'money', value: 1.2e12, step: 1e8, text: '1兆2,000億円' });
    const [mixed] = figuresIn('3億4,500万円');
    expect(mixed).toMatchObject({ value: 345_000_000, step: 1e4 });
    expect(figuresIn('単価 1,280円').map((f) => f.value)).toEqual([1280]);
  });

  it('reads full-width digits and signs as their ASCII forms', () => {
    expect(figuresIn('６０％').map((f) => f.value)).toEqual([60]);
  });
});

describe('the market-research checks', () => {
  it('a report whose survey cannot be loaded fails, and so does a table that cannot be tabulated', () => {
    expect(findings(report(), ctx({ survey: null }))).toContain('fail survey.unavailable surveyUnavailable');
    const unavailable = ctx({ survey: evidence({ tables: { intent: { kind: 'unavailable', question: 'age' } } }) });
    expect(findings(report(), unavailable)).toContain('fail survey.table tableUnavailable');
    expect(findings(report(), ctx())).toContain('pass survey.unavailable surveyAvailable');
  });

  it('warns of a column base below 30, and passes tables whose bases all reach it', () => {
    const got = runChecks(report(), ctx(), marketResearchChecks).findings.filter((f) => f.code === 'survey.base_minimum');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      status: 'warn',
      message: { key: 'baseBelowMinimum', params: { column: 'teens', base: 10, minimum: 30 } },
    });
    const wide = evidence({
      tables: {
        intent: { kind: 'crosstab', table: crosstab(single('intent', ['buy', 'not'], [0, 1, 0, 1]), single('age', ['all'], [0, 0, 0, 0])) },
      },
    });
    expect(findings(report(), ctx({ survey: wide }))).toContain('warn survey.base_minimum baseBelowMinimum');
  });

  it('fails a table printed without its bases, warns of a percentage in a section with no base, passes one that states it', () => {
    expect(findings(report({ tables: [{ key: 'intent', stub: 'intent', showsBase: false }] }), ctx())).toContain(
      'fail survey.base_shown baseNotShown',
    );
    const noBase = report({
      sections: [
        { key: 'findings', body: '' },
        { key: 'summary', body: '購入意向は60%。' },
      ],
    });
    expect(findings(noBase, ctx())).toContain('warn survey.base_shown percentWithoutBase');
    const stated = report({
      sections: [
        { key: 'findings', body: '' },
        { key: 'summary', body: '購入意向は60%（n=100）。' },
      ],
    });
    expect(findings(stated, ctx())).toContain('pass survey.base_shown basesShownPass');
  });

  it('fails a claim the column test does not support, and passes one it does', () => {
    const claims = [
      { table: 'intent', row: 'buy', column: '20s', than: '40s', claim: 'higher' as const },
      { table: 'intent', row: 'buy', column: '20s', than: '30s', claim: 'higher' as const },
      { table: 'intent', row: 'buy', column: '40s', than: '30s', claim: 'higher' as const },
      { table: 'intent', row: 'buy', column: '20s', than: '40s', claim: 'no_difference' as const },
    ];
    const got = findings(report({ claims }), ctx()).filter((f) => f.includes('survey.significance'));
    expect(got).toEqual([
      'fail survey.significance claimNotSignificant',
      'fail survey.significance claimReversed',
      'fail survey.significance claimSignificant',
    ]);
    expect(findings(report({ claims: [claims[0] as (typeof claims)[0]] }), ctx())).toContain(
      'pass survey.significance claimsSupportedPass',
    );
    expect(findings(report(), ctx())).toContain('pass survey.significance claimsNoneMade');
  });

  it('warns when weighting keeps less than 70% of the sample, and says so when there is none', () => {
    expect(findings(report(), ctx({ survey: evidence({ weighting: { effective: 186, efficiency: 0.6 } }) }))).toContain(
      'warn survey.weighting_efficiency weightingLowEfficiency',
    );
    expect(findings(report(), ctx({ survey: evidence({ weighting: { effective: 279, efficiency: 0.9 } }) }))).toContain(
      'pass survey.weighting_efficiency weightingEfficiencyPass',
    );
    expect(findings(report(), ctx())).toContain('pass survey.weighting_efficiency weightingNone');
  });

  it('warns of figures the data does not hold, and passes those it does (as rounded)', () => {
    // 60% and 20% are column shares, 40 points their difference, n=310 the respondents, 1,200,000 households a sizing factor.
    const held = report({
      sections: [{ key: 'findings', body: '20代の購入意向は60%で、40代（20%）より40ポイント高い（n=310）。世帯数は1,200,000世帯。' }],
      sizings: 1,
    });
    expect(findings(held, ctx({ sizings: [sizingEvidence(sizing())] }))).toContain('pass survey.figures figuresPass');
    const invented = report({ sections: [{ key: 'findings', body: '20代の購入意向は72%（n=310）。' }] });
    const got = runChecks(invented, ctx(), marketResearchChecks).findings.filter((f) => f.code === 'survey.figures');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ status: 'warn', message: { key: 'figureNotInData', params: { figure: '72%' } } });
    expect(got[0]?.location.section).toBe('findings');
  });

  it('warns of a sizing assumption without a source, fails a sizing it cannot load', () => {
    const got = runChecks(report({ sizings: 1 }), ctx({ sizings: [sizingEvidence(sizing(false))] }), marketResearchChecks).findings.filter(
      (f) => f.code === 'sizing.sources',
    );
    expect(got.map((f) => [f.status, f.message.params.factor])).toEqual([['warn', 'label of urban']]);
    const sourced = findings(report({ sizings: 1 }), ctx({ sizings: [sizingEvidence(sizing())] }));
    expect(sourced, sourced.join('\n')).toContain('pass sizing.sources sizingSourcesPass');
    expect(findings(report({ sizings: 1 }), ctx({ sizings: [null] }))).toContain('fail sizing.sources sizingUnavailable');
  });

  it('a report without a survey or sizings gets none of these checks', () => {
    expect(findings(report({ survey: false, tables: [] }), ctx({ survey: null }))).toEqual([]);
  });

  it('every finding renders in Japanese and English', () => {
    const content = report({
      claims: [{ table: 'intent', row: 'buy', column: '20s', than: '30s', claim: 'higher' }],
      sections: [{ key: 'findings', body: '72%' }],
      sizings: 1,
    });
    for (const f of runChecks(content, ctx({ sizings: [sizingEvidence(sizing(false))] }), marketResearchChecks).findings)
      for (const lang of ['ja', 'en'] as const) {
        const text = renderDeliverableFinding(f, lang);
        expect(text, `${f.id} ${lang}`).not.toMatch(/\{\{|undefined|NaN/);
        expect(text.length).toBeGreaterThan(5);
      }
  });
});
