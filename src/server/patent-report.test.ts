import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { demoFtoReport } from '../core/deliverables/checks/patent-research.fixture.js';
import { preparePatent } from '../core/workbenches/patent-search/search.js';
import { demoFtoCorpus } from '../infra/demo/patents.js';
import { createPatentIndexStore } from '../infra/patents/index-store.js';
import type { DeliverableCheckReport, DeliverableDetail, GoldItemView } from '../shared/contracts/deliverables.js';
import type { MilestoneView } from '../shared/contracts/engagements.js';
import { describeEachDatabase } from '../testing/db.js';
import { engagementInProgress } from '../testing/engagements.js';
import { errorOf } from '../testing/http.js';
import { useTestKit } from '../testing/runtime.js';

const hasPdftotext = (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, 'pdftotext')));

function pdftotext(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpo-ip-report-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeEachDatabase('a patent search report as a deliverable', (backend) => {
  const kit = useTestKit(backend);

  async function setup() {
    const k = kit();
    const e = await engagementInProgress(k, { type: 'patent_research' });
    // The report's corpus ("fto") is a platform corpus the checks look the citations up in.
    const store = createPatentIndexStore(k.rt.database.db);
    const corpus = await store.corpus('fto', null, null, k.rt.clock.now());
    const prepared = demoFtoCorpus().map((r, i) => preparePatent(r, `sha-${i}`));
    await k.rt.database.db.transaction().execute((tx) => store.importBatch(tx, corpus.id, prepared, k.rt.clock.now()));
    const milestoneId = (await e.as.owner.get<MilestoneView[]>(`/api/engagements/${e.id}/milestones`)).body[0]?.id ?? '';
    const made = async (type: string) => {
      const d = await e.as.p1Manager.post<DeliverableDetail>(`/api/engagements/${e.id}/deliverables`, {
        milestoneId,
        title: type === 'patent_research' ? '侵害予防調査報告書' : 'Memo',
        type,
      });
      expect(d.status, JSON.stringify(d.body)).toBe(201);
      return d.body.id;
    };
    return { ...e, did: await made('patent_research'), other: await made('report') };
  }

  it('checks the report against the corpus, stores the version, and exports it as PDF (ja, en) and XLSX', async () => {
    const { as, id, did } = await setup();
    const base = `/api/engagements/${id}/deliverables/${did}`;

    // A result the corpus holds as expired, called alive by the report: the corpus's status wins.
    const wrong = demoFtoReport();
    wrong.results.push({ ...wrong.results[0], number: 'US6821254B1' } as (typeof wrong.results)[number]);
    const check = await as.p1Manager.post<DeliverableCheckReport>(`${base}/check`, { content: wrong });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    const by = (r: DeliverableCheckReport, code: string) =>
      r.findings.filter((f) => f.code === code).map((f) => `${f.status} ${f.message.key}`);
    expect(by(check.body, 'patent.rights_alive')).toEqual(['fail rightNotAlive']);
    expect(by(check.body, 'patent.citations_resolve')).toEqual(['pass citationsResolvePass']);

    const submitted = await as.p1Manager.post<DeliverableDetail>(`${base}/versions`, { content: demoFtoReport(), note: '初版' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const stored = submitted.body.versions.at(-1);
    expect(stored?.content.type).toBe('patent_research');
    for (const code of [
      'patent.search_steps',
      'patent.classification',
      'patent.citations_resolve',
      'patent.rights_alive',
      'patent.elements_mapped',
    ])
      expect(stored?.checks.findings.filter((f) => f.code === code).map((f) => f.status)).toEqual(['pass']);

    // The client reads the same report.
    const read = await as.owner.get<DeliverableDetail>(base);
    expect(read.body.versions.at(-1)?.checks).toEqual(stored?.checks);

    // The client's planted known answers: a report that names a patent only among its ranked results has found it.
    const gold = `/api/engagements/${id}/gold`;
    const ranked = await as.owner.post<GoldItemView>(gold, { kind: 'reference', label: '欧州の先行特許', terms: ['EP 3456789 B1'] });
    expect(ranked.status, JSON.stringify(ranked.body)).toBe(201);
    expect(ranked.body).toMatchObject({ outcome: 'caught', results: [{ deliverableId: did, version: 1, hit: true }] });
    const absent = await as.owner.post<GoldItemView>(gold, { kind: 'reference', label: '未発見の特許', terms: ['US 9,988,776 B2'] });
    expect(absent.body.outcome).toBe('missed');

    const pdf = await as.owner.raw('GET', `${base}/versions/1/patent-report.pdf`);
    expect(pdf.status, await pdf.clone().text()).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    if (hasPdftotext) {
      const text = pdftotext(bytes);
      expect(text).toContain('侵害予防調査（FTO）報告書');
      expect(text).toContain('弁理士');
      expect(
        pdftotext(new Uint8Array(await (await as.owner.raw('GET', `${base}/versions/1/patent-report.pdf?lang=en`)).arrayBuffer())),
      ).toContain('Freedom-to-Operate Search Report');
    }
    const xlsx = await as.owner.raw('GET', `${base}/versions/1/patent-report.xlsx`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['検索式', '調査結果', '対比表1']);

    // Every export is audited, naming the version it carried out.
    const exported = await kit().rt.store.read.audit.query({ type: 'deliverable.exported', resourceId: `${did}:1`, limit: 10 });
    expect(new Set(exported.map((ev) => (ev.data as { format: string }).format))).toEqual(new Set(['pdf', 'xlsx']));
    expect(exported.every((ev) => ev.resourceType === 'deliverable_version' && ev.actorUserId === as.owner.session?.user.id)).toBe(true);
  });

  it('refuses what is not a patent report, a version that is not there, and a malformed report, each with its reason', async () => {
    const { as, id, did, other } = await setup();
    const memo = await as.p1Manager.post(`/api/engagements/${id}/deliverables/${other}/versions`, {
      content: { type: 'report', sections: [], references: [] },
    });
    expect(memo.status, JSON.stringify(memo.body)).toBe(201);
    const notReport = await as.owner.get(`/api/engagements/${id}/deliverables/${other}/versions/1/patent-report.pdf`);
    expect(notReport.status).toBe(400);
    expect(errorOf(notReport).reason).toBe('not_patent_report');
    const missing = await as.owner.get(`/api/engagements/${id}/deliverables/${did}/versions/9/patent-report.xlsx`);
    expect(missing.status).toBe(404);
    expect(errorOf(missing).reason).toBe('deliverable_version_not_found');
    const badLang = await as.owner.get(`/api/engagements/${id}/deliverables/${did}/versions/1/patent-report.pdf?lang=fr`);
    expect(badLang.status).toBe(400);

    const bad = { ...demoFtoReport(), kind: 'opinion', results: [{ ...demoFtoReport().results[0], category: 'Z' }] };
    const refused = await as.p1Manager.post(`/api/engagements/${id}/deliverables/${did}/versions`, { content: bad });
    expect(refused.status).toBe(400);
    expect(
      errorOf(refused)
        .issues?.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['content.kind', 'content.results.0.category']);
    expect((await as.owner.get<DeliverableDetail>(`/api/engagements/${id}/deliverables/${did}`)).body.versions).toEqual([]);
  });
});
