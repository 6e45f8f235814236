import { describe, expect, it } from 'vitest';
import type { DeliverableVersionView } from '../../../shared/contracts/deliverables';
import {
  addClaim,
  addReference,
  addSection,
  addTable,
  claimCells,
  draftFromVersion,
  emptyDraft,
  keyedOptions,
  meansClaimRow,
  moveSection,
  placedEvidenceIssue,
  removeReference,
  removeSection,
  removeTable,
  requestOf,
  sectionKey,
  setSizings,
  setSizingVersion,
  setSurvey,
  slug,
  unique,
  updateClaim,
  updateReference,
  updateSection,
  updateTable,
  withCurrent,
} from './draft';

describe('keys', () => {
  it('makes a key from a Latin title, and from the role for a Japanese one', () => {
    expect(slug('Market size 2025!')).toBe('market-size-2025');
    expect(slug('  --Résumé--  ')).toBe('resume');
    expect(slug('市場規模')).toBe('');
    expect(sectionKey('市場規模', 'claims', new Set())).toBe('claims');
    expect(sectionKey('方法論', 'knowledge_transfer', new Set(['knowledge-transfer']))).toBe('knowledge-transfer-2');
  });

  it('numbers a key taken already, within 60 characters', () => {
    expect(unique('table', new Set())).toBe('table');
    expect(unique('table', new Set(['table', 'table-2']))).toBe('table-3');
    const long = 'x'.repeat(60);
    expect(unique(long, new Set([long]))).toBe(`${'x'.repeat(56)}-2`);
  });
});

describe('the submission draft', () => {
  it('keeps a section key following its title and role until it is edited', () => {
    let d = addSection(emptyDraft(), 'summary');
    const uid = d.sections[0]?.uid ?? '';
    expect(d.sections[0]?.key).toBe('summary');
    d = updateSection(d, uid, { title: 'Executive summary' });
    expect(d.sections[0]?.key).toBe('executive-summary');
    d = updateSection(d, uid, { key: 'exec' });
    d = updateSection(d, uid, { title: 'Other title' });
    expect(d.sections[0]?.key).toBe('exec');
  });

  it('gives two sections of one role their own keys', () => {
    let d = addSection(addSection(emptyDraft(), 'claims'), 'claims');
    expect(d.sections.map((s) => s.key)).toEqual(['claims', 'claims-2']);
    d = updateSection(d, d.sections[1]?.uid ?? '', { title: '競合' });
    expect(d.sections[1]?.key).toBe('claims-2');
  });

  it('renames citations with their reference and drops them with it', () => {
    let d = addReference(addSection(emptyDraft(), 'claims'));
    const ref = d.references[0]?.uid ?? '';
    d = updateReference(d, ref, { title: 'Census' });
    d = updateSection(d, d.sections[0]?.uid ?? '', { citations: ['census'] });
    d = updateReference(d, ref, { id: 'census-2020' });
    expect(d.sections[0]?.citations).toEqual(['census-2020']);
    d = removeReference(d, ref);
    expect(d.sections[0]?.citations).toEqual([]);
  });

  it('moves sections within bounds', () => {
    const d = addSection(addSection(emptyDraft(), 'summary'), 'claims');
    const first = d.sections[0]?.uid ?? '';
    expect(moveSection(d, first, 1).sections.map((s) => s.role)).toEqual(['claims', 'summary']);
    expect(moveSection(d, first, -1)).toBe(d);
  });

  it('starts a resubmission from the latest version and sends the same content back', () => {
    const version = {
      version: 1,
      content: {
        type: 'report',
        sections: [{ key: 'summary', title: '要約', role: 'summary', body: '本文', citations: ['census'] }],
        references: [{ id: 'census', title: '経済センサス', documentId: null, url: 'https://www.e-stat.go.jp/', locator: null }],
      },
      documents: [{ id: 'doc-1', name: 'a.pdf' }],
      note: 'old note',
    } as unknown as DeliverableVersionView;
    const d = draftFromVersion(version);
    expect(d.note).toBe('');
    expect(d.sections[0]?.keyEdited).toBe(true);
    expect(requestOf(d, 'report')).toEqual({
      content: version.content,
      documentIds: ['doc-1'],
      note: '',
    });
  });

  it('sends a financial model with its shared version, and blank URLs and locators as null', () => {
    let d = addReference({ ...emptyDraft(), model: { id: 'm1', version: 3 } });
    d = updateReference(d, d.references[0]?.uid ?? '', { title: 'IR', url: ' ', locator: 'p. 4' });
    const request = requestOf(d, 'financial_model');
    expect(request.content).toMatchObject({ type: 'financial_model', model: { id: 'm1', version: 3 } });
    expect(request.content.references[0]).toEqual({ id: 'ir', title: 'IR', documentId: null, url: null, locator: 'p. 4' });
  });
});

const SURVEY = '0b5c1a52-7a43-4c8e-9d53-2f0f4c1b1a01';
const WEIGHTING = '5d0b9c0e-0f8d-4b8a-8f2c-9a1b2c3d4e5f';
const SIZING = '7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';

describe('the evidence of a market-research report', () => {
  it('starts empty, with the default test settings, and sends no survey until one is picked', () => {
    const d = emptyDraft();
    expect(d.research).toEqual({
      survey: { id: null, version: null, weighting: 'none', alpha: 0.05, correction: 'bonferroni' },
      tables: [],
      claims: [],
      sizings: [],
    });
    expect(requestOf(addSection(d, 'summary'), 'market_research').content).toEqual({
      type: 'market_research',
      survey: null,
      tables: [],
      claims: [],
      sizings: [],
      sections: [{ key: 'summary', title: '', role: 'summary', body: '', citations: [] }],
      references: [],
    });
  });

  it('does not send the evidence with a plain report', () => {
    const d = setSurvey(emptyDraft(), { id: SURVEY, version: 1 });
    expect(requestOf(d, 'report').content).not.toHaveProperty('survey');
  });

  it('starts a new survey over and drops a saved weighting with its version', () => {
    let d = setSurvey(emptyDraft(), { id: SURVEY, version: 2 });
    d = setSurvey(d, { weighting: WEIGHTING, alpha: 0.01 });
    expect(setSurvey(d, { version: 1 }).research.survey).toMatchObject({ version: 1, weighting: 'none', alpha: 0.01 });
    expect(setSurvey(d, { id: 'other', version: 4 }).research.survey).toEqual({
      id: 'other',
      version: 4,
      weighting: 'none',
      alpha: 0.01,
      correction: 'bonferroni',
    });
  });

  it('keys a table by its title, and its claims follow the key', () => {
    let d = addSection(emptyDraft(), 'claims');
    d = addTable(setSurvey(d, { id: SURVEY, version: 1 }));
    const table = d.research.tables[0]?.uid ?? '';
    expect(d.research.tables[0]).toMatchObject({ key: 'table', showsBase: true, section: null });
    d = updateTable(d, table, { title: 'Purchase by age', stub: 'q1', banner: 'age', section: 'claims' });
    d = addClaim(d);
    expect(d.research.claims[0]).toMatchObject({ table: 'purchase-by-age', section: 'claims', claim: 'higher' });
    const claim = d.research.claims[0]?.uid ?? '';
    d = updateClaim(d, claim, { row: 'Yes', column: '20s', than: '60s' });
    d = updateTable(d, table, { key: 'purchase' });
    expect(d.research.claims[0]).toMatchObject({ table: 'purchase', row: 'Yes', column: '20s', than: '60s' });
    // Another banner: the columns the claim named are gone.
    d = updateTable(d, table, { banner: 'gender' });
    expect(d.research.claims[0]).toMatchObject({ table: 'purchase', row: 'Yes', column: '', than: '' });
    d = updateClaim(d, claim, { column: 'Men', than: 'Women' });
    d = updateTable(d, table, { stub: 'q2' });
    expect(d.research.claims[0]).toMatchObject({ row: '', column: 'Men', than: 'Women' });
    d = removeTable(d, table);
    expect(d.research.claims[0]?.table).toBeNull();
  });

  it("moves tables and claims with their section's key, and drops the section with it", () => {
    let d = addSection(emptyDraft(), 'claims');
    const section = d.sections[0]?.uid ?? '';
    d = addTable(setSurvey(d, { id: SURVEY, version: 1 }));
    d = updateTable(d, d.research.tables[0]?.uid ?? '', { section: 'claims' });
    d = addClaim(d);
    d = updateSection(d, section, { title: 'Findings' });
    expect(d.sections[0]?.key).toBe('findings');
    expect(d.research.tables[0]?.section).toBe('findings');
    expect(d.research.claims[0]?.section).toBe('findings');
    d = removeSection(d, section);
    expect(d.research.tables[0]?.section).toBeNull();
    expect(d.research.claims[0]?.section).toBeNull();
  });

  it('clears the cells of a claim that names another table', () => {
    let d = addTable(addTable(setSurvey(emptyDraft(), { id: SURVEY, version: 1 })));
    d = addClaim(d);
    const claim = d.research.claims[0]?.uid ?? '';
    d = updateClaim(d, claim, { row: 'Yes', column: 'A', than: 'B', claim: 'no_difference' });
    d = updateClaim(d, claim, { table: 'table' });
    expect(d.research.claims[0]).toMatchObject({ table: 'table', row: '', column: '', than: '', claim: 'no_difference' });
  });

  it('picks sizings at their latest version and keeps an edited version', () => {
    let d = setSizings(emptyDraft(), [SIZING], () => 3);
    expect(d.research.sizings).toMatchObject([{ id: SIZING, version: 3 }]);
    d = setSizingVersion(d, d.research.sizings[0]?.uid ?? '', 2);
    d = setSizings(d, [SIZING, 'other'], (id) => (id === 'other' ? null : 9));
    expect(d.research.sizings.map((s) => [s.id, s.version])).toEqual([
      [SIZING, 2],
      ['other', null],
    ]);
    expect(requestOf(d, 'market_research').content).toMatchObject({
      sizings: [
        { id: SIZING, version: 2 },
        { id: 'other', version: 0 },
      ],
    });
  });

  it('round-trips a market-research version through the draft', () => {
    const content = {
      type: 'market_research',
      survey: { id: SURVEY, version: 2, weighting: WEIGHTING, alpha: 0.1, correction: 'holm' },
      tables: [
        { key: 'purchase', title: '購入意向', stub: 'q1', banner: 'age', section: 'findings', showsBase: true },
        { key: 'awareness', title: '認知', stub: 'q2', banner: 'gender', section: null, showsBase: false },
      ],
      claims: [{ section: 'findings', table: 'purchase', row: 'はい', column: '20代', than: '60代', claim: 'higher' }],
      sizings: [{ id: SIZING, version: 4 }],
      sections: [{ key: 'findings', title: '調査結果', role: 'claims', body: '20代は 60代より高い。', citations: [] }],
      references: [],
    };
    const version = { version: 3, content, documents: [], note: '' } as unknown as DeliverableVersionView;
    const d = draftFromVersion(version);
    expect(d.research.tables.every((t) => t.keyEdited)).toBe(true);
    expect(new Set([...d.research.tables, ...d.research.claims, ...d.research.sizings].map((r) => r.uid)).size).toBe(4);
    expect(requestOf(d, 'market_research')).toEqual({ content, documentIds: [], note: '' });
  });

  it("places the server's issues about the evidence at their fields", () => {
    for (const key of [
      'survey',
      'survey.id',
      'survey.version',
      'survey.weighting',
      'tables.0.stub',
      'claims.3.than',
      'sizings.1',
      'sizings.0.version',
    ])
      expect(placedEvidenceIssue(key)).toBe(true);
    for (const key of ['sections.0.body', 'model.id', 'tables.x.stub', 'claims.1', 'documentIds.0'])
      expect(placedEvidenceIssue(key)).toBe(false);
  });

  it('gives a report version an empty evidence draft', () => {
    const version = {
      version: 1,
      content: { type: 'report', sections: [], references: [] },
      documents: [],
      note: '',
    } as unknown as DeliverableVersionView;
    expect(draftFromVersion(version).research).toEqual(emptyDraft().research);
  });
});

describe('the choices of the evidence editor', () => {
  it('labels sections and tables by title and key, one way for both', () => {
    expect(
      keyedOptions([
        { key: 'claims', title: '調査結果' },
        { key: 'table', title: '  ' },
      ]),
    ).toEqual([
      { value: 'claims', label: '調査結果 (claims)' },
      { value: 'table', label: 'table' },
    ]);
  });

  it('keeps the current value among the options, worded as told', () => {
    const options = [{ value: 'a', label: 'A' }];
    expect(withCurrent(options, 'a')).toBe(options);
    expect(withCurrent(options, null)).toBe(options);
    expect(withCurrent(options, 'q9')).toEqual([{ value: 'q9', label: 'q9' }, ...options]);
    expect(withCurrent([], SURVEY, () => 'Loading…')).toEqual([{ value: SURVEY, label: 'Loading…' }]);
  });

  it('offers a claim the cells of its own table only, never those kept from the previous one', () => {
    const crosstab = { kind: 'crosstab' as const, table: { rows: ['app', 'paper'], cols: ['20s', '50s'] } };
    const means = { kind: 'means' as const, table: { cols: ['20s', '50s'] } };
    const q = { ready: true, data: crosstab, isPlaceholderData: false, isError: false };
    expect(claimCells(q)).toEqual({ kind: 'crosstab', rows: ['app', 'paper'], cols: ['20s', '50s'] });
    expect(claimCells({ ...q, isPlaceholderData: true })).toEqual({ kind: 'loading' });
    expect(claimCells({ ...q, data: undefined })).toEqual({ kind: 'loading' });
    expect(claimCells({ ...q, ready: false })).toEqual({ kind: 'text' });
    expect(claimCells({ ...q, data: undefined, isError: true })).toEqual({ kind: 'text' });
    expect(claimCells({ ...q, data: means })).toEqual({ kind: 'means', cols: ['20s', '50s'] });
  });

  it('names the stub question as the row of a claim on a means table', () => {
    let d = addTable(addSection(setSurvey(emptyDraft(), { id: SURVEY, version: 1 }), 'claims'));
    d = updateTable(d, d.research.tables[0]?.uid ?? '', { stub: 'spend', banner: 'age' });
    d = addClaim(d);
    const claim = d.research.claims[0]?.uid ?? '';
    const fixed = meansClaimRow(d, claim, 'spend');
    expect(fixed.research.claims[0]?.row).toBe('spend');
    expect(meansClaimRow(fixed, claim, 'spend')).toBe(fixed);
    expect(meansClaimRow(fixed, 'gone', 'spend')).toBe(fixed);
    expect(requestOf(fixed, 'market_research').content).toMatchObject({ claims: [{ row: 'spend', table: 'table' }] });
  });
});
