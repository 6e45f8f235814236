import type { EngagementStatus, EngagementType } from '../../../shared/contracts/engagements.js';

/** Models are built after the award and until delivery: while the engagement is contracted or in progress. */
const EDITABLE_STATUSES: ReadonlySet<EngagementStatus> = new Set(['contracted', 'in_progress']);

/** Whether models of this engagement may be created and saved now (who may is the policy's `model.write`). */
export function modelsEditable(e: { type: EngagementType; status: EngagementStatus }): boolean {
  return e.type === 'financial_modeling' && EDITABLE_STATUSES.has(e.status);
}
