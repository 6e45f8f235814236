import { describe, expect, it } from 'vitest';
import { demoPatentEvidence } from '../../core/deliverables/checks/patent-research.fixture.js';
import { patentResearchChecks } from '../../core/deliverables/checks/patent-research.js';
import { runChecks } from '../../core/deliverables/checks/registry.js';
import { goldCaught } from '../../core/deliverables/gold.js';
import { DEMO_FTO_SEARCH_STEPS, demoFtoOpinion } from './patent-report.js';

describe('the demo FTO report', () => {
  it('passes every patent check on the demo corpus, the same every time', async () => {
    const content = await demoFtoOpinion();
    if (content.type !== 'patent_research') throw new Error('not a patent report');
    const report = runChecks(
      content,
      { requiredSections: [], glossary: [], documents: [], model: null, patents: demoPatentEvidence },
      patentResearchChecks,
    );
    expect(report.findings.map((f) => [f.code, f.status])).toEqual([
      ['patent.search_steps', 'pass'],
      ['patent.classification', 'pass'],
      ['patent.citations_resolve', 'pass'],
      ['patent.rights_alive', 'pass'],
      ['patent.elements_mapped', 'pass'],
    ]);
    expect(await demoFtoOpinion()).toEqual(content);
  });

  it('keeps the saved search’s steps with their counts, the key right first, and a chart decided cell by cell', async () => {
    const content = await demoFtoOpinion();
    if (content.type !== 'patent_research') throw new Error('not a patent report');
    expect(content.steps.map((s) => s.formula)).toEqual(DEMO_FTO_SEARCH_STEPS.map((s) => s.query));
    const [s1, s2, s3, s4, s5] = content.steps.map((s) => s.hits ?? -1) as [number, number, number, number, number];
    // S3 = S1 OR S2 and S5 = S3 AND S4, counted on the corpus.
    expect(s3).toBeGreaterThanOrEqual(Math.max(s1, s2));
    expect(s3).toBeLessThanOrEqual(s1 + s2);
    expect(s5).toBeLessThanOrEqual(Math.min(s3, s4));
    expect(s5).toBeGreaterThan(0);
    expect(content.results[0]).toMatchObject({ number: 'JP7158342B2', category: 'X', legalStatus: 'alive' });
    const [chart] = content.charts;
    expect(chart?.claim).toMatchObject({ patent: 'JP7158342B2', number: 1, independent: true });
    expect(chart?.documents.map((d) => d.number)).toEqual(['US6821254B1', 'JP2017086742A']);
    expect(chart?.cells).toHaveLength((chart?.elements.length ?? 0) * 2);
    expect(chart?.cells.every((c) => c.judgement !== null && c.passage !== null)).toBe(true);
    // The analyst overrules the lexical suggestion where the words differ (an English document).
    expect(chart?.cells.some((c) => c.judgement !== c.suggestion.judgement)).toBe(true);
  });

  it('names the client’s planted known answer, so the demo gold check is caught', async () => {
    const content = await demoFtoOpinion();
    expect(goldCaught({ terms: ['特許第7158342号', 'JP7158342', 'JP7158342B2'], documentId: null }, content)).toBe(true);
  });
});
