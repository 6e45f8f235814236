import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { crosstab } from '../core/workbenches/market-research/crosstab.js';
import { buildDataset } from '../core/workbenches/market-research/dataset.js';
import type { SingleVariable } from '../core/workbenches/market-research/variables.js';
import { rake } from '../core/workbenches/market-research/weighting.js';
import { demoSurveyCsv, demoWeightingTargets, generateDemoSurvey, DEMO_SURVEY_KEYS as K } from '../infra/demo/survey.js';
import { formatPercent } from '../infra/exports/mr-pdf.js';
import { encodeShiftJis } from '../infra/files/shift-jis.js';
import { readSurveyCsv } from '../infra/files/survey.js';
import type { DocumentView } from '../shared/contracts/documents.js';
import { type Codebook, codebookSchema } from '../shared/contracts/market-research.js';
import { raking, type SurveyDetail, type SurveyPreview, type WeightingView } from '../shared/contracts/market-research-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const RESPONDENTS = 300;
const survey = generateDemoSurvey({ respondents: RESPONDENTS });
const codebook: Codebook = codebookSchema.parse(survey.codebook);
const sjis = encodeShiftJis(demoSurveyCsv({ respondents: RESPONDENTS }));

interface CrosstabReply {
  version: number;
  kind: 'crosstab' | 'means';
  weighted: boolean;
  table: {
    rows: string[];
    cols: string[];
    counts: number[][];
    colTotals: number[];
    chiSquare: { statistic: number; df: number; pValue: number } | null;
    columnTests: { letters: string[]; cells: string[][] };
  };
}

function pdftotext(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpo-pdf-'));
  try {
    writeFileSync(join(dir, 'deck.pdf'), bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'deck.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeEachDatabase('the market-research workbench through the API', (backend) => {
  const kit = useTestKit(backend);
  const docs = (id: string) => `/api/engagements/${id}/documents`;
  const surveys = (id: string) => `/api/engagements/${id}/surveys`;

  async function imported() {
    const k = kit();
    const e = await engagementInProgress(k);
    const file = await e.as.p1Analyst.upload<DocumentView>(
      `${docs(e.id)}?name=${encodeURIComponent('調査回答.csv')}&classification=confidential`,
      sjis,
    );
    expect(file.status, JSON.stringify(file.body)).toBe(201);
    return { k, ...e, documentId: file.body.id };
  }

  it('imports a Shift_JIS response file from the vault through a codebook; both sides read the same crosstab, with tests', async () => {
    const { k, as, id, documentId } = await imported();
    const preview = await as.p1Analyst.post<SurveyPreview>(`${surveys(id)}/preview`, { documentId });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({
      fileName: '調査回答.csv',
      encoding: 'shift_jis',
      respondents: RESPONDENTS,
      header: survey.header,
    });
    expect(preview.body.sample).toHaveLength(20);
    expect(preview.body.codebook.questions.find((q) => q.key === K.nps)?.type).toBe('nps');

    const created = await as.p1Analyst.post<SurveyDetail>(surveys(id), { name: '購買意向調査', documentId, codebook: survey.codebook });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: '購買意向調査', latestVersion: 1, canEdit: true });
    expect(created.body.version).toMatchObject({ respondents: RESPONDENTS, encoding: 'shift_jis', fileName: '調査回答.csv' });
    const sid = created.body.id;

    // The engine's own answer on the same data is what the API gives both sides.
    const data = buildDataset({ header: survey.header, rows: survey.rows }, codebook);
    const expected = crosstab(data.variables.get(K.method) as never, data.variables.get(K.age) as never);
    const query = `stub=${encodeURIComponent(K.method)}&banner=${encodeURIComponent(K.age)}`;
    for (const who of [as.p1Analyst, as.owner]) {
      const got = await who.get<CrosstabReply>(`${surveys(id)}/${sid}/crosstab?${query}`);
      expect(got.status, JSON.stringify(got.body)).toBe(200);
      expect(got.body.kind).toBe('crosstab');
      expect(got.body.table.counts).toEqual(expected.counts);
      expect(got.body.table.chiSquare?.statistic).toBeCloseTo(expected.chiSquare?.statistic ?? Number.NaN, 9);
      expect(got.body.table.columnTests.cells).toEqual(expected.columnTests.cells);
    }
    // A numeric stub gives means by column; a Likert question in the banner shows its points.
    const means = await as.owner.get<CrosstabReply>(
      `${surveys(id)}/${sid}/crosstab?stub=${encodeURIComponent(K.nps)}&banner=${encodeURIComponent(K.method)}`,
    );
    expect(means.body.kind).toBe('means');
    const nps = await as.owner.get<{ kind: string; result: { score: number } }>(
      `${surveys(id)}/${sid}/scales?questions=${encodeURIComponent(K.nps)}`,
    );
    expect(nps.body.kind).toBe('nps');
    expect(nps.body.result.score).toBeGreaterThanOrEqual(-100);
    const grid = ['Q9_1', 'Q9_2', 'Q9_3', 'Q9_4', 'Q9_5'].map((q) => codebook.questions.find((x) => x.columns[0] === q)?.key);
    const alpha = await as.owner.get<{ kind: string; result: { alpha: number } }>(
      `${surveys(id)}/${sid}/scales?questions=${encodeURIComponent(grid.join(','))}`,
    );
    expect(alpha.status, JSON.stringify(alpha.body)).toBe(200);
    expect(alpha.body.result.alpha).toBeGreaterThan(0.6);

    // The client reads but does not write; the bidder that lost the award does not read it.
    expect(errorOf(await as.owner.post(surveys(id), { name: 'x', documentId, codebook: survey.codebook })).code).toBe('forbidden');
    expect(errorOf(await as.p2Manager.get(`${surveys(id)}/${sid}`)).code).toBe('forbidden');

    // The codebook's wording is sealed under the engagement's key, not stored in the clear.
    const rows = await k.rt.database.db.selectFrom('survey_dataset_versions').select('codebook_sealed').execute();
    expect(rows.map((r) => r.codebook_sealed).join('')).not.toContain('記帳');
    const audit = await k.rt.store.read.audit.query({ type: 'survey.imported', limit: 5 });
    expect(audit.map((e) => e.resourceId)).toContain(sid);
  });

  it('weights by raking to target margins, reports efficiency, and weighted tables use the weights', async () => {
    const { as, id, documentId } = await imported();
    const sid = (await as.p1Analyst.post<SurveyDetail>(surveys(id), { name: 'w', documentId, codebook: survey.codebook })).body.id;
    const weighting = await as.p1Analyst.post<WeightingView>(`${surveys(id)}/${sid}/weightings`, {
      name: '人口構成（年代×地域）',
      targets: demoWeightingTargets,
    });
    expect(weighting.status, JSON.stringify(weighting.body)).toBe(201);
    expect(weighting.body.report.converged).toBe(true);
    expect(weighting.body.report.efficiency).toBeGreaterThan(0.3);
    expect(weighting.body.report.efficiency).toBeLessThan(1);
    for (const m of weighting.body.report.margins) expect(Math.abs(m.achieved - m.target)).toBeLessThan(1e-4);

    const ages = await as.owner.get<{ weighted: boolean; table: { categories: { percent: number | null }[] } }>(
      `${surveys(id)}/${sid}/frequencies?question=${encodeURIComponent(K.age)}&weighting=${weighting.body.id}`,
    );
    expect(ages.status, JSON.stringify(ages.body)).toBe(200);
    expect(ages.body.weighted).toBe(true);
    const targetShares = Object.values(demoWeightingTargets[K.age] ?? {});
    ages.body.table.categories.forEach((c, i) => {
      expect(c.percent ?? 0).toBeCloseTo((targetShares[i] ?? 0) * 100, 2);
    });
    // A weighting belongs to its dataset's version: another dataset's table refuses it, though its weights are in memory.
    const other = (await as.p1Analyst.post<SurveyDetail>(surveys(id), { name: 'other', documentId, codebook: survey.codebook })).body.id;
    const borrowed = await as.owner.get(
      `${surveys(id)}/${other}/frequencies?question=${encodeURIComponent(K.age)}&weighting=${weighting.body.id}`,
    );
    expect(errorOf(borrowed).reason).toBe('bad_targets');
    const detail = await as.owner.get<SurveyDetail>(`${surveys(id)}/${sid}`);
    expect(detail.body.weightings.map((w) => w.id)).toEqual([weighting.body.id]);
    expect(detail.body.canEdit).toBe(false);

    // Targets that do not add up, name unknown questions, or leave a category out: every problem listed.
    const bad = await as.p1Analyst.post(`${surveys(id)}/${sid}/weightings`, {
      name: 'bad',
      targets: { [K.age]: { '1': 0.5, '2': 0.2 }, 存在しない: { '1': 1 } },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).reason).toBe('bad_targets');
  });

  it('exports a weighted PDF report and the weighted data as CSV, to the client too, and audits each export', async () => {
    const { k, as, id, documentId } = await imported();
    const sid = (await as.p1Analyst.post<SurveyDetail>(surveys(id), { name: '購買意向調査', documentId, codebook: survey.codebook })).body
      .id;
    const weighting = (
      await as.p1Analyst.post<WeightingView>(`${surveys(id)}/${sid}/weightings`, { name: '人口構成', targets: demoWeightingTargets })
    ).body;
    const data = buildDataset({ header: survey.header, rows: survey.rows }, codebook);
    const expectedWeights = rake(
      Object.keys(demoWeightingTargets).map((key) => data.variables.get(key) as SingleVariable),
      demoWeightingTargets,
      { trim: raking.trim, maxIterations: raking.maxIterations.default },
    ).weights;

    // The PDF: the client (the data's owner) downloads it; its tables are the API's crosstab.
    const query = `banners=${encodeURIComponent(K.age)}&stubs=${encodeURIComponent(`${K.method},${K.nps}`)}&weighting=${weighting.id}`;
    const pdf = await as.owner.raw('GET', `${surveys(id)}/${sid}/deck.pdf?${query}`);
    expect(pdf.status, await pdf.clone().text()).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('.pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const text = pdftotext(bytes);
    const flat = text.replace(/\s+/g, '');
    const ct = await as.owner.get<CrosstabReply & { table: { colPercents: (number | null)[][]; colBasesUnweighted: number[] } }>(
      `${surveys(id)}/${sid}/crosstab?stub=${encodeURIComponent(K.method)}&banner=${encodeURIComponent(K.age)}&weighting=${weighting.id}`,
    );
    expect(text).toContain('クロス集計レポート');
    expect(text).toContain('人口構成');
    expect(flat).toContain((codebook.questions.find((q) => q.key === K.method)?.text ?? '').replace(/\s+/g, ''));
    for (const n of ct.body.table.colBasesUnweighted) expect(text).toContain(String(n));
    for (const [i, cells] of ct.body.table.columnTests.cells.entries())
      for (const [j, letters] of cells.entries())
        expect(flat).toContain(`${formatPercent(ct.body.table.colPercents[i]?.[j] ?? null)}${letters}`);
    expect(text).toContain('NPS');
    const en = pdftotext(
      new Uint8Array(await (await as.owner.raw('GET', `${surveys(id)}/${sid}/deck.pdf?${query}&language=en`)).arrayBuffer()),
    );
    expect(en).toContain('Crosstab report');

    // The CSV: UTF-8 with a BOM, the codebook's columns and the weighting's weights.
    const csv = await as.owner.raw('GET', `${surveys(id)}/${sid}/data.csv?weighting=${weighting.id}`);
    expect(csv.status, await csv.clone().text()).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const utf8 = new Uint8Array(await csv.arrayBuffer());
    expect([...utf8.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = readSurveyCsv(utf8);
    const columns = [...new Set(codebook.questions.flatMap((q) => q.columns))];
    expect(back.header).toEqual([...columns, 'weight']);
    expect(back.rows).toHaveLength(RESPONDENTS);
    const w = back.rows.map((r) => Number(r.at(-1)));
    w.forEach((x, r) => {
      expect(x).toBe(expectedWeights[r]);
    });
    const sum = w.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(
      expectedWeights.reduce((a, b) => a + b, 0),
      9,
    );
    // The respondents' answers are the file's, column by column.
    const ageCol = survey.header.indexOf(codebook.questions.find((q) => q.key === K.age)?.columns[0] ?? '');
    expect(back.rows.map((r) => r[back.header.indexOf(survey.header[ageCol] ?? '')])).toEqual(survey.rows.map((r) => r[ageCol]));
    // The weighted age shares are the targets.
    const ageIndex = back.header.indexOf(survey.header[ageCol] ?? '');
    for (const [code, share] of Object.entries(demoWeightingTargets[K.age] ?? {})) {
      const part = back.rows.reduce((a, r, i) => (r[ageIndex] === code ? a + (w[i] ?? 0) : a), 0);
      expect(part / sum).toBeCloseTo(share, 4);
    }

    // Shift_JIS on request; unweighted means a weight of 1 each.
    const sj = await as.p1Analyst.raw('GET', `${surveys(id)}/${sid}/data.csv?encoding=shift_jis`);
    expect(sj.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    const sjRead = readSurveyCsv(new Uint8Array(await sj.arrayBuffer()));
    expect(sjRead.encoding).toBe('shift_jis');
    expect(sjRead.header).toEqual([...columns, 'weight']);
    expect(new Set(sjRead.rows.map((r) => r.at(-1)))).toEqual(new Set(['1']));
    expect(sjRead.rows.map((r) => r[0])).toEqual(survey.rows.map((r) => r[survey.header.indexOf(columns[0] ?? '')]));

    // The bidder that lost the award gets neither.
    expect(errorOf(await as.p2Manager.get(`${surveys(id)}/${sid}/data.csv`)).code).toBe('forbidden');
    expect(errorOf(await as.p2Manager.get(`${surveys(id)}/${sid}/deck.pdf?banners=${encodeURIComponent(K.age)}`)).code).toBe('forbidden');

    const audit = await k.rt.store.read.audit.query({ type: 'survey.exported', limit: 10 });
    const formats = audit.filter((e) => e.resourceId === sid).map((e) => e.data as { format: string; weighting: string | null });
    expect(formats.filter((f) => f.format === 'pdf')).toHaveLength(2);
    expect(
      formats
        .filter((f) => f.format === 'csv')
        .map((f) => f.weighting)
        .sort(),
    ).toEqual([weighting.id, null].sort());
  });

  it('hands out row-level data only to someone the vault lets download the response file', async () => {
    const k = kit();
    const { id, as } = await engagementInProgress(k);
    // The client uploads its own customer survey and lets the provider's team view it, not download it.
    const file = await as.owner.upload<DocumentView>(
      `${docs(id)}?name=${encodeURIComponent('顧客調査.csv')}&classification=confidential`,
      sjis,
    );
    expect(file.status, JSON.stringify(file.body)).toBe(201);
    const granted = await as.owner.post(`${docs(id)}/${file.body.id}/grants`, { grantee: { kind: 'team' }, access: 'view', days: 7 });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    const created = await as.p1Analyst.post<SurveyDetail>(surveys(id), { name: '顧客調査', documentId: file.body.id, codebook });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sid = created.body.id;
    // The analyst computes tables from it …
    expect((await as.p1Analyst.get(`${surveys(id)}/${sid}/crosstab?stub=${K.nps}&banner=${K.gender}`)).status).toBe(200);
    // … but the rows leave kpo only through someone who may download the file: the client.
    const refused = errorOf(await as.p1Analyst.get(`${surveys(id)}/${sid}/data.csv`));
    expect(refused).toMatchObject({ code: 'forbidden', reason: 'response_file_not_downloadable' });
    expect((await as.owner.raw('GET', `${surveys(id)}/${sid}/data.csv`)).status).toBe(200);
    // Only the export that happened is in the audit log.
    const audit = await k.rt.store.read.audit.query({ type: 'survey.exported', limit: 10 });
    expect(audit.filter((e) => e.resourceId === sid)).toHaveLength(1);
  });

  it('names what does not fit the codebook by line and column, refuses a stale version, and stores nothing on refusal', async () => {
    const { k, as, id, documentId } = await imported();
    const wrong = structuredClone(survey.codebook);
    const q7 = wrong.questions.find((q) => q.key === K.method);
    if (!q7?.values) throw new Error('the demo codebook has the method question');
    q7.values = q7.values.slice(0, 2);
    q7.missing = [];
    const refused = await as.p1Analyst.post(surveys(id), { name: 'x', documentId, codebook: wrong });
    expect(refused.status).toBe(400);
    const body = errorOf(refused);
    expect(body.reason).toBe('codebook_mismatch');
    expect(body.issues?.[0]).toMatchObject({ code: 'code_outside_codebook', params: { column: K.method } });
    expect(typeof body.issues?.[0]?.params?.line).toBe('number');
    expect(await k.rt.database.db.selectFrom('survey_datasets').selectAll().where('engagement_id', '=', id).execute()).toHaveLength(0);

    const sid = (await as.p1Analyst.post<SurveyDetail>(surveys(id), { name: 'v', documentId, codebook: survey.codebook })).body.id;
    const relabelled = structuredClone(survey.codebook);
    const gender = relabelled.questions.find((q) => q.key === K.gender);
    if (gender?.values?.[0]) gender.values[0].label = 'Male';
    const v2 = await as.p1Analyst.post<SurveyDetail>(`${surveys(id)}/${sid}/versions`, {
      baseVersion: 1,
      codebook: relabelled,
      note: '英語ラベル',
    });
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body.latestVersion).toBe(2);
    expect(v2.body.version.codebook.questions.find((q) => q.key === K.gender)?.values[0]?.label).toBe('Male');
    const stale = await as.p1Analyst.post(`${surveys(id)}/${sid}/versions`, { baseVersion: 1, codebook: relabelled });
    expect(errorOf(stale).reason).toBe('version_conflict');
    // The first version is still there, as it was.
    const v1 = await as.owner.get<SurveyDetail>(`${surveys(id)}/${sid}?version=1`);
    expect(v1.body.version.codebook.questions.find((q) => q.key === K.gender)?.values[0]?.label).toBe('男性');

    const unknown = await as.owner.get(`${surveys(id)}/${sid}/crosstab?stub=nope&banner=${encodeURIComponent(K.age)}`);
    expect(errorOf(unknown).reason).toBe('unknown_variable');
    const numericBanner = await as.owner.get(
      `${surveys(id)}/${sid}/crosstab?stub=${encodeURIComponent(K.age)}&banner=${encodeURIComponent(K.willingnessToPay)}`,
    );
    expect(errorOf(numericBanner).reason).toBe('not_categorical');
  });

  it('keeps survey data to market-research engagements', async () => {
    const k = kit();
    const { as, id } = await engagementInProgress(k, { type: 'patent_research' });
    const file = await as.p1Analyst.upload<DocumentView>(`${docs(id)}?name=a.csv&classification=internal`, 'a,b\n1,2\n');
    const r = await as.p1Analyst.post(`${surveys(id)}/preview`, { documentId: file.body.id });
    expect(errorOf(r).reason).toBe('not_market_research');
  });
});
