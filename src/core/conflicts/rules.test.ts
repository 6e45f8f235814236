import { describe, expect, it } from 'vitest';
import {
  addMonths,
  type ConflictSubjects,
  conflictKey,
  conflictsOf,
  coolingOffEnd,
  type Declarations,
  entityKey,
  japanDate,
  type RestrictedEntityRef,
  tickerKey,
  uncovered,
} from './rules.js';

const toyota: RestrictedEntityRef = {
  id: 'toyota',
  name: 'トヨタ自動車株式会社',
  aliases: ['Toyota Motor Corporation'],
  tickers: ['7203'],
};
const honda: RestrictedEntityRef = { id: 'honda', name: '本田技研工業株式会社', aliases: ['Honda Motor Co., Ltd.'], tickers: ['7267.T'] };
const nissan: RestrictedEntityRef = { id: 'nissan', name: '日産自動車', aliases: [], tickers: ['TYO:7201'] };
const subjects: ConflictSubjects = { targets: [toyota], competitors: [honda, nissan] };
const TODAY = '2026-03-10';

const person = (p: Partial<Declarations>): Declarations => ({ employers: [], holdings: [], ...p });
const kinds = (p: Partial<Declarations>, today = TODAY, months = 6) => conflictsOf(person(p), subjects, months, today).map((c) => c.kind);

describe('names compare as a Japanese reader expects', () => {
  it.each([
    ['トヨタ自動車株式会社', 'トヨタ自動車'],
    ['株式会社トヨタ自動車', 'トヨタ自動車'],
    ['トヨタ自動車（株）', 'トヨタ自動車'],
    ['トヨタ自動車㈱', 'トヨタ自動車'],
    ['ﾄﾖﾀ自動車', 'トヨタ自動車'],
    ['トヨタ　自動車', 'トヨタ自動車'],
    ['有限会社 山田商店', '山田商店'],
    ['Toyota Motor Corporation', 'toyota motor'],
    ['TOYOTA MOTOR CORP.', 'Toyota Motor'],
    ['ＴＯＹＯＴＡ　ＭＯＴＯＲ　ＣＯＲＰＯＲＡＴＩＯＮ', 'toyota motor'],
    ['Honda Motor Co., Ltd.', 'honda motor'],
    ['Honda Motor Co.,Ltd', 'HONDA MOTOR'],
    ['Sony Group Inc.', 'sony group'],
    ['Mitsui & Co., Ltd.', 'Mitsui & Co'],
    ['Nomura K.K.', 'Nomura'],
    ['Kabushiki Kaisha Nomura', 'nomura'],
    ['Deutsche Bank AG', 'deutsche bank'],
    ['Acme, LLC', 'acme'],
  ])('%s is %s', (a, b) => {
    expect(entityKey(a)).toBe(entityKey(b));
  });

  it.each([
    ['トヨタ自動車', 'トヨタ自動車東日本'],
    ['Sony', 'Sony Group'],
    ['日産自動車', '日産車体'],
    ['Honda', 'Hondo'],
  ])('%s is not %s', (a, b) => {
    expect(entityKey(a)).not.toBe(entityKey(b));
  });

  it('a name that is only a legal form keeps its letters', () => {
    expect(entityKey('AG')).toBe('ag');
    expect(entityKey('株式会社')).toBe('株式会社');
  });

  it.each([
    ['7203', '7203'],
    ['7203.T', '7203'],
    ['TYO:7203', '7203'],
    ['tse:7203', '7203'],
    ['7203 JP Equity', '7203'],
    ['７２０３', '7203'],
    ['NASDAQ:AAPL', 'AAPL'],
    ['aapl.o', 'AAPL'],
    ['130A', '130A'],
  ])('ticker %s is %s', (t, key) => {
    expect(tickerKey(t)).toBe(key);
  });

  it('a name is not a ticker', () => {
    expect(tickerKey('トヨタ自動車')).toBeNull();
    expect(tickerKey('')).toBeNull();
  });
});

describe('conflictsOf', () => {
  it('nobody declared, or nothing that matches: no conflict', () => {
    expect(kinds({})).toEqual([]);
    expect(
      kinds({ employers: [{ entity: 'ソニーグループ株式会社', from: '2010-04-01', to: null }], holdings: [{ entity: '6758' }] }),
    ).toEqual([]);
  });

  it('a current employee of the target is blocked, whatever the spelling', () => {
    for (const entity of ['トヨタ自動車', 'ﾄﾖﾀ自動車㈱', 'TOYOTA MOTOR CORP', '株式会社 トヨタ自動車']) {
      expect(kinds({ employers: [{ entity, from: '2020-04-01', to: null }] }), entity).toEqual(['current_employee_of_target']);
    }
  });

  it('someone whose last day is still to come is a current employee', () => {
    expect(kinds({ employers: [{ entity: 'トヨタ自動車', from: '2020-04-01', to: '2026-03-31' }] })).toEqual([
      'current_employee_of_target',
    ]);
    expect(kinds({ employers: [{ entity: 'トヨタ自動車', from: '2020-04-01', to: TODAY }] })).toEqual(['current_employee_of_target']);
  });

  it('a current employee of a named competitor is blocked; a former one is not', () => {
    expect(kinds({ employers: [{ entity: 'Honda Motor Co., Ltd.', from: '2019-04-01', to: null }] })).toEqual([
      'current_employee_of_competitor',
    ]);
    expect(kinds({ employers: [{ entity: '日産自動車株式会社', from: '2019-04-01', to: '2026-03-01' }] })).toEqual([]);
  });

  it('a former employee of the target is blocked through the last day of the cooling-off period, and free the day after', () => {
    const left = { entity: 'トヨタ自動車', from: '2015-04-01', to: '2025-09-10' };
    const [conflict] = conflictsOf(person({ employers: [left] }), subjects, 6, '2026-03-10');
    expect(conflict).toMatchObject({ kind: 'former_employee_of_target_in_cooling_off', entityId: 'toyota', coolingOffEnds: '2026-03-10' });
    expect(kinds({ employers: [left] }, '2026-03-09')).toEqual(['former_employee_of_target_in_cooling_off']);
    expect(kinds({ employers: [left] }, '2026-03-10')).toEqual(['former_employee_of_target_in_cooling_off']);
    expect(kinds({ employers: [left] }, '2026-03-11')).toEqual([]);
  });

  it('the cooling-off period is the client’s: 12 months blocks longer, 0 only while employed', () => {
    const left = { entity: 'トヨタ自動車', from: '2015-04-01', to: '2025-06-30' };
    expect(kinds({ employers: [left] }, TODAY, 6)).toEqual([]);
    expect(kinds({ employers: [left] }, TODAY, 12)).toEqual(['former_employee_of_target_in_cooling_off']);
    expect(kinds({ employers: [{ ...left, to: '2026-03-09' }] }, TODAY, 0)).toEqual([]);
  });

  it('a period ending in a shorter month ends on its last day', () => {
    expect(coolingOffEnd('2025-08-31', 6)).toBe('2026-02-28');
    expect(coolingOffEnd('2027-08-31', 6)).toBe('2028-02-29');
    expect(coolingOffEnd('2025-01-15', 6)).toBe('2025-07-15');
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(addMonths('2025-11-30', 14)).toBe('2027-01-30');
    const left = { entity: 'トヨタ自動車', from: '2015-04-01', to: '2025-08-31' };
    expect(kinds({ employers: [left] }, '2026-02-28')).toEqual(['former_employee_of_target_in_cooling_off']);
    expect(kinds({ employers: [left] }, '2026-03-01')).toEqual([]);
  });

  it('a holding in the target is blocked, by name or by any spelling of its ticker', () => {
    for (const entity of ['7203', '7203.T', 'TYO:7203', '７２０３', 'トヨタ自動車', 'Toyota Motor Corp.']) {
      expect(kinds({ holdings: [{ entity }] }), entity).toEqual(['holding_in_target']);
    }
  });

  it('near misses: another company, another ticker, a holding in a competitor', () => {
    expect(kinds({ holdings: [{ entity: '72030' }, { entity: '7204' }, { entity: 'トヨタ自動車東日本' }] })).toEqual([]);
    expect(kinds({ holdings: [{ entity: '7267' }, { entity: 'Honda Motor' }] })).toEqual([]);
    expect(kinds({ employers: [{ entity: 'トヨタ自動車東日本株式会社', from: '2020-04-01', to: null }] })).toEqual([]);
  });

  it('each matching declaration is its own conflict, naming the line it came from', () => {
    const found = conflictsOf(
      person({
        employers: [
          { entity: 'Toyota Motor Corporation', from: '2010-04-01', to: '2025-12-31' },
          { entity: '本田技研工業', from: '2026-01-05', to: null },
        ],
        holdings: [{ entity: 'Apple' }, { entity: '7203.T' }],
      }),
      subjects,
      6,
      TODAY,
    );
    expect(found.map((c) => [c.kind, c.entityId, c.source])).toEqual([
      ['former_employee_of_target_in_cooling_off', 'toyota', { type: 'employer', index: 0 }],
      ['current_employee_of_competitor', 'honda', { type: 'employer', index: 1 }],
      ['holding_in_target', 'toyota', { type: 'holding', index: 1 }],
    ]);
  });

  it('an override covers the conflicts it was given for; a new one needs a new override', () => {
    const found = conflictsOf(
      person({ employers: [{ entity: 'トヨタ', from: '2000-01-01', to: null }], holdings: [{ entity: '7203' }] }),
      { targets: [{ ...toyota, aliases: ['トヨタ'] }], competitors: [] },
      6,
      TODAY,
    );
    expect(uncovered(found, null)).toHaveLength(2);
    expect(uncovered(found, found.map(conflictKey))).toEqual([]);
    expect(uncovered(found, ['current_employee_of_target:toyota']).map((c) => c.kind)).toEqual(['holding_in_target']);
  });

  it("today is Japan's calendar day", () => {
    expect(japanDate(new Date('2026-03-09T15:00:00Z'))).toBe('2026-03-10');
    expect(japanDate(new Date('2026-03-09T14:59:59Z'))).toBe('2026-03-09');
  });
});
