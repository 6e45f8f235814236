import { describe, expect, it } from 'vitest';
import type { DeliverableFinding } from '../../../shared/contracts/deliverables.js';
import { deliverableContentSchema } from '../../../shared/contracts/deliverables.js';
import { demoFtoReport, demoPatentEvidence, type PatentResearchContent } from './patent-research.fixture.js';
import { patentResearchChecks } from './patent-research.js';
import { type CheckContext, runChecks } from './registry.js';

const ctx: CheckContext = { requiredSections: [], glossary: [], documents: [], model: null, patents: demoPatentEvidence };
const run = (content: PatentResearchContent, over: Partial<CheckContext> = {}) =>
  runChecks(content, { ...ctx, ...over }, patentResearchChecks);
const byCode = (findings: readonly DeliverableFinding[], code: string) => findings.filter((f) => f.code === code);
const statuses = (findings: readonly DeliverableFinding[], code: string) => byCode(findings, code).map((f) => [f.status, f.message.key]);

describe('the checks of a patent search report', () => {
  it('pass on the demo FTO report: steps, codes, citations, living rights, charted elements', () => {
    const report = run(demoFtoReport());
    expect(report.findings.map((f) => [f.code, f.status, f.message.key])).toEqual([
      ['patent.search_steps', 'pass', 'searchStepsPass'],
      ['patent.classification', 'pass', 'classificationPass'],
      ['patent.citations_resolve', 'pass', 'citationsResolvePass'],
      ['patent.rights_alive', 'pass', 'rightsAlivePass'],
      ['patent.elements_mapped', 'pass', 'elementsMappedPass'],
    ]);
    expect(report.status).toBe('pass');
    expect(byCode(report.findings, 'patent.citations_resolve')[0]?.message.params).toEqual({ count: 4 });
  });

  it('fails missing formulas and hit counts and malformed classification codes, each located', () => {
    const c = demoFtoReport();
    c.steps[0] = { ...c.steps[0], formula: ' ', hits: null } as PatentResearchContent['steps'][number];
    c.steps[1] = { ...c.steps[1], classification: ['A61B 5/021', 'A6'] } as PatentResearchContent['steps'][number];
    const found = run(c).findings;
    expect(byCode(found, 'patent.search_steps').map((f) => [f.message.key, f.location.path])).toEqual([
      ['stepFormulaMissing', ['steps', 0, 'formula']],
      ['stepHitsMissing', ['steps', 0, 'hits']],
    ]);
    expect(byCode(found, 'patent.classification').map((f) => [f.status, f.message.params, f.location.path])).toEqual([
      ['fail', { code: 'A6' }, ['steps', 1, 'classification', 1]],
    ]);
    expect(statuses(run({ ...c, steps: [] }).findings, 'patent.search_steps')).toEqual([['fail', 'stepsNone']]);
  });

  it('fails a citation the corpora do not hold, and says when they cannot be looked up', () => {
    const c = demoFtoReport();
    c.results[1] = { ...c.results[1], number: 'EP9999999B1' } as PatentResearchContent['results'][number];
    const found = byCode(run(c).findings, 'patent.citations_resolve');
    expect(found.map((f) => [f.status, f.message.params, f.location.path])).toEqual([
      ['fail', { number: 'EP9999999B1' }, ['results', 1, 'number']],
    ]);
    expect(statuses(run(c, { patents: null }).findings, 'patent.citations_resolve')).toEqual([['fail', 'patentsUnavailable']]);
  });

  it('FTO: fails a right that is not alive or expires before the report date, by the corpus’s status over the report’s', () => {
    const c = demoFtoReport();
    // The report calls the expired US6821254B1 alive: the corpus knows better.
    c.results.push({
      ...c.results[0],
      number: 'US6821254B1',
      legalStatus: 'alive',
      expectedExpiry: '2030-01-01',
    } as PatentResearchContent['results'][number]);
    expect(statuses(run(c).findings, 'patent.rights_alive')).toEqual([['fail', 'rightNotAlive']]);
    const late = { ...demoFtoReport(), reportDate: '2038-01-01' };
    expect(byCode(run(late).findings, 'patent.rights_alive').map((f) => [f.message.key, f.message.params.number])).toEqual([
      ['rightExpired', 'EP3456789B1'],
    ]);
    const unknown = demoFtoReport();
    unknown.results[2] = { ...unknown.results[2], expectedExpiry: null } as PatentResearchContent['results'][number];
    expect(statuses(run(unknown, { patents: new Map() }).findings, 'patent.rights_alive')).toEqual([['warn', 'rightStatusMissing']]);
  });

  it('invalidity: fails art published on or after the target’s priority date, and a report without one', () => {
    const base = demoFtoReport();
    const invalidity: PatentResearchContent = {
      ...base,
      kind: 'invalidity',
      subject: { invention: null, patent: 'JP7158342B2', priorityDate: null },
      results: [
        { ...base.results[0], number: 'JP2017086742A', publicationDate: '2017-05-25' },
        { ...base.results[0], number: 'US20240325121A1', publicationDate: '2024-10-03' },
      ] as PatentResearchContent['results'],
    };
    // The priority date comes from the corpus when the report names only the target.
    const found = byCode(run(invalidity).findings, 'patent.prior_date');
    expect(found.map((f) => [f.status, f.message.params])).toEqual([
      ['fail', { number: 'US20240325121A1', published: '2024-10-03', priority: '2018-09-05' }],
    ]);
    expect(statuses(run(invalidity, { patents: new Map() }).findings, 'patent.prior_date')).toEqual([['fail', 'priorityDateMissing']]);
    // FTO's own check does not run on an invalidity report.
    expect(byCode(run(invalidity).findings, 'patent.rights_alive')).toEqual([]);
  });

  it('maps every element of every independent claim: a missing cell fails, an undecided one warns, no chart fails an FTO', () => {
    const c = demoFtoReport();
    const chart = c.charts[0];
    if (!chart) throw new Error('no chart');
    const undecided = { ...c, charts: [{ ...chart, cells: chart.cells.map((x, i) => (i === 0 ? { ...x, judgement: null } : x)) }] };
    expect(statuses(run(undecided).findings, 'patent.elements_mapped')).toEqual([['warn', 'elementUndecided']]);
    const missing = { ...c, charts: [{ ...chart, cells: chart.cells.slice(1) }] };
    expect(byCode(run(missing).findings, 'patent.elements_mapped').map((f) => [f.status, f.message.params.element])).toEqual([
      ['fail', 'A'],
    ]);
    expect(statuses(run({ ...c, charts: [] }).findings, 'patent.elements_mapped')).toEqual([['fail', 'chartsNone']]);
    expect(statuses(run({ ...c, kind: 'prior_art', charts: [] }).findings, 'patent.elements_mapped')).toEqual([['warn', 'chartsNone']]);
  });

  it('the content schema refuses a bad category, country or number with every issue', () => {
    const bad = { ...demoFtoReport(), results: [{ ...demoFtoReport().results[0], category: 'Z', country: 'Japan', number: '7158342' }] };
    const parsed = deliverableContentSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'results.0.category',
      'results.0.country',
      'results.0.number',
    ]);
  });
});
