import {
  type CalibrationRoundSummary,
  type CalibrationRoundView,
  type CalibrationScoreRequest,
  type CreateCalibrationRoundRequest,
  calibrationScoreRequestSchema,
  createCalibrationRoundSchema,
  type ReviewerDrift,
} from '../../shared/contracts/deliverables.js';
import { AppError, type Issue, parseOrThrow } from '../../shared/errors.js';
import type { Role } from '../../shared/roles.js';
import type { RequestContext, UserActor } from '../access/actor.js';
import { authorize } from '../access/policy.js';
import { rubricOf, rubricView } from '../deliverables/service.js';
import { type EngagementDeps, people, personOr } from '../engagements/context.js';
import type { CalibrationRoundRecord, CalibrationScoreRecord, Repos } from '../store.js';
import { consensusOf, deviationFrom, driftOf, liveGaps, meanAbsolute } from './calibration.js';
import { scoreReview } from './rules.js';

/**
 * Calibration (issue #10): a client's administrator asks chosen reviewers to score the same
 * reference deliverable against its rubric. Blind like a review: each sees the consensus and their
 * deviation from it once their own scores are in; the administrator sees everyone's, and who drifts
 * over rounds and on live reviews.
 */

/** Who may be asked to calibrate: the client's people who review or decide. */
const CANDIDATE_ROLES: readonly Role[] = ['reviewer', 'engagement_owner', 'client_admin'];
const isAdmin = (actor: UserActor) => actor.roles.includes('client_admin');

const roundNotFound = () => new AppError('not_found', 'No such calibration round.', { reason: 'calibration_not_found' });

function clientUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user' || ctx.actor.orgKind !== 'client')
    throw new AppError('forbidden', 'Calibration belongs to a client’s people.', { reason: 'no_rule' });
  return ctx.actor;
}

export function calibrationService(deps: EngagementDeps) {
  const { store, clock, random } = deps;

  /** A round the viewer may see: a participant, or an administrator of its organisation. */
  async function roundFor(tx: Repos, actor: UserActor, id: string): Promise<CalibrationRoundRecord> {
    const round = await tx.quality.calibrationRound(id);
    if (!round || round.orgId !== actor.orgId || !(round.participants.includes(actor.userId) || isAdmin(actor))) throw roundNotFound();
    return round;
  }

  function summary(
    round: CalibrationRoundRecord,
    scores: readonly CalibrationScoreRecord[],
    actor: UserActor,
    names: Map<string, { userId: string; displayName: string }>,
  ): CalibrationRoundSummary {
    const mine = scores.filter((s) => s.roundId === round.id);
    return {
      id: round.id,
      title: round.title,
      createdAt: round.createdAt,
      createdBy: round.createdBy ? personOr(names, round.createdBy) : null,
      participants: round.participants.length,
      scored: mine.length,
      viewerParticipates: round.participants.includes(actor.userId),
      viewerScored: mine.some((s) => s.reviewerId === actor.userId),
    };
  }

  async function detail(tx: Repos, round: CalibrationRoundRecord, actor: UserActor): Promise<CalibrationRoundView> {
    const [scores, rubric] = await Promise.all([
      tx.quality.calibrationScores([round.id]),
      rubricOf(tx, round.rubricId, round.rubricVersion),
    ]);
    const names = await people(tx, [...round.participants, round.createdBy]);
    const keys = rubric.criteria.map((c) => c.key);
    const consensus = consensusOf(
      scores.map((s) => s.scores),
      keys,
    );
    const own = scores.find((s) => s.reviewerId === actor.userId) ?? null;
    const participates = round.participants.includes(actor.userId);
    // Blind: the consensus shows once one's own scores are in; an administrator who is not scoring sees it as it forms.
    const open = own !== null || (isAdmin(actor) && !participates);
    return {
      ...summary(round, scores, actor, names),
      content: round.content,
      rubric: rubricView(rubric),
      people: round.participants.map((id) => ({ ...personOr(names, id), scored: scores.some((s) => s.reviewerId === id) })),
      myScores: own?.scores ?? null,
      consensus: open && scores.length > 0 ? consensus : null,
      myDeviation: own ? deviationFrom(own.scores, consensus) : null,
      deviations:
        isAdmin(actor) && open
          ? scores.map((s) => {
              const deviation = deviationFrom(s.scores, consensus);
              return { person: personOr(names, s.reviewerId), scores: s.scores, deviation, meanAbsoluteDeviation: meanAbsolute(deviation) };
            })
          : null,
    };
  }

  return {
    async list(ctx: RequestContext): Promise<CalibrationRoundSummary[]> {
      const actor = clientUser(ctx);
      authorize(actor, 'calibration.read', { type: 'organization', orgId: actor.orgId });
      const rounds = (await store.read.quality.calibrationRounds(actor.orgId)).filter(
        (r) => r.participants.includes(actor.userId) || isAdmin(actor),
      );
      const scores = await store.read.quality.calibrationScores(rounds.map((r) => r.id));
      const names = await people(
        store.read,
        rounds.map((r) => r.createdBy),
      );
      return rounds.map((r) => summary(r, scores, actor, names));
    },

    async get(ctx: RequestContext, id: string): Promise<CalibrationRoundView> {
      const actor = clientUser(ctx);
      authorize(actor, 'calibration.read', { type: 'organization', orgId: actor.orgId });
      return detail(store.read, await roundFor(store.read, actor, id), actor);
    },

    /** Copies a version of one of the organisation's deliverables as the reference, with the rubric it was reviewed against. */
    async create(ctx: RequestContext, input: CreateCalibrationRoundRequest): Promise<CalibrationRoundView> {
      const request = parseOrThrow(createCalibrationRoundSchema, input);
      const actor = clientUser(ctx);
      authorize(actor, 'calibration.manage', { type: 'organization', orgId: actor.orgId });
      return store.transaction(async (tx) => {
        const { engagementId, deliverableId, version } = request.source;
        const e = await tx.engagements.get(engagementId);
        const d = await tx.quality.deliverable(deliverableId);
        const v = d && d.engagementId === engagementId ? (await tx.quality.versions([d.id])).find((x) => x.version === version) : undefined;
        if (!e || e.clientOrgId !== actor.orgId || !v)
          throw new AppError('not_found', 'No such deliverable version on your engagements.', { reason: 'deliverable_version_not_found' });
        // Strictly confidential work stays with its engagement's team: it is not copied out to calibrate.
        if (e.classification === 'strictly_confidential')
          throw new AppError('forbidden', 'A strictly confidential engagement’s deliverables are not used for calibration.', {
            reason: 'calibration_source_restricted',
          });
        const members = await tx.memberships.listForOrg(actor.orgId);
        const issues: Issue[] = [];
        request.participants.forEach((id, i) => {
          const m = members.find((x) => x.userId === id && x.status === 'active');
          if (!m?.roles.some((r) => CANDIDATE_ROLES.includes(r)))
            issues.push({
              path: ['participants', i],
              code: 'not_calibration_candidate',
              message: 'Not one of your reviewers, owners or administrators.',
            });
        });
        if (issues.length > 0) throw new AppError('invalid_input', 'Some participants cannot calibrate.', { reason: 'validation', issues });
        const round: CalibrationRoundRecord = {
          id: random.uuid(),
          orgId: actor.orgId,
          title: request.title,
          engagementId,
          deliverableId,
          version,
          content: v.content,
          rubricId: v.rubricId,
          rubricVersion: v.rubricVersion,
          participants: request.participants,
          createdBy: actor.userId,
          createdAt: clock.now().toISOString(),
        };
        await tx.quality.insertCalibrationRound(round);
        await deps.audit(tx, ctx, {
          type: 'calibration.round_created',
          resource: { type: 'calibration_round', id: round.id },
          data: { engagementId, deliverableId, version, participants: round.participants.length },
          orgId: actor.orgId,
        });
        return detail(tx, round, actor);
      });
    },

    async score(ctx: RequestContext, id: string, input: CalibrationScoreRequest): Promise<CalibrationRoundView> {
      const request = parseOrThrow(calibrationScoreRequestSchema, input);
      const actor = clientUser(ctx);
      authorize(actor, 'calibration.score', { type: 'organization', orgId: actor.orgId });
      return store.transaction(async (tx) => {
        const round = await roundFor(tx, actor, id);
        if (!round.participants.includes(actor.userId))
          throw new AppError('forbidden', 'You were not asked to score this round.', { reason: 'not_a_participant' });
        const scores = await tx.quality.calibrationScores([round.id]);
        if (scores.some((s) => s.reviewerId === actor.userId))
          throw new AppError('conflict', 'You have already scored this round.', { reason: 'already_scored' });
        const rubric = await rubricOf(tx, round.rubricId, round.rubricVersion);
        const scored = scoreReview(rubric, request.scores);
        if (!scored.ok) throw new AppError('invalid_input', 'The scores have problems.', { reason: 'validation', issues: scored.issues });
        const mine: CalibrationScoreRecord = {
          roundId: round.id,
          reviewerId: actor.userId,
          scores: request.scores,
          submittedAt: clock.now().toISOString(),
        };
        await tx.quality.insertCalibrationScore(mine);
        const consensus = consensusOf(
          [...scores, mine].map((s) => s.scores),
          rubric.criteria.map((c) => c.key),
        );
        await deps.audit(tx, ctx, {
          type: 'calibration.scored',
          resource: { type: 'calibration_round', id: round.id },
          // Against the consensus as it stood when they scored (the first score has nothing to deviate from).
          data: { meanAbsoluteDeviation: scores.length > 0 ? meanAbsolute(deviationFrom(mine.scores, consensus)) : null },
          orgId: actor.orgId,
        });
        return detail(tx, round, actor);
      });
    },

    /** Who drifts: every person who scored a calibration round or a live review on the organisation's engagements. */
    async drift(ctx: RequestContext): Promise<ReviewerDrift[]> {
      const actor = clientUser(ctx);
      authorize(actor, 'calibration.manage', { type: 'organization', orgId: actor.orgId });
      const tx = store.read;
      const rounds = await tx.quality.calibrationRounds(actor.orgId);
      const scores = await tx.quality.calibrationScores(rounds.map((r) => r.id));
      const deviations = new Map<string, Record<string, number>[]>();
      for (const round of rounds) {
        const mine = scores.filter((s) => s.roundId === round.id);
        // One person's scores are their own consensus: a round measures deviation once two have scored.
        if (mine.length < 2) continue;
        const rubric = await rubricOf(tx, round.rubricId, round.rubricVersion);
        const consensus = consensusOf(
          mine.map((s) => s.scores),
          rubric.criteria.map((c) => c.key),
        );
        for (const s of mine) deviations.set(s.reviewerId, [...(deviations.get(s.reviewerId) ?? []), deviationFrom(s.scores, consensus)]);
      }
      const live = liveGaps(
        (await tx.quality.reviewScores(actor.orgId)).map((r) => ({
          key: `${r.deliverableId}:${r.version}`,
          reviewerId: r.reviewerId,
          scorePct: r.scorePct,
        })),
      );
      const ids = [...new Set([...deviations.keys(), ...live.keys()])];
      const names = await people(tx, ids);
      return ids
        .map((id) => ({ person: personOr(names, id), ...driftOf({ rounds: deviations.get(id) ?? [], liveGaps: live.get(id) ?? [] }) }))
        .sort(
          (a, b) =>
            Number(b.drifting) - Number(a.drifting) ||
            (b.meanAbsoluteDeviation ?? 0) - (a.meanAbsoluteDeviation ?? 0) ||
            a.person.displayName.localeCompare(b.person.displayName),
        );
    },
  };
}
