import {
  type AlphaResult,
  type CommentAnchor,
  type CreateDeliverableRequest,
  createDeliverableRequestSchema,
  DEFAULT_MAX_REWORK_ROUNDS,
  DEFAULT_REQUIRED_SECTIONS,
  type DecideVersionRequest,
  type DeliverableAction,
  type DeliverableCheckReport,
  type DeliverableContent,
  type DeliverableDetail,
  type DeliverableVersionView,
  type DeliverableView,
  decideVersionRequestSchema,
  type QualitySettingsInput,
  qualitySettingsInputSchema,
  type ReportSurvey,
  type ReportTable,
  type ReviewView,
  type Rubric,
  type RubricInput,
  rubricInputSchema,
  type SubmitReviewRequest,
  type SubmitVersionRequest,
  submitReviewRequestSchema,
  submitVersionRequestSchema,
} from '../../shared/contracts/deliverables.js';
import type { EngagementType } from '../../shared/contracts/engagements.js';
import { marketSizingSchema } from '../../shared/contracts/market-sizing.js';
import { AppError, type Issue, parseOrThrow } from '../../shared/errors.js';
import { actingUserId, type RequestContext, requireUserId } from '../access/actor.js';
import { mayNow, sideOfStanding } from '../access/engagement-rules.js';
import { authorize } from '../access/policy.js';
import { documentRightsOf } from '../documents/service.js';
import {
  type Access,
  approvedSow,
  auditEngagement,
  clientAudience,
  type EngagementDeps,
  engagementFor,
  engagementToRead,
  notify,
  people,
  personOr,
  providerAudience,
  recipientsOn,
} from '../engagements/context.js';
import { krippendorffAlpha, pairwiseAlpha } from '../reviews/agreement.js';
import { builtInRubric, builtInRubricById } from '../reviews/rubrics.js';
import { decisionEffect, type ReviewViewer, scoreReview, seesScores } from '../reviews/rules.js';
import type {
  DeliverableRecord,
  DeliverableReviewRecord,
  DeliverableVersionRecord,
  QualitySettingsRecord,
  Repos,
  RubricRecord,
} from '../store.js';
import { parseFinancialModel } from '../workbenches/financial-modeling/model.js';
import { evaluateSizing } from '../workbenches/market-research/sizing.js';
import type { SizingEvidence, SurveyEvidence } from './checks/market-research.js';
import { type CheckContext, runChecks } from './checks/registry.js';
import { evaluateGold } from './gold-service.js';

const deliverableNotFound = () => new AppError('not_found', 'No such deliverable on this engagement.', { reason: 'deliverable_not_found' });
const versionNotFound = () =>
  new AppError('not_found', 'The deliverable has no such version.', { reason: 'deliverable_version_not_found' });

const invalid = (message: string, issues: Issue[]) => new AppError('invalid_input', message, { reason: 'validation', issues });

/** The quality settings of an engagement; the defaults until its lead saves them. */
export function settingsOrDefault(engagementId: string, saved: QualitySettingsRecord | null): QualitySettingsRecord {
  return (
    saved ?? {
      engagementId,
      reviewersPerSubmission: 2,
      blind: true,
      requiredSections: [...DEFAULT_REQUIRED_SECTIONS],
      glossary: [],
      version: 0,
      updatedBy: null,
      updatedAt: null,
    }
  );
}

/** The rubric a new submission is reviewed against: the client's newest template for the type, or kpo's. */
export async function rubricInForce(tx: Repos, clientOrgId: string, type: EngagementType): Promise<RubricRecord> {
  return (await tx.quality.latestRubric(clientOrgId, type)) ?? builtInRubric(type);
}

export async function rubricOf(tx: Repos, id: string, version: number): Promise<RubricRecord> {
  const r = builtInRubricById(id) ?? (await tx.quality.rubric(id));
  if (!r || r.version !== version)
    throw new AppError('not_found', 'The rubric of this version is missing.', { reason: 'rubric_not_found' });
  return r;
}

export const rubricView = (r: RubricRecord): Rubric => ({
  id: r.id,
  orgId: r.orgId,
  name: r.name,
  engagementType: r.engagementType,
  version: r.version,
  scale: { min: r.scaleMin, max: r.scaleMax },
  criteria: r.criteria,
  createdAt: r.createdAt,
});

const isReviewer = async (tx: Repos, engagementId: string, userId: string) =>
  (await tx.engagements.team(engagementId)).some((t) => t.userId === userId && t.side === 'client' && t.role === 'reviewer');

/**
 * Deliverables and their review: versions with their checks, blind rubric reviews by the client's
 * reviewers, the lead's decision with rework rounds counted against the SOW, agreement between
 * reviewers. Every change is audited in its transaction.
 */
/**
 * A market-research report's survey recomputed (the survey service's reportEvidence): the evidence,
 * or the issues of references that are not there. It reads the vault, so it runs before the
 * submission's transaction.
 */
export type SurveyEvidenceSource = (
  ctx: RequestContext,
  engagementId: string,
  survey: ReportSurvey,
  tables: readonly ReportTable[],
) => Promise<{ evidence: SurveyEvidence | null; issues: Issue[] }>;

type SurveyFindings = Awaited<ReturnType<SurveyEvidenceSource>>;

export function deliverableService(deps: EngagementDeps & { surveyEvidence?: SurveyEvidenceSource }) {
  const { store, clock, random } = deps;

  async function surveyFindings(ctx: RequestContext, engagementId: string, content: DeliverableContent): Promise<SurveyFindings | null> {
    if (content.type !== 'market_research' || !content.survey) return null;
    if (!deps.surveyEvidence) return { evidence: null, issues: [] };
    // Recomputing reads the vault: only for someone who may submit here.
    await engagementFor(store.read, ctx, engagementId, 'deliverable.submit');
    return deps.surveyEvidence(ctx, engagementId, content.survey, content.tables);
  }

  /** The sizings a market-research report names, each evaluated at its version; null where one is not there. */
  async function sizingsOf(tx: Repos, access: Access, content: DeliverableContent): Promise<(SizingEvidence | null)[]> {
    if (content.type !== 'market_research') return [];
    return Promise.all(
      content.sizings.map(async (ref) => {
        const canvas = await tx.researchCanvases.get(ref.id);
        if (!canvas || canvas.engagementId !== access.engagement.id || canvas.kind !== 'sizing') return null;
        const v = await tx.researchCanvases.version(canvas.id, ref.version);
        const parsed = v ? marketSizingSchema.safeParse(v.body) : null;
        if (!parsed?.success) return null;
        return { title: canvas.title, version: ref.version, sizing: parsed.data, levels: evaluateSizing(parsed.data).levels };
      }),
    );
  }

  async function maxReworkRounds(tx: Repos, engagementId: string): Promise<number> {
    return approvedSow(await tx.engagements.sowVersions(engagementId))?.content.maxReworkRounds ?? DEFAULT_MAX_REWORK_ROUNDS;
  }

  async function checkContextFor(
    tx: Repos,
    access: Access,
    userId: string,
    content: DeliverableContent,
    survey: SurveyFindings | null,
  ): Promise<CheckContext> {
    const settings = settingsOrDefault(access.engagement.id, await tx.quality.settings(access.engagement.id));
    const docs = await tx.documents.list(access.engagement.id);
    const grants = await tx.documents.grants(access.engagement.id);
    const now = clock.now();
    const visible = docs.filter((d) => documentRightsOf(access, userId, d, grants, now).mode !== null);
    let model: CheckContext['model'] = null;
    if (content.type === 'financial_model') {
      const m = await tx.financialModels.get(content.model.id);
      const v = m && m.engagementId === access.engagement.id ? await tx.financialModels.version(m.id, content.model.version) : null;
      if (v?.sharedAt) model = parseFinancialModel(v.document);
    }
    return {
      requiredSections: settings.requiredSections,
      glossary: settings.glossary,
      documents: visible.map((d) => ({ id: d.id, name: d.name })),
      model,
      survey: survey?.evidence ?? null,
      sizings: await sizingsOf(tx, access, content),
      ...(content.type === 'patent_research' ? { patents: await patentsOf(tx, access.engagement.id, content) } : {}),
    };
  }

  async function patentsOf(tx: Repos, engagementId: string, content: Extract<DeliverableContent, { type: 'patent_research' }>) {
    const numbers = [
      ...content.results.map((r) => r.number),
      ...content.charts.flatMap((c) => c.documents.map((d) => d.number)),
      ...(content.subject.patent ? [content.subject.patent] : []),
    ];
    return tx.patents.evidence(engagementId, content.scope.corpora, [...new Set(numbers)]);
  }

  /** The references a submission makes that must exist: its files and its model version. */
  async function submissionIssues(
    tx: Repos,
    access: Access,
    d: DeliverableRecord,
    input: SubmitVersionRequest,
    ctx: CheckContext,
    survey: SurveyFindings | null,
  ): Promise<Issue[]> {
    const issues: Issue[] = [...(survey?.issues ?? [])];
    if (input.content.type !== d.type)
      issues.push({
        path: ['content', 'type'],
        code: 'type_mismatch',
        message: `This deliverable is a ${d.type}.`,
        params: { expected: d.type },
      });
    const visible = new Set(ctx.documents.map((x) => x.id));
    input.documentIds.forEach((id, i) => {
      if (!visible.has(id))
        issues.push({ path: ['documentIds', i], code: 'unknown_document', message: 'No such document in this engagement’s vault.' });
    });
    if (input.content.type === 'financial_model') {
      const m = await tx.financialModels.get(input.content.model.id);
      if (!m || m.engagementId !== access.engagement.id)
        issues.push({ path: ['content', 'model', 'id'], code: 'unknown_model', message: 'No such financial model on this engagement.' });
      else {
        const v = await tx.financialModels.version(m.id, input.content.model.version);
        if (!v) issues.push({ path: ['content', 'model', 'version'], code: 'unknown_model', message: 'The model has no such version.' });
        else if (!v.sharedAt)
          issues.push({
            path: ['content', 'model', 'version'],
            code: 'model_version_not_shared',
            message: 'Share this model version with the client before submitting it.',
          });
      }
    }
    (ctx.sizings ?? []).forEach((found, i) => {
      if (!found)
        issues.push({
          path: ['content', 'sizings', i],
          code: 'unknown_sizing',
          message: 'No such market sizing, or no such version of it, on this engagement.',
        });
    });
    return issues;
  }

  function viewerOf(access: Access, userId: string, reviewer: boolean): ReviewViewer {
    return { side: sideOfStanding(access.standing), userId, lead: access.standing === 'client_lead', reviewer };
  }

  function reviewView(
    r: DeliverableReviewRecord,
    v: DeliverableVersionRecord,
    viewer: ReviewViewer,
    reviewedByViewer: boolean,
    names: Map<string, { userId: string; displayName: string }>,
  ): ReviewView {
    const own = viewer.side === 'client' && r.reviewerId === viewer.userId;
    const open = own || seesScores(viewer, v, reviewedByViewer);
    if (viewer.side === 'provider') {
      // The provider learns what to fix once the client has decided: the comments, never who scored what.
      return {
        id: r.id,
        reviewer: null,
        rubricId: r.rubricId,
        rubricVersion: r.rubricVersion,
        scores: null,
        weightedScore: null,
        decision: null,
        comments: v.decision ? r.comments : [],
        submittedAt: r.submittedAt,
      };
    }
    return {
      id: r.id,
      reviewer: personOr(names, r.reviewerId),
      rubricId: r.rubricId,
      rubricVersion: r.rubricVersion,
      scores: open ? r.scores : null,
      weightedScore: open ? r.weightedScore : null,
      decision: open ? r.decision : null,
      comments: open ? r.comments : [],
      submittedAt: r.submittedAt,
    };
  }

  async function allowedActionsFor(
    tx: Repos,
    access: Access,
    userId: string | null,
    d: DeliverableRecord,
    latest: DeliverableVersionRecord | undefined,
    reviews: readonly DeliverableReviewRecord[],
    milestoneAccepted: boolean,
  ): Promise<DeliverableAction[]> {
    const actions: DeliverableAction[] = [];
    const status = access.engagement.status;
    if (mayNow(access.standing, status, 'deliverable.submit') && d.status !== 'accepted' && !milestoneAccepted) actions.push('submit');
    const open = latest?.status === 'in_review';
    if (open && userId && mayNow(access.standing, status, 'deliverable.review')) {
      const done = reviews.some((r) => r.deliverableId === d.id && r.version === latest.version && r.reviewerId === userId);
      if (!done && (await isReviewer(tx, access.engagement.id, userId))) actions.push('review');
    }
    if (open && mayNow(access.standing, status, 'deliverable.decide')) actions.push('decide');
    return actions;
  }

  async function views(tx: Repos, access: Access, userId: string | null, list: readonly DeliverableRecord[]): Promise<DeliverableDetail[]> {
    const e = access.engagement;
    const [milestones, versions, reviews, maxRework] = await Promise.all([
      tx.engagements.milestones(e.id),
      tx.quality.versions(list.map((d) => d.id)),
      tx.quality.reviews(e.id),
      maxReworkRounds(tx, e.id),
    ]);
    const reviewer = userId ? await isReviewer(tx, e.id, userId) : false;
    const viewer = viewerOf(access, userId ?? '', reviewer);
    const names = await people(tx, [
      ...versions.flatMap((v) => [v.submittedBy, v.decidedBy]),
      ...(viewer.side === 'client' ? reviews.map((r) => r.reviewerId) : []),
    ]);
    const allDocs = await tx.documents.list(e.id);
    const docNames = new Map(allDocs.map((x) => [x.id, x.name]));
    const out: DeliverableDetail[] = [];
    for (const d of list) {
      const mine = versions.filter((v) => v.deliverableId === d.id);
      const milestone = milestones.find((m) => m.id === d.milestoneId);
      const versionViews: DeliverableVersionView[] = mine.map((v) => {
        const vReviews = reviews.filter((r) => r.deliverableId === d.id && r.version === v.version);
        const reviewedByViewer = vReviews.some((r) => r.reviewerId === userId);
        return {
          version: v.version,
          status: v.status,
          content: v.content,
          documents: v.documentIds.map((id) => ({ id, name: docNames.get(id) ?? '—' })),
          note: v.note,
          checks: v.checks,
          submittedBy: v.submittedBy ? personOr(names, v.submittedBy) : null,
          receivedAt: v.receivedAt,
          reviews: viewer.side === 'provider' && !v.decision ? [] : vReviews.map((r) => reviewView(r, v, viewer, reviewedByViewer, names)),
          reviewCount: viewer.side === 'provider' ? (v.decision ? vReviews.length : 0) : vReviews.length,
          reviewersWanted: v.reviewersWanted,
          rubricId: v.rubricId,
          rubricVersion: v.rubricVersion,
          blind: v.blind,
          decision:
            v.decision && v.decidedAt
              ? { decision: v.decision, note: v.decisionNote ?? '', by: v.decidedBy ? personOr(names, v.decidedBy) : null, at: v.decidedAt }
              : null,
        };
      });
      out.push({
        id: d.id,
        engagementId: d.engagementId,
        milestoneId: d.milestoneId,
        milestoneTitle: milestone?.title ?? '',
        title: d.title,
        type: d.type,
        status: d.status,
        latestVersion: d.latestVersion,
        reworkRounds: d.reworkRounds,
        maxReworkRounds: maxRework,
        escalated: d.escalatedAt !== null,
        latestCheckStatus: mine.at(-1)?.checks.status ?? null,
        createdAt: d.createdAt,
        allowedActions: await allowedActionsFor(tx, access, userId, d, mine.at(-1), reviews, milestone?.status === 'accepted'),
        versions: versionViews,
      });
    }
    return out;
  }

  async function deliverableOn(tx: Repos, engagementId: string, deliverableId: string, forUpdate = false): Promise<DeliverableRecord> {
    const d = await tx.quality.deliverable(deliverableId, { forUpdate });
    if (!d || d.engagementId !== engagementId) throw deliverableNotFound();
    return d;
  }

  async function versionOn(tx: Repos, d: DeliverableRecord, version: number): Promise<DeliverableVersionRecord> {
    const v = (await tx.quality.versions([d.id])).find((x) => x.version === version);
    if (!v) throw versionNotFound();
    return v;
  }

  const summary = (d: DeliverableDetail): DeliverableView => {
    const { versions: _versions, ...rest } = d;
    return rest;
  };

  return {
    async list(ctx: RequestContext, engagementId: string): Promise<DeliverableView[]> {
      const access = await engagementToRead(store, ctx, engagementId, 'deliverable.read');
      const list = await store.read.quality.deliverables(engagementId);
      return (await views(store.read, access, actingUserId(ctx), list)).map(summary);
    },

    async get(ctx: RequestContext, engagementId: string, deliverableId: string): Promise<DeliverableDetail> {
      const access = await engagementToRead(store, ctx, engagementId, 'deliverable.read');
      const d = await deliverableOn(store.read, engagementId, deliverableId);
      const [view] = await views(store.read, access, actingUserId(ctx), [d]);
      if (!view) throw deliverableNotFound();
      return view;
    },

    /**
     * A patent search report's version rendered as a file (PDF or XLSX, infra/exports/ip-*.ts) for
     * someone who may read it; every export is audited.
     */
    async exportPatentReport(
      ctx: RequestContext,
      engagementId: string,
      deliverableId: string,
      version: number,
      format: 'pdf' | 'xlsx',
      render: (content: Extract<DeliverableContent, { type: 'patent_research' }>) => Promise<Uint8Array>,
    ): Promise<{ bytes: Uint8Array; fileName: string }> {
      const d = await this.get(ctx, engagementId, deliverableId);
      const v = d.versions.find((x) => x.version === version);
      if (!v) throw new AppError('not_found', 'The deliverable has no such version.', { reason: 'deliverable_version_not_found' });
      if (v.content.type !== 'patent_research')
        throw new AppError('invalid_input', 'This version is not a patent search report.', { reason: 'not_patent_report' });
      const bytes = await render(v.content);
      await store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'deliverable.read');
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'deliverable.exported',
          resource: { type: 'deliverable_version', id: `${d.id}:${version}` },
          data: { deliverableId: d.id, version, format },
        });
      });
      return { bytes, fileName: `patent-report-v${version}.${format}` };
    },

    async create(ctx: RequestContext, engagementId: string, input: CreateDeliverableRequest): Promise<DeliverableDetail> {
      const request = parseOrThrow(createDeliverableRequestSchema, input);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'deliverable.submit', true);
        const milestone = (await tx.engagements.milestones(engagementId)).find((m) => m.id === request.milestoneId);
        if (!milestone)
          throw invalid('No such milestone on this engagement.', [
            { path: ['milestoneId'], code: 'unknown_milestone', message: 'No such milestone on this engagement.' },
          ]);
        if (milestone.status === 'accepted')
          throw new AppError('invalid_state', 'This milestone is accepted; its deliverables are closed.', { reason: 'milestone_accepted' });
        const at = clock.now().toISOString();
        const d: DeliverableRecord = {
          id: random.uuid(),
          engagementId,
          milestoneId: milestone.id,
          title: request.title,
          type: request.type,
          status: 'draft',
          latestVersion: 0,
          reworkRounds: 0,
          escalatedAt: null,
          createdBy: actingUserId(ctx),
          createdAt: at,
          updatedAt: at,
        };
        await tx.quality.insertDeliverable(d);
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'deliverable.created',
          resource: { type: 'deliverable', id: d.id },
          data: { milestoneId: milestone.id, type: d.type },
        });
        const [view] = await views(tx, access, actingUserId(ctx), [d]);
        return view as DeliverableDetail;
      });
    },

    /** The checks a submission would get, run before submitting; nothing is stored. */
    async preview(
      ctx: RequestContext,
      engagementId: string,
      deliverableId: string,
      input: SubmitVersionRequest,
    ): Promise<DeliverableCheckReport> {
      const request = parseOrThrow(submitVersionRequestSchema, input);
      const userId = requireUserId(ctx, 'Deliverables are checked');
      const access = await engagementFor(store.read, ctx, engagementId, 'deliverable.submit');
      const d = await deliverableOn(store.read, engagementId, deliverableId);
      const survey = await surveyFindings(ctx, engagementId, request.content);
      const checkCtx = await checkContextFor(store.read, access, userId, request.content, survey);
      const issues = await submissionIssues(store.read, access, d, request, checkCtx, survey);
      if (issues.length > 0) throw invalid('The submission refers to something that is not there.', issues);
      return runChecks(request.content, checkCtx);
    },

    async submit(
      ctx: RequestContext,
      engagementId: string,
      deliverableId: string,
      input: SubmitVersionRequest,
    ): Promise<DeliverableDetail> {
      const request = parseOrThrow(submitVersionRequestSchema, input);
      const userId = requireUserId(ctx, 'Deliverables are submitted');
      const survey = await surveyFindings(ctx, engagementId, request.content);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'deliverable.submit', true);
        const e = access.engagement;
        const d = await deliverableOn(tx, engagementId, deliverableId, true);
        if (d.status === 'accepted')
          throw new AppError('invalid_state', 'This deliverable is accepted; it takes no new version.', { reason: 'deliverable_accepted' });
        const milestone = (await tx.engagements.milestones(engagementId)).find((m) => m.id === d.milestoneId);
        if (milestone?.status === 'accepted')
          throw new AppError('invalid_state', 'This milestone is accepted; its deliverables are closed.', { reason: 'milestone_accepted' });
        const checkCtx = await checkContextFor(tx, access, userId, request.content, survey);
        const issues = await submissionIssues(tx, access, d, request, checkCtx, survey);
        if (issues.length > 0) throw invalid('The submission refers to something that is not there.', issues);
        const checks = runChecks(request.content, checkCtx);
        const previous = (await tx.quality.versions([d.id])).at(-1);
        if (previous?.status === 'in_review') await tx.quality.saveVersion({ ...previous, status: 'superseded' });
        const [settings, rubric] = await Promise.all([tx.quality.settings(e.id), rubricInForce(tx, e.clientOrgId, e.type)]);
        const quality = settingsOrDefault(e.id, settings);
        const at = clock.now().toISOString();
        const version: DeliverableVersionRecord = {
          deliverableId: d.id,
          version: d.latestVersion + 1,
          engagementId,
          status: 'in_review',
          content: request.content,
          documentIds: [...new Set(request.documentIds)],
          note: request.note.trim(),
          checks,
          submittedBy: userId,
          receivedAt: at,
          rubricId: rubric.id,
          rubricVersion: rubric.version,
          reviewersWanted: quality.reviewersPerSubmission,
          blind: quality.blind,
          decision: null,
          decisionNote: null,
          decidedBy: null,
          decidedAt: null,
        };
        await tx.quality.insertVersion(version);
        await evaluateGold(tx, at, engagementId, d.id, version.version, request.content);
        const next: DeliverableRecord = { ...d, status: 'in_review', latestVersion: version.version, updatedAt: at };
        await tx.quality.saveDeliverable(next);
        await auditEngagement(deps, tx, ctx, e, {
          type: 'deliverable.submitted',
          resource: { type: 'deliverable_version', id: `${d.id}:${version.version}` },
          data: {
            deliverableId: d.id,
            version: version.version,
            checkStatus: checks.status,
            fails: checks.counts.fail,
            warns: checks.counts.warn,
            documents: version.documentIds.length,
          },
        });
        await notify(deps, tx, e, clientAudience(e), await recipientsOn(tx, e, 'client'), 'deliverable.submitted', {
          deliverable: d.title,
          version: version.version,
          checkStatus: checks.status,
        });
        const [view] = await views(tx, access, userId, [next]);
        return view as DeliverableDetail;
      });
    },

    async review(
      ctx: RequestContext,
      engagementId: string,
      deliverableId: string,
      versionNumber: number,
      input: SubmitReviewRequest,
    ): Promise<DeliverableDetail> {
      const request = parseOrThrow(submitReviewRequestSchema, input);
      const userId = requireUserId(ctx, 'Deliverables are reviewed');
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'deliverable.review', true);
        if (!(await isReviewer(tx, engagementId, userId)))
          throw new AppError('forbidden', 'Only a reviewer on the engagement’s team reviews its deliverables.', {
            reason: 'not_a_reviewer',
          });
        const d = await deliverableOn(tx, engagementId, deliverableId, true);
        const v = await versionOn(tx, d, versionNumber);
        if (v.status === 'superseded')
          throw new AppError('invalid_state', 'A newer version was submitted; review that one.', { reason: 'version_superseded' });
        if (v.status !== 'in_review')
          throw new AppError('invalid_state', 'This version is already decided.', { reason: 'version_decided' });
        const existing = await tx.quality.reviews(engagementId);
        if (existing.some((r) => r.deliverableId === d.id && r.version === v.version && r.reviewerId === userId))
          throw new AppError('conflict', 'You have already reviewed this version.', { reason: 'already_reviewed' });
        const rubric = await rubricOf(tx, v.rubricId, v.rubricVersion);
        const scored = scoreReview(rubric, request.scores);
        const issues: Issue[] = scored.ok ? [] : scored.issues.map((i) => ({ ...i, code: i.code as Issue['code'] }));
        request.comments.forEach((c, i) => {
          const problem = anchorProblem(c.anchor, v);
          if (problem)
            issues.push({ path: ['comments', i, 'anchor'], code: problem, message: 'The comment points at nothing in this version.' });
        });
        if (!scored.ok || issues.length > 0) throw invalid('The review has problems.', issues);
        const review: DeliverableReviewRecord = {
          id: random.uuid(),
          deliverableId: d.id,
          version: v.version,
          engagementId,
          reviewerId: userId,
          rubricId: rubric.id,
          rubricVersion: rubric.version,
          scores: request.scores,
          weightedScore: scored.score.weighted,
          scorePct: scored.score.pct,
          decision: request.decision,
          comments: request.comments.map((c) => ({ id: random.uuid(), anchor: c.anchor, body: c.body.trim() })),
          submittedAt: clock.now().toISOString(),
        };
        await tx.quality.insertReview(review);
        // The review is the client's internal business: the provider's auditors do not see it.
        await auditEngagement(
          deps,
          tx,
          ctx,
          access.engagement,
          {
            type: 'deliverable.reviewed',
            resource: { type: 'deliverable_review', id: review.id },
            data: { deliverableId: d.id, version: v.version, decision: review.decision },
          },
          null,
        );
        const [view] = await views(tx, access, userId, [d]);
        return view as DeliverableDetail;
      });
    },

    async decide(
      ctx: RequestContext,
      engagementId: string,
      deliverableId: string,
      versionNumber: number,
      input: DecideVersionRequest,
    ): Promise<DeliverableDetail> {
      const request = parseOrThrow(decideVersionRequestSchema, input);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'deliverable.decide', true);
        const e = access.engagement;
        const d = await deliverableOn(tx, engagementId, deliverableId, true);
        const v = await versionOn(tx, d, versionNumber);
        if (v.status === 'superseded')
          throw new AppError('invalid_state', 'A newer version was submitted; decide on that one.', { reason: 'version_superseded' });
        if (v.status !== 'in_review')
          throw new AppError('invalid_state', 'This version is already decided.', { reason: 'version_decided' });
        if (request.decision !== 'accept' && !request.note.trim())
          throw invalid('Say what needs to change.', [
            { path: ['note'], code: 'required', message: 'Give the provider the fixes to make.' },
          ]);
        const max = await maxReworkRounds(tx, engagementId);
        const effect = decisionEffect(d, request.decision, max);
        const at = clock.now().toISOString();
        await tx.quality.saveVersion({
          ...v,
          status: effect.versionStatus,
          decision: request.decision,
          decisionNote: request.note.trim(),
          decidedBy: actingUserId(ctx),
          decidedAt: at,
        });
        const next: DeliverableRecord = {
          ...d,
          status: effect.deliverableStatus,
          reworkRounds: effect.reworkRounds,
          escalatedAt: effect.escalate ? at : d.escalatedAt,
          updatedAt: at,
        };
        await tx.quality.saveDeliverable(next);
        await auditEngagement(deps, tx, ctx, e, {
          type: 'deliverable.decided',
          resource: { type: 'deliverable_version', id: `${d.id}:${v.version}` },
          data: { deliverableId: d.id, version: v.version, decision: request.decision, reworkRounds: next.reworkRounds },
        });
        await notify(deps, tx, e, providerAudience(e), await recipientsOn(tx, e, 'provider'), 'deliverable.decided', {
          deliverable: d.title,
          version: v.version,
          decision: request.decision,
        });
        if (effect.escalate) {
          await auditEngagement(
            deps,
            tx,
            ctx,
            e,
            {
              type: 'deliverable.escalated',
              resource: { type: 'deliverable', id: d.id },
              data: { reworkRounds: next.reworkRounds, maxReworkRounds: max },
            },
            null,
          );
          await notify(deps, tx, e, clientAudience(e), [e.ownerUserId], 'deliverable.escalated', {
            deliverable: d.title,
            reworkRounds: next.reworkRounds,
            maxReworkRounds: max,
          });
        }
        const [view] = await views(tx, access, actingUserId(ctx), [next]);
        return view as DeliverableDetail;
      });
    },

    async settings(ctx: RequestContext, engagementId: string) {
      await engagementToRead(store, ctx, engagementId, 'deliverable.read');
      const s = settingsOrDefault(engagementId, await store.read.quality.settings(engagementId));
      return { ...settingsInput(s), version: s.version };
    },

    async saveSettings(ctx: RequestContext, engagementId: string, input: QualitySettingsInput & { version: number }) {
      const { version, ...rest } = input;
      const request = parseOrThrow(qualitySettingsInputSchema, rest);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'quality.configure', true);
        const current = settingsOrDefault(engagementId, await tx.quality.settings(engagementId));
        if (current.version !== version)
          throw new AppError('conflict', 'The settings were changed by someone else. Reload and try again.', {
            reason: 'version_conflict',
          });
        const next: QualitySettingsRecord = {
          engagementId,
          ...request,
          version: current.version + 1,
          updatedBy: actingUserId(ctx),
          updatedAt: clock.now().toISOString(),
        };
        await tx.quality.saveSettings(next);
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'quality.settings_changed',
          resource: { type: 'engagement', id: engagementId },
          data: {
            version: next.version,
            reviewersPerSubmission: next.reviewersPerSubmission,
            blind: next.blind,
            glossaryTerms: next.glossary.length,
          },
        });
        return { ...settingsInput(next), version: next.version };
      });
    },

    /** The rubric a new submission on this engagement would be reviewed against. */
    async rubricFor(ctx: RequestContext, engagementId: string): Promise<Rubric> {
      const { engagement } = await engagementToRead(store, ctx, engagementId, 'deliverable.read');
      return rubricView(await rubricInForce(store.read, engagement.clientOrgId, engagement.type));
    },

    /** A rubric version by id (the one a version was reviewed against). */
    async rubricVersion(ctx: RequestContext, engagementId: string, rubricId: string, version: number): Promise<Rubric> {
      const { engagement } = await engagementToRead(store, ctx, engagementId, 'deliverable.read');
      const rubric = await rubricOf(store.read, rubricId, version);
      // kpo's own, or the engagement's client's: never another organisation's template.
      if (rubric.orgId !== null && rubric.orgId !== engagement.clientOrgId)
        throw new AppError('not_found', 'The rubric of this version is missing.', { reason: 'rubric_not_found' });
      return rubricView(rubric);
    },

    /** Agreement between the engagement's reviewers: per deliverable and per pair of reviewers. */
    async agreement(ctx: RequestContext, engagementId: string) {
      const access = await engagementToRead(store, ctx, engagementId, 'quality.read_reviews');
      const userId = actingUserId(ctx);
      const [list, all] = await Promise.all([store.read.quality.deliverables(engagementId), store.read.quality.reviews(engagementId)]);
      const versions = await store.read.quality.versions(list.map((d) => d.id));
      const viewer = viewerOf(access, userId ?? '', userId ? await isReviewer(store.read, engagementId, userId) : false);
      // Blind review holds here too: a version's reviews count once the viewer may see their scores.
      const reviews = all.filter((r) => {
        const v = versions.find((x) => x.deliverableId === r.deliverableId && x.version === r.version);
        const reviewedByViewer = all.some((o) => o.deliverableId === r.deliverableId && o.version === r.version && o.reviewerId === userId);
        return v !== undefined && seesScores(viewer, v, reviewedByViewer);
      });
      const names = await people(
        store.read,
        reviews.map((r) => r.reviewerId),
      );
      return agreementOf(list, reviews, (id) => personOr(names, id));
    },

    /** Versions awaiting a decision that the viewer may review or decide, most disagreement first. */
    async queue(ctx: RequestContext, limit = 100) {
      if (ctx.actor.kind !== 'user')
        throw new AppError('forbidden', 'The review queue belongs to a client’s people.', { reason: 'no_rule' });
      const actor = ctx.actor;
      authorize(actor, 'review.queue', { type: 'organization', orgId: actor.orgId });
      const rows = await store.read.quality.reviewQueue(
        { orgId: actor.orgId, userId: actor.userId, admin: actor.roles.includes('client_admin') },
        limit,
      );
      // Blind review: how far the others disagree is not shown before one's own review is in.
      return rows.map((r) => (r.viewerDecides || r.reviewedByViewer ? r : { ...r, decisionSplit: null, scoreSpread: null }));
    },

    async rubrics(ctx: RequestContext): Promise<Rubric[]> {
      if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Rubrics belong to a client organisation.', { reason: 'no_rule' });
      authorize(ctx.actor, 'rubric.read', { type: 'organization', orgId: ctx.actor.orgId });
      const saved = await store.read.quality.rubrics(ctx.actor.orgId);
      const types: EngagementType[] = ['market_research', 'patent_research', 'financial_modeling', 'other'];
      const builtIns = types.filter((t) => !saved.some((r) => r.engagementType === t)).map(builtInRubric);
      return [...saved, ...builtIns].map(rubricView);
    },

    /** Saves a new version of the organisation's template for one engagement type. */
    async saveRubric(ctx: RequestContext, input: RubricInput): Promise<Rubric> {
      const request = parseOrThrow(rubricInputSchema, input);
      if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Rubrics belong to a client organisation.', { reason: 'no_rule' });
      const actor = ctx.actor;
      authorize(actor, 'rubric.manage', { type: 'organization', orgId: actor.orgId });
      return store.transaction(async (tx) => {
        const latest = await tx.quality.latestRubric(actor.orgId, request.engagementType, { forUpdate: true });
        const r: RubricRecord = {
          id: random.uuid(),
          orgId: actor.orgId,
          engagementType: request.engagementType,
          version: (latest?.version ?? 0) + 1,
          name: request.name,
          scaleMin: request.scale.min,
          scaleMax: request.scale.max,
          criteria: request.criteria,
          createdBy: actor.userId,
          createdAt: clock.now().toISOString(),
        };
        await tx.quality.insertRubric(r);
        await deps.audit(tx, ctx, {
          type: 'rubric.saved',
          resource: { type: 'rubric', id: r.id },
          data: { engagementType: r.engagementType, version: r.version, criteria: r.criteria.length },
          orgId: actor.orgId,
        });
        return rubricView(r);
      });
    },
  };
}

const settingsInput = (s: QualitySettingsRecord): QualitySettingsInput => ({
  reviewersPerSubmission: s.reviewersPerSubmission,
  blind: s.blind,
  requiredSections: s.requiredSections,
  glossary: s.glossary,
});

/** Why a comment's anchor points at nothing in the version, or null. */
function anchorProblem(anchor: CommentAnchor, v: DeliverableVersionRecord): 'unknown_section' | 'unknown_finding' | null {
  if (anchor.kind === 'section') return v.content.sections.some((s) => s.key === anchor.section) ? null : 'unknown_section';
  if (anchor.kind === 'finding') return v.checks.findings.some((f) => f.id === anchor.finding) ? null : 'unknown_finding';
  return null;
}

export interface DeliverableAgreement {
  deliverableId: string;
  title: string;
  /** Units: each version; values: the reviewers' decisions. */
  decisions: AlphaResult;
  /** Units: each (version, criterion); values: the levels. */
  scoresOrdinal: AlphaResult;
  scoresInterval: AlphaResult;
}

/**
 * Krippendorff's alpha over an engagement's reviews: per deliverable (decisions nominal, scores
 * ordinal and interval) and per pair of reviewers over everything both scored.
 */
export function agreementOf(
  deliverables: readonly DeliverableRecord[],
  reviews: readonly DeliverableReviewRecord[],
  person: (id: string) => { userId: string; displayName: string },
) {
  const raters = [...new Set(reviews.map((r) => r.reviewerId))].sort();
  const col = new Map(raters.map((id, i) => [id, i]));
  const perDeliverable: DeliverableAgreement[] = deliverables.map((d) => {
    const mine = reviews.filter((r) => r.deliverableId === d.id);
    const versions = [...new Set(mine.map((r) => r.version))].sort((a, b) => a - b);
    const decisionRows = versions.map((v) => {
      const row: (string | null)[] = raters.map(() => null);
      for (const r of mine.filter((x) => x.version === v)) row[col.get(r.reviewerId) ?? 0] = r.decision;
      return row;
    });
    const scoreRows: (number | null)[][] = [];
    for (const v of versions) {
      const ofVersion = mine.filter((x) => x.version === v);
      const keys = [...new Set(ofVersion.flatMap((r) => Object.keys(r.scores)))].sort();
      for (const k of keys) {
        const row: (number | null)[] = raters.map(() => null);
        for (const r of ofVersion) row[col.get(r.reviewerId) ?? 0] = r.scores[k] ?? null;
        scoreRows.push(row);
      }
    }
    return {
      deliverableId: d.id,
      title: d.title,
      decisions: krippendorffAlpha(decisionRows, 'nominal'),
      scoresOrdinal: krippendorffAlpha(scoreRows, 'ordinal'),
      scoresInterval: krippendorffAlpha(scoreRows, 'interval'),
    };
  });
  // Per pair: every (deliverable, version, criterion) both scored, on the interval level.
  const byRater = new Map<string, Map<string, number>>();
  for (const r of reviews) {
    const m = byRater.get(r.reviewerId) ?? new Map<string, number>();
    for (const [k, level] of Object.entries(r.scores)) m.set(`${r.deliverableId}:${r.version}:${k}`, level);
    byRater.set(r.reviewerId, m);
  }
  const pairs = pairwiseAlpha(byRater, 'interval').map((p) => ({ a: person(p.a), b: person(p.b), alpha: p.alpha, pairable: p.pairable }));
  const allRows: (number | null)[][] = [];
  const unitKeys = [...new Set([...byRater.values()].flatMap((m) => [...m.keys()]))].sort();
  for (const k of unitKeys) allRows.push(raters.map((id) => byRater.get(id)?.get(k) ?? null));
  return {
    engagement: { interval: krippendorffAlpha(allRows, 'interval'), ordinal: krippendorffAlpha(allRows, 'ordinal') },
    deliverables: perDeliverable,
    pairs,
  };
}
