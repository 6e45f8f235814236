import { bidding } from './bidding.js';
import type { EngagementDeps } from './context.js';
import { oversight } from './oversight.js';
import { engagementCore } from './service.js';
import { sowService } from './sow.js';
import { workService } from './work.js';

/** Everything about engagements, assembled: the core, bidding, the SOW, the work and oversight. */
export function engagementServices(deps: EngagementDeps) {
  const core = engagementCore(deps);
  return { ...core, proposals: bidding(deps, core), sow: sowService(deps), work: workService(deps), oversight: oversight(deps) };
}

export type EngagementServices = ReturnType<typeof engagementServices>;
