import type {
  DeliverableCheckReport,
  DeliverableContent,
  DeliverableFinding,
  DeliverableType,
  GlossaryTerm,
  SectionRole,
} from '../../../shared/contracts/deliverables.js';
import type { FinancialModel } from '../../../shared/contracts/financial-model.js';
import type { DeliverableCheckCode } from '../../../shared/deliverable-check-messages.js';
import { checkModel } from '../../workbenches/financial-modeling/checks.js';
import { claimsCitedCheck, referencesResolveCheck } from './citations.js';
import { glossaryCheck } from './glossary.js';
import { marketResearchChecks, type SizingEvidence, type SurveyEvidence } from './market-research.js';
import { type CheckOutcome, outcome } from './outcome.js';
import { type PatentEvidence, patentResearchChecks } from './patent-research.js';
import { knowledgeTransferCheck, methodologyCheck, requiredSectionsCheck } from './sections.js';

/**
 * The automated checks of a deliverable: pure functions over its content and what the engagement
 * knows (required sections, glossary, the documents the submitter can see, the model version it
 * names, the survey tables and sizings it rests on). Each deliverable type registers the checks that
 * apply to it; a workbench that adds a type adds its checks here with the same interface.
 */
export interface CheckContext {
  requiredSections: readonly SectionRole[];
  glossary: readonly GlossaryTerm[];
  /** The engagement's documents a reference may point to. */
  documents: readonly { id: string; name: string }[];
  /** The financial model version a financial_model deliverable names; null when it cannot be loaded. */
  model: FinancialModel | null;
  /** A market-research report's survey, recomputed; null when it names none or it cannot be loaded. */
  survey?: SurveyEvidence | null;
  /** The market sizings a market-research report names, in its order; null where one cannot be loaded. */
  sizings?: readonly (SizingEvidence | null)[];
  /** A patent report's cited documents as the corpora searched hold them, by number; null when they cannot be looked up. */
  patents?: ReadonlyMap<string, PatentEvidence> | null;
}

export interface DeliverableCheck {
  /** The check's own code; its findings may carry related codes (report.citation_unknown). */
  code: DeliverableCheckCode;
  appliesTo: readonly DeliverableType[];
  run(content: DeliverableContent, ctx: CheckContext): CheckOutcome[];
}

/**
 * The financial model's own checks (core/workbenches/financial-modeling/checks), pointing into the
 * model, after one finding of its own: the model version loaded (modelAvailable) or did not (modelUnavailable).
 */
export const financialModelCheck: DeliverableCheck = {
  code: 'model.unavailable',
  appliesTo: ['financial_model'],
  run(content, ctx) {
    if (content.type !== 'financial_model') return [];
    if (!ctx.model)
      return [outcome('fail', 'model.unavailable', 'modelUnavailable', { version: content.model.version }, { path: ['model'] })];
    // Said once it loaded, so the review page shows the model was checked, not only what it found.
    const loaded = outcome('pass', 'model.unavailable', 'modelAvailable', { version: content.model.version }, { path: ['model'] });
    return [
      loaded,
      ...checkModel(ctx.model).findings.map((f) => ({
        status: f.status,
        code: f.code,
        catalog: 'financial_model' as const,
        location: { section: null, reference: null, path: ['model', ...f.path] },
        message: f.message,
      })),
    ];
  },
};

export const deliverableChecks: readonly DeliverableCheck[] = [
  requiredSectionsCheck,
  methodologyCheck,
  knowledgeTransferCheck,
  claimsCitedCheck,
  referencesResolveCheck,
  glossaryCheck,
  financialModelCheck,
  ...marketResearchChecks,
  ...patentResearchChecks,
];

const worst = (findings: readonly { status: DeliverableFinding['status'] }[]): DeliverableFinding['status'] =>
  findings.some((f) => f.status === 'fail') ? 'fail' : findings.some((f) => f.status === 'warn') ? 'warn' : 'pass';

/**
 * Runs every check that applies to the content's type. A check that throws is a failed finding of
 * its own (check.crashed) rather than a lost submission: the reviewers must know it did not run.
 * Finding ids are "<code>#<n>", numbered per code in the order found, so a comment can anchor on one.
 */
export function runChecks(
  content: DeliverableContent,
  ctx: CheckContext,
  checks: readonly DeliverableCheck[] = deliverableChecks,
): DeliverableCheckReport {
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) {
    if (!check.appliesTo.includes(content.type)) continue;
    try {
      outcomes.push(...check.run(content, ctx));
    } catch {
      outcomes.push(outcome('fail', 'check.crashed', 'checkCrashed', { check: check.code }, {}));
    }
  }
  const seen = new Map<string, number>();
  const findings: DeliverableFinding[] = outcomes.map((o) => {
    const n = (seen.get(o.code) ?? 0) + 1;
    seen.set(o.code, n);
    return {
      id: `${o.code}#${n}`,
      status: o.status,
      code: o.code,
      catalog: o.catalog,
      location: o.location,
      message: { key: o.message.key, params: { ...o.message.params } },
    };
  });
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const f of findings) counts[f.status]++;
  return { status: worst(findings), counts, findings };
}
