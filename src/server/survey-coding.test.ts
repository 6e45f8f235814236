import { expect, it } from 'vitest';
import type { CodeframeDetail, CodeframeSummary } from '../shared/contracts/coding-api.js';
import type { DocumentView } from '../shared/contracts/documents.js';
import type { SurveyDetail } from '../shared/contracts/market-research-api.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

/** Real Japanese complaints: inflected forms of one word must meet under one code through kuromoji's base forms. */
const answers = [
  '入力が面倒',
  '入力が面倒くさい',
  '毎回の入力が面倒くさかった',
  '料金が高い',
  '値段が高すぎる',
  '特になし',
  '',
  'サポートの対応が遅かった',
  'The price is too high',
];
const csv = `id,年代,不満\n${answers.map((a, i) => `${i + 1},${i % 2 === 0 ? '20代' : '30代'},${a}`).join('\n')}\n`;
const codebook = {
  questions: [
    {
      key: '年代',
      type: 'single',
      columns: ['年代'],
      values: [
        { value: '20代', label: '20代' },
        { value: '30代', label: '30代' },
      ],
    },
    { key: '不満', text: '不満な点を自由にお書きください', type: 'open', columns: ['不満'] },
  ],
};
const codes = [
  { key: 'effort', label: '入力の手間', keywords: ['面倒くさい', '面倒'] },
  { key: 'price', label: '価格', keywords: ['高い', 'price'] },
];

describeEachDatabase('open-answer coding through the API', (backend) => {
  const kit = useTestKit(backend);

  async function withSurvey() {
    const k = kit();
    const e = await engagementInProgress(k);
    const file = await e.as.p1Analyst.upload<DocumentView>(
      `/api/engagements/${e.id}/documents?name=${encodeURIComponent('自由回答.csv')}&classification=confidential`,
      new TextEncoder().encode(csv),
    );
    expect(file.status, JSON.stringify(file.body)).toBe(201);
    const created = await e.as.p1Analyst.post<SurveyDetail>(`/api/engagements/${e.id}/surveys`, {
      name: '不満調査',
      documentId: file.body.id,
      codebook,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const frames = `/api/engagements/${e.id}/surveys/${created.body.id}/codeframes`;
    return { k, ...e, surveyId: created.body.id, frames };
  }

  it('codes Japanese and English answers by base form, counts over the answering respondents, quotes, uncoded; the client reads', async () => {
    const { as, frames, k, id } = await withSurvey();
    const made = await as.p1Analyst.post<CodeframeDetail>(frames, { question: '不満', codes });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const r = made.body.results;
    // 9 respondents, one blank and one 特になし (answered, uncoded): the base is 8.
    expect(r.respondents).toBe(9);
    expect(r.answered).toBe(8);
    const effort = r.codes.find((c) => c.key === 'effort');
    expect(effort?.count).toBe(3);
    expect(effort?.share).toBeCloseTo(3 / 8, 10);
    expect(effort?.examples.map((q) => q.text)).toEqual(['入力が面倒', '入力が面倒くさい', '毎回の入力が面倒くさかった']);
    const price = r.codes.find((c) => c.key === 'price');
    expect(price?.examples.map((q) => q.text)).toEqual(['料金が高い', '値段が高すぎる', 'The price is too high']);
    expect(r.uncoded.count).toBe(2);
    expect(r.uncoded.answers.map((a) => a.text)).toEqual(['特になし', 'サポートの対応が遅かった']);
    expect(made.body).toMatchObject({ version: 1, canEdit: true, questionLabel: expect.any(String) });

    // The client reads the same numbers and quotes, and may not edit.
    const read = await as.owner.get<CodeframeDetail>(`${frames}/${made.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.results).toEqual(r);
    expect(read.body.canEdit).toBe(false);
    const list = await as.owner.get<CodeframeSummary[]>(frames);
    expect(list.body).toMatchObject([{ id: made.body.id, question: '不満', version: 1, codes: 2 }]);
    expect(errorOf(await as.owner.post(frames, { question: '不満', codes })).code).toBe('forbidden');
    // The losing bidder sees nothing.
    expect((await as.p2Manager.get(`${frames}/${made.body.id}`)).status).toBeGreaterThanOrEqual(403);

    const events = await k.rt.database.db
      .selectFrom('audit_events')
      .select(['type', 'resource_id'])
      .where('type', '=', 'survey.codeframe_saved')
      .execute();
    expect(events).toEqual([{ type: 'survey.codeframe_saved', resource_id: made.body.id }]);
    void id;
  });

  it('saves new codes on the version it read (a stale baseVersion is a conflict) and keeps manual overrides', async () => {
    const { as, frames } = await withSurvey();
    const made = await as.p1Analyst.post<CodeframeDetail>(frames, { question: '不満', codes });
    const url = `${frames}/${made.body.id}`;
    const support = [...codes, { key: 'support', label: 'サポート', keywords: ['サポート', '遅い'] }];
    const v2 = await as.p1Analyst.post<CodeframeDetail>(`${url}/versions`, { baseVersion: 1, codes: support });
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body.version).toBe(2);
    expect(v2.body.results.codes.find((c) => c.key === 'support')?.count).toBe(1);
    expect(v2.body.results.uncoded.count).toBe(1);
    const stale = await as.p1Analyst.post(`${url}/versions`, { baseVersion: 1, codes });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).reason).toBe('version_conflict');

    // 特になし (respondent 5) coded by hand as support; the code of 料金が高い (3) taken away.
    const o1 = await as.p1Analyst.post<CodeframeDetail>(`${url}/overrides`, { respondent: 5, codes: ['support'] });
    expect(o1.status, JSON.stringify(o1.body)).toBe(200);
    const o2 = await as.p1Analyst.post<CodeframeDetail>(`${url}/overrides`, { respondent: 3, codes: [] });
    const res = o2.body.results;
    expect(res.codes.find((c) => c.key === 'support')?.count).toBe(2);
    expect(res.codes.find((c) => c.key === 'price')?.count).toBe(2);
    expect(res.uncoded.answers.map((a) => a.text)).toEqual(['料金が高い']);
    expect(res.overrides).toEqual([
      { respondent: 3, codes: [], text: '料金が高い' },
      { respondent: 5, codes: ['support'], text: '特になし' },
    ]);
    // Kept across a new version of the codes.
    const v3 = await as.p1Analyst.post<CodeframeDetail>(`${url}/versions`, { baseVersion: 2, codes: support });
    expect(v3.body.results.codes.find((c) => c.key === 'support')?.count).toBe(2);
    // Older versions remain readable.
    expect((await as.owner.get<CodeframeDetail>(`${url}?version=1`)).body.codes).toHaveLength(2);
  });

  it('refuses bad codes and overrides with every problem listed', async () => {
    const { as, frames } = await withSurvey();
    const unknown = await as.p1Analyst.post(frames, { question: '存在しない', codes });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).reason).toBe('unknown_variable');
    const notOpen = await as.p1Analyst.post(frames, { question: '年代', codes });
    expect(notOpen.status).toBe(400);
    const dup = await as.p1Analyst.post(frames, { question: '不満', codes: [codes[0], { ...codes[1], key: 'effort' }] });
    expect(dup.status).toBe(400);
    expect(errorOf(dup).issues?.map((i) => i.code)).toContain('duplicate_key');
    const made = await as.p1Analyst.post<CodeframeDetail>(frames, { question: '不満', codes });
    const bad = await as.p1Analyst.post(`${frames}/${made.body.id}/overrides`, { respondent: 6, codes: ['nope'] });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues?.map((i) => i.path.join('.'))).toEqual(['respondent', 'codes.0']);
    expect((await as.owner.post(`${frames}/${made.body.id}/overrides`, { respondent: 0, codes: [] })).status).toBe(403);
  });
});
