import type { Classification, CreateEngagementRequest, EngagementType, EngagementView } from '../../../shared/contracts/engagements';
import { CURRENCY, type NumberDraft } from './plan';

/** The brief as its form holds it, and the request it becomes. */
export interface BriefDraft {
  type: EngagementType;
  title: string;
  codeName: string;
  objectives: string;
  scope: string;
  expectedDeliverables: string[];
  classification: Classification;
  budget: NumberDraft;
  targetStart: string;
  targetEnd: string;
}

export const emptyBrief: BriefDraft = {
  type: 'market_research',
  title: '',
  codeName: '',
  objectives: '',
  scope: '',
  expectedDeliverables: [''],
  classification: 'confidential',
  budget: '',
  targetStart: '',
  targetEnd: '',
};

export function briefFromEngagement(e: EngagementView): BriefDraft {
  return {
    type: e.type,
    title: e.title ?? '',
    codeName: e.codeName ?? '',
    objectives: e.objectives,
    scope: e.scope,
    expectedDeliverables: e.expectedDeliverables.length ? [...e.expectedDeliverables] : [''],
    classification: e.classification,
    budget: e.budget?.amount ?? '',
    targetStart: e.targetStart,
    targetEnd: e.targetEnd,
  };
}

/** The request body: empty optional fields become null, empty deliverable lines are dropped. */
export function briefRequest(d: BriefDraft): CreateEngagementRequest {
  return {
    type: d.type,
    title: d.title.trim(),
    codeName: d.codeName.trim() || null,
    objectives: d.objectives,
    scope: d.scope,
    expectedDeliverables: d.expectedDeliverables.map((x) => x.trim()).filter(Boolean),
    classification: d.classification,
    budget: d.budget === '' ? null : { amount: d.budget, currency: CURRENCY },
    targetStart: d.targetStart,
    targetEnd: d.targetEnd,
  };
}
