import type { RubricCriterion } from '../../shared/contracts/deliverables.js';
import type { EngagementType } from '../../shared/contracts/engagements.js';
import type { RubricRecord } from '../store.js';

/**
 * kpo's built-in rubrics, one per engagement type, used until a client organisation saves its own
 * template. They live in code, not in the database: the UI words them from its catalogue by
 * criterion key (a built-in rubric has no organisation), the API carries the English below.
 */

const SCALE = { min: 1, max: 5 };
const anchors = (what: string): string[] => [
  `Unusable: ${what} fails throughout.`,
  `Weak: ${what} falls short in several places.`,
  `Adequate: ${what} meets the brief with gaps.`,
  `Good: ${what} meets the brief fully.`,
  `Excellent: ${what} goes beyond the brief.`,
];
const criterion = (key: string, title: string, weight: number, what: string): RubricCriterion => ({
  key,
  title,
  weight,
  anchors: anchors(what),
});

const common = {
  sourcing: criterion('sourcing', 'Sources and evidence', 0.15, 'every claim traced to a cited source'),
  clarity: criterion('clarity', 'Clarity', 0.15, 'how clearly findings are stated'),
  transfer: criterion('knowledge_transfer', 'Knowledge transfer', 0.15, 'what the client can redo in-house (method, sources, assumptions)'),
};

const criteriaByType: Record<EngagementType, RubricCriterion[]> = {
  market_research: [
    criterion('method_rigour', 'Method rigour', 0.25, 'sampling, bases and tests'),
    criterion('accuracy', 'Accuracy', 0.3, 'the figures and their reading'),
    common.sourcing,
    common.clarity,
    common.transfer,
  ],
  patent_research: [
    criterion('search_coverage', 'Search coverage', 0.3, 'the search strategy and its population'),
    criterion('relevance', 'Relevance judgements', 0.25, 'each document kept or dropped for a stated reason'),
    common.sourcing,
    criterion('claim_mapping', 'Claim mapping', 0.15, 'each claim element mapped to a passage'),
    common.transfer,
  ],
  financial_modeling: [
    criterion('accuracy', 'Calculation accuracy', 0.3, 'the calculations'),
    criterion('assumptions', 'Assumptions', 0.25, 'the assumptions and their support'),
    criterion('structure', 'Model structure', 0.15, 'the model layout and its checks'),
    common.sourcing,
    common.transfer,
  ],
  other: [
    criterion('accuracy', 'Accuracy', 0.3, 'the content'),
    criterion('completeness', 'Completeness', 0.25, 'coverage of the brief'),
    common.sourcing,
    common.clarity,
    common.transfer,
  ],
};

const builtInIds: Record<EngagementType, string> = {
  market_research: '00000000-0000-4000-8000-00000000a001',
  patent_research: '00000000-0000-4000-8000-00000000a002',
  financial_modeling: '00000000-0000-4000-8000-00000000a003',
  other: '00000000-0000-4000-8000-00000000a004',
};

export function builtInRubric(type: EngagementType): RubricRecord {
  return {
    id: builtInIds[type],
    orgId: null,
    engagementType: type,
    version: 1,
    name: 'kpo standard',
    scaleMin: SCALE.min,
    scaleMax: SCALE.max,
    criteria: criteriaByType[type],
    createdBy: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

export const builtInRubricById = (id: string): RubricRecord | null => {
  const type = (Object.keys(builtInIds) as EngagementType[]).find((t) => builtInIds[t] === id);
  return type ? builtInRubric(type) : null;
};
