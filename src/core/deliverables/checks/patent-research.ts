import type { DeliverableContent } from '../../../shared/contracts/deliverables.js';
import type { LegalStatus } from '../../../shared/contracts/patents.js';
import { classificationFilterKey } from '../../workbenches/patent-search/search.js';
import { type CheckOutcome, outcome } from './outcome.js';
import type { DeliverableCheck } from './registry.js';

/**
 * The checks of a patent search report (issue #12, point 5), pure over its content and what the
 * corpora say about the documents it cites (ctx.patents, looked up by the service). Where the
 * corpus knows a date or a legal status, the corpus's value is the one checked: a report cannot
 * make a right alive by saying so.
 */
export interface PatentEvidence {
  readonly number: string;
  readonly publicationDate: string;
  readonly priorityDate: string | null;
  readonly legalStatus: LegalStatus | null;
  readonly expectedExpiry: string | null;
}

type PatentResearchContent = Extract<DeliverableContent, { type: 'patent_research' }>;
const asPatentResearch = (content: DeliverableContent): PatentResearchContent | null =>
  content.type === 'patent_research' ? content : null;

/** Every element of every independent claim charted against every document, and decided by the analyst. */
export const elementsMappedCheck: DeliverableCheck = {
  code: 'patent.elements_mapped',
  appliesTo: ['patent_research'],
  run(content) {
    const c = asPatentResearch(content);
    if (!c) return [];
    const independent = c.charts.map((chart, index) => ({ chart, index })).filter(({ chart }) => chart.claim.independent);
    if (independent.length === 0)
      return [
        outcome(c.kind === 'prior_art' ? 'warn' : 'fail', 'patent.elements_mapped', 'chartsNone', { kind: c.kind }, { path: ['charts'] }),
      ];
    const found: CheckOutcome[] = [];
    let elements = 0;
    for (const { chart, index } of independent) {
      const claim = chart.claim.patent ? `${chart.claim.patent} ${chart.claim.number ?? ''}`.trim() : chart.key;
      if (chart.documents.length === 0)
        found.push(
          outcome('fail', 'patent.elements_mapped', 'chartNoDocuments', { chart: claim }, { path: ['charts', index, 'documents'] }),
        );
      chart.elements.forEach((element, e) => {
        elements++;
        for (const document of chart.documents) {
          const cell = chart.cells.find((x) => x.element === element.label && x.document === document.number);
          if (!cell)
            found.push(
              outcome(
                'fail',
                'patent.elements_mapped',
                'elementUnmapped',
                { chart: claim, element: element.label, document: document.number },
                { path: ['charts', index, 'elements', e] },
              ),
            );
          else if (cell.judgement === null)
            found.push(
              outcome(
                'warn',
                'patent.elements_mapped',
                'elementUndecided',
                { chart: claim, element: element.label, document: document.number, suggestion: cell.suggestion.judgement },
                { path: ['charts', index, 'cells', chart.cells.indexOf(cell)] },
              ),
            );
        }
      });
    }
    if (found.length === 0)
      found.push(
        outcome('pass', 'patent.elements_mapped', 'elementsMappedPass', { charts: independent.length, elements }, { path: ['charts'] }),
      );
    return found;
  },
};

/** Every result and every charted document is a document of the corpora searched. */
export const citationsResolveCheck: DeliverableCheck = {
  code: 'patent.citations_resolve',
  appliesTo: ['patent_research'],
  run(content, ctx) {
    const c = asPatentResearch(content);
    if (!c) return [];
    if (!ctx.patents) return [outcome('fail', 'patent.citations_resolve', 'patentsUnavailable', {}, { path: ['scope', 'corpora'] })];
    const known = ctx.patents;
    const found: CheckOutcome[] = [];
    const cited: { number: string; path: (string | number)[] }[] = [
      ...c.results.map((r, i) => ({ number: r.number, path: ['results', i, 'number'] })),
      ...c.charts.flatMap((chart, i) => chart.documents.map((d, j) => ({ number: d.number, path: ['charts', i, 'documents', j] }))),
      ...(c.subject.patent ? [{ number: c.subject.patent, path: ['subject', 'patent'] }] : []),
    ];
    for (const { number, path } of cited)
      if (!known.has(number)) found.push(outcome('fail', 'patent.citations_resolve', 'citationNotInCorpus', { number }, { path }));
    if (found.length === 0) found.push(outcome('pass', 'patent.citations_resolve', 'citationsResolvePass', { count: cited.length }, {}));
    return found;
  },
};

/** Invalidity: every piece of art was published before the target's priority date. */
export const artBeforePriorityCheck: DeliverableCheck = {
  code: 'patent.prior_date',
  appliesTo: ['patent_research'],
  run(content, ctx) {
    const c = asPatentResearch(content);
    if (c?.kind !== 'invalidity') return [];
    const priority = c.subject.priorityDate ?? (c.subject.patent ? (ctx.patents?.get(c.subject.patent)?.priorityDate ?? null) : null);
    if (!priority) return [outcome('fail', 'patent.prior_date', 'priorityDateMissing', {}, { path: ['subject', 'priorityDate'] })];
    const found: CheckOutcome[] = [];
    c.results.forEach((r, i) => {
      const published = ctx.patents?.get(r.number)?.publicationDate ?? r.publicationDate;
      if (published >= priority)
        found.push(
          outcome('fail', 'patent.prior_date', 'artAfterPriority', { number: r.number, published, priority }, { path: ['results', i] }),
        );
    });
    if (found.length === 0) found.push(outcome('pass', 'patent.prior_date', 'priorArtPass', { count: c.results.length, priority }, {}));
    return found;
  },
};

const LIVING: readonly LegalStatus[] = ['alive', 'pending'];

/** FTO: every right listed is alive (or pending) on the report date and not expected to have expired by it. */
export const rightsAliveCheck: DeliverableCheck = {
  code: 'patent.rights_alive',
  appliesTo: ['patent_research'],
  run(content, ctx) {
    const c = asPatentResearch(content);
    if (c?.kind !== 'fto') return [];
    const found: CheckOutcome[] = [];
    c.results.forEach((r, i) => {
      const corpus = ctx.patents?.get(r.number);
      const status = corpus?.legalStatus ?? r.legalStatus;
      const expiry = corpus?.expectedExpiry ?? r.expectedExpiry;
      const where = { path: ['results', i] };
      if (!status || status === 'unknown' || !expiry)
        found.push(outcome('warn', 'patent.rights_alive', 'rightStatusMissing', { number: r.number }, where));
      else if (!LIVING.includes(status))
        found.push(outcome('fail', 'patent.rights_alive', 'rightNotAlive', { number: r.number, status, date: c.reportDate }, where));
      else if (expiry <= c.reportDate)
        found.push(outcome('fail', 'patent.rights_alive', 'rightExpired', { number: r.number, expiry, date: c.reportDate }, where));
    });
    if (found.length === 0)
      found.push(outcome('pass', 'patent.rights_alive', 'rightsAlivePass', { count: c.results.length, date: c.reportDate }, {}));
    return found;
  },
};

/** Every search step keeps its formula and hit count (the 母集合 a reader re-runs). */
export const searchStepsCheck: DeliverableCheck = {
  code: 'patent.search_steps',
  appliesTo: ['patent_research'],
  run(content) {
    const c = asPatentResearch(content);
    if (!c) return [];
    if (c.steps.length === 0) return [outcome('fail', 'patent.search_steps', 'stepsNone', {}, { path: ['steps'] })];
    const found: CheckOutcome[] = [];
    c.steps.forEach((s, i) => {
      if (s.formula.trim() === '')
        found.push(outcome('fail', 'patent.search_steps', 'stepFormulaMissing', { step: i + 1 }, { path: ['steps', i, 'formula'] }));
      if (s.hits === null)
        found.push(outcome('fail', 'patent.search_steps', 'stepHitsMissing', { step: i + 1 }, { path: ['steps', i, 'hits'] }));
    });
    if (found.length === 0)
      found.push(outcome('pass', 'patent.search_steps', 'searchStepsPass', { count: c.steps.length }, { path: ['steps'] }));
    return found;
  },
};

/** Every classification code of the search steps is a CPC or IPC code in a known spelling. */
export const classificationCodesCheck: DeliverableCheck = {
  code: 'patent.classification',
  appliesTo: ['patent_research'],
  run(content) {
    const c = asPatentResearch(content);
    if (!c) return [];
    const found: CheckOutcome[] = [];
    let count = 0;
    c.steps.forEach((s, i) => {
      s.classification.forEach((code, j) => {
        count++;
        if (classificationFilterKey(code) === null)
          found.push(
            outcome('fail', 'patent.classification', 'classificationMalformed', { code }, { path: ['steps', i, 'classification', j] }),
          );
      });
    });
    if (found.length === 0) found.push(outcome('pass', 'patent.classification', 'classificationPass', { count }, { path: ['steps'] }));
    return found;
  },
};

export const patentResearchChecks: readonly DeliverableCheck[] = [
  searchStepsCheck,
  classificationCodesCheck,
  citationsResolveCheck,
  artBeforePriorityCheck,
  rightsAliveCheck,
  elementsMappedCheck,
];
