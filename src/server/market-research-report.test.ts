import { expect, it } from 'vitest';
import { demoSizing, demoSurveyCsv, demoWeightingTargets, generateDemoSurvey, DEMO_SURVEY_KEYS as K } from '../infra/demo/survey.js';
import type { DeliverableCheckReport, DeliverableDetail } from '../shared/contracts/deliverables.js';
import type { DocumentView } from '../shared/contracts/documents.js';
import type { MilestoneView } from '../shared/contracts/engagements.js';
import type { SurveyDetail, WeightingView } from '../shared/contracts/market-research-api.js';
import type { SizingDetail } from '../shared/contracts/market-sizing-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const RESPONDENTS = 300;
const survey = generateDemoSurvey({ respondents: RESPONDENTS });

interface CrosstabReply {
  table: { rows: string[]; cols: string[]; colPercents: (number | null)[][]; columnTests: { letters: string[]; cells: string[][] } };
}

describeEachDatabase('a market-research report checked against its survey and sizing', (backend) => {
  const kit = useTestKit(backend);

  /** A weighted survey, a sizing and a market-research deliverable on an engagement in progress. */
  async function setup() {
    const k = kit();
    const e = await engagementInProgress(k);
    const { as, id } = e;
    const file = await as.p1Analyst.upload<DocumentView>(
      `/api/engagements/${id}/documents?name=${encodeURIComponent('回答.csv')}&classification=confidential`,
      new TextEncoder().encode(demoSurveyCsv({ respondents: RESPONDENTS })),
    );
    expect(file.status, JSON.stringify(file.body)).toBe(201);
    const surveys = `/api/engagements/${id}/surveys`;
    const created = await as.p1Analyst.post<SurveyDetail>(surveys, { name: '調査', documentId: file.body.id, codebook: survey.codebook });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sid = created.body.id;
    const weighting = await as.p1Analyst.post<WeightingView>(`${surveys}/${sid}/weightings`, {
      name: '人口構成',
      targets: demoWeightingTargets,
    });
    expect(weighting.status, JSON.stringify(weighting.body)).toBe(201);
    const sizing = await as.p1Analyst.post<SizingDetail>(`/api/engagements/${id}/sizings`, { sizing: demoSizing });
    expect(sizing.status, JSON.stringify(sizing.body)).toBe(201);
    const milestoneId = (await as.owner.get<MilestoneView[]>(`/api/engagements/${id}/milestones`)).body[0]?.id ?? '';
    const d = await as.p1Manager.post<DeliverableDetail>(`/api/engagements/${id}/deliverables`, {
      milestoneId,
      title: '購買意向調査レポート',
      type: 'market_research',
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    // The table the report shows, as both sides read it: the weighted crosstab with its letters.
    const table = await as.owner.get<CrosstabReply>(
      `${surveys}/${sid}/crosstab?stub=${encodeURIComponent(K.method)}&banner=${encodeURIComponent(K.age)}&weighting=${weighting.body.id}`,
    );
    expect(table.status, JSON.stringify(table.body)).toBe(200);
    return { ...e, k, sid, weightingId: weighting.body.id, sizing: sizing.body, did: d.body.id, table: table.body.table };
  }

  /** A row and a cell the column test puts above another column, and a column it does not separate from it. */
  function pairs(t: CrosstabReply['table']) {
    const letters = t.columnTests.letters;
    const r = t.columnTests.cells.findIndex((row) => row.some((c) => c.length > 0));
    if (r < 0) throw new Error('the demo table has no significant difference');
    const cells = t.columnTests.cells[r] ?? [];
    const higher = cells.findIndex((c) => c.length > 0);
    const lower = letters.findIndex((l) => (cells[higher] ?? '').includes(l));
    const same = t.cols.findIndex(
      (_, j) => j !== higher && !(cells[higher] ?? '').includes(letters[j] ?? '?') && !(cells[j] ?? '').includes(letters[higher] ?? '?'),
    );
    return { row: r, higher, lower, same };
  }

  function content(s: Awaited<ReturnType<typeof setup>>, over: { claims?: unknown[]; body?: string; stub?: string } = {}) {
    return {
      type: 'market_research',
      survey: { id: s.sid, version: 1, weighting: s.weightingId },
      tables: [
        { key: 'method', title: '家計管理の方法 × 年代', stub: over.stub ?? K.method, banner: K.age, section: 'findings', showsBase: true },
      ],
      claims: over.claims ?? [],
      sizings: [{ id: s.sizing.id, version: 1 }],
      sections: [{ key: 'findings', title: '調査結果', role: 'claims', body: over.body ?? '', citations: [] }],
      references: [],
    };
  }

  it('recomputes the tables it shows, judges its claims and figures, and stores the checks with the version both sides read', async () => {
    const s = await setup();
    const { as, id, did, table } = s;
    const { row: r, higher, lower, same } = pairs(table);
    const row = table.rows[r] ?? '';
    const col = (j: number) => table.cols[j] ?? '';
    const quoted = (table.colPercents[r]?.[higher] ?? 0).toFixed(1);
    const body = `「${row}」は${col(higher)}で${quoted}%（各列の n は表に示す）。市場規模の成長率は120.5%。`;
    const claims = [
      { section: 'findings', table: 'method', row, column: col(higher), than: col(lower), claim: 'higher' },
      { section: 'findings', table: 'method', row, column: col(lower), than: col(higher), claim: 'higher' },
      ...(same >= 0 ? [{ section: 'findings', table: 'method', row, column: col(higher), than: col(same), claim: 'no_difference' }] : []),
    ];
    const check = await as.p1Manager.post<DeliverableCheckReport>(`/api/engagements/${id}/deliverables/${did}/check`, {
      content: content(s, { claims, body }),
    });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    const by = (code: string) => check.body.findings.filter((f) => f.code === code).map((f) => `${f.status} ${f.message.key}`);
    expect(by('survey.unavailable')).toEqual(['pass surveyAvailable']);
    // The supported claim passes silently; the reversed one fails.
    expect(by('survey.significance')).toEqual(['fail claimReversed']);
    expect(by('survey.weighting_efficiency')).toHaveLength(1);
    // The quoted share is in the data; the invented growth rate is not.
    const figures = check.body.findings.filter((f) => f.code === 'survey.figures');
    expect(figures.map((f) => [f.status, f.message.params.figure])).toEqual([['warn', '120.5%']]);
    expect(figures[0]?.location.section).toBe('findings');
    expect(by('sizing.sources')).toEqual(['pass sizingSourcesPass']);
    expect(check.body.status).toBe('fail');

    const submitted = await as.p1Manager.post<DeliverableDetail>(`/api/engagements/${id}/deliverables/${did}/versions`, {
      content: content(s, { claims, body }),
      note: '初版',
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const read = await as.owner.get<DeliverableDetail>(`/api/engagements/${id}/deliverables/${did}`);
    expect(read.status).toBe(200);
    const stored = read.body.versions?.at(-1)?.checks;
    expect(stored?.findings.map((f) => f.id)).toEqual(check.body.findings.map((f) => f.id));
  });

  it('refuses references that are not there, listing each, and stores nothing', async () => {
    const s = await setup();
    const { as, id, did } = s;
    const bad = content(s, { stub: 'Q_nope' });
    bad.sizings = [{ id: '00000000-0000-4000-8000-000000000000', version: 1 }];
    const refused = await as.p1Manager.post(`/api/engagements/${id}/deliverables/${did}/versions`, { content: bad, note: '' });
    const error = errorOf(refused);
    expect(error.code).toBe('invalid_input');
    expect(error.issues?.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['content.tables.0.stub', 'unknown_question'],
      ['content.sizings.0', 'unknown_sizing'],
    ]);
    // The client reads the survey but does not submit: refused before anything is recomputed.
    expect(errorOf(await as.owner.post(`/api/engagements/${id}/deliverables/${did}/versions`, { content: bad, note: '' })).code).toBe(
      'forbidden',
    );
    const otherWeighting = content(s);
    otherWeighting.survey = { id: s.sid, version: 1, weighting: '00000000-0000-4000-8000-000000000000' };
    expect(
      errorOf(await as.p1Manager.post(`/api/engagements/${id}/deliverables/${did}/check`, { content: otherWeighting })).issues,
    ).toEqual([expect.objectContaining({ path: ['content', 'survey', 'weighting'], code: 'unknown_weighting' })]);
    const noVersion = content(s);
    noVersion.survey = { id: s.sid, version: 9, weighting: 'none' };
    expect(errorOf(await as.p1Manager.post(`/api/engagements/${id}/deliverables/${did}/check`, { content: noVersion })).issues).toEqual([
      expect.objectContaining({ path: ['content', 'survey', 'version'], code: 'unknown_survey' }),
    ]);
    const read = await as.owner.get<DeliverableDetail>(`/api/engagements/${id}/deliverables/${did}`);
    expect(read.body.latestVersion).toBe(0);
  });
});
