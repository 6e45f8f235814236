import {
  type ChangeDecision,
  type ChangeRequestView,
  type ChangeSet,
  changeDecisions,
  type EngagementStanding,
  type EngagementStatus,
  type MilestoneAction,
  type MilestoneView,
  milestoneActions,
  type QuestionAction,
  type QuestionView,
  questionActions,
  type Side,
  type SowContent,
  type StatusUpdateInput,
  type StatusUpdateView,
  sowContentSchema,
  statusUpdateInputSchema,
} from '../../shared/contracts/engagements.js';
import { AppError, type Issue, parseOrThrow } from '../../shared/errors.js';
import type { ApiReason } from '../../shared/reasons.js';
import type { RequestContext } from '../access/actor.js';
import { mayNow } from '../access/engagement-rules.js';
import type { ChangeRequestRecord, EngagementRecord, MilestoneRecord, QuestionRecord, Repos, StatusUpdateRecord } from '../store.js';
import { DEFAULT_ANSWER_SLA, DEFAULT_REVIEW_SLA_DAYS } from './bidding.js';
import { addBusinessDays } from './business-days.js';
import {
  approvedSow,
  audienceOn,
  auditEngagement,
  clientAudience,
  currentSow,
  type EngagementDeps,
  engagementFor,
  engagementToRead,
  engagementWithHistoryFor,
  historyFrom,
  notify,
  notifyOn,
  otherSide,
  people,
  personOr,
  providerAudience,
  recipientsOn,
  refreshDerived,
  refreshDerivedFrom,
  sideOf,
} from './context.js';
import { updateSchedule } from './control.js';
import { syncMilestones } from './sow.js';

const MILESTONE_MOVES: Record<
  MilestoneAction,
  { from: readonly MilestoneRecord['status'][]; to: MilestoneRecord['status']; side: 'client' | 'provider' }
> = {
  start: { from: ['planned'], to: 'in_progress', side: 'provider' },
  submit: { from: ['planned', 'in_progress'], to: 'submitted', side: 'provider' },
  accept: { from: ['submitted'], to: 'accepted', side: 'client' },
  send_back: { from: ['submitted'], to: 'in_progress', side: 'client' },
};

/** What a standing may do to one milestone now: the table's row for its side, and the milestone's own state. */
export function milestoneActionsFor(standing: EngagementStanding, status: EngagementStatus, m: Pick<MilestoneRecord, 'status'>) {
  return milestoneActions.filter((a) => {
    const move = MILESTONE_MOVES[a];
    return mayNow(standing, status, move.side === 'provider' ? 'milestone.work' : 'milestone.decide') && move.from.includes(m.status);
  });
}

/** Why a side may not take this action on a question now, or null. */
function questionRefusal(side: Side, q: Pick<QuestionRecord, 'status' | 'askedBySide'>, action: QuestionAction): Refusal | null {
  if (q.status === 'closed') return { code: 'invalid_state' as const, reason: 'question_closed', message: 'This question is closed.' };
  if (action === 'close' && side !== q.askedBySide)
    return { code: 'forbidden' as const, reason: 'other_side', message: 'The side that asked closes its question.' };
  return null;
}

export function questionActionsFor(standing: EngagementStanding, status: EngagementStatus, side: Side, q: QuestionRecord) {
  return questionActions.filter(
    (a) => mayNow(standing, status, a === 'reply' ? 'question.answer' : 'question.close') && questionRefusal(side, q, a) === null,
  );
}

/** Why a side may not decide this way on a change request now, or null. */
function changeRefusal(
  side: Side,
  status: EngagementStatus,
  c: Pick<ChangeRequestRecord, 'status' | 'proposedBySide'>,
  decision: ChangeDecision,
): Refusal | null {
  if (c.status !== 'proposed')
    return { code: 'invalid_state' as const, reason: `change_${c.status}`, message: `This change request is already ${c.status}.` };
  if (decision === 'withdraw' ? side !== c.proposedBySide : side === c.proposedBySide) {
    const message =
      decision === 'withdraw' ? 'Only the side that proposed a change withdraws it.' : 'The other side decides on a change request.';
    return { code: 'forbidden' as const, reason: 'other_side', message };
  }
  if (decision === 'approve' && status !== 'contracted' && status !== 'in_progress')
    return {
      code: 'invalid_state' as const,
      reason: 'not_contracted_or_in_progress',
      message: 'Changes are approved while the work is contracted or in progress.',
    };
  return null;
}

export function changeActionsFor(standing: EngagementStanding, status: EngagementStatus, side: Side, c: ChangeRequestRecord) {
  return changeDecisions.filter((d) => mayNow(standing, status, 'change.decide') && changeRefusal(side, status, c, d) === null);
}

type Refusal = { code: 'invalid_state' | 'forbidden'; reason: ApiReason; message: string };

/** Rows newest first by an ISO time, as the repository lists them (a row just written joins those read before it). */
/** Newest first; the sort is stable, so of rows made at the same instant the one given first stays first. */
const newestFirst = <T>(rows: readonly T[], at: (r: T) => string): T[] =>
  [...rows].sort((a, b) => (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : 0));

const refuse = (r: Refusal | null) => {
  if (r) throw new AppError(r.code, r.message, { reason: r.reason });
};

/** Applies a change request to a SOW; every problem the result would have is listed. */
export function applyChanges(sow: SowContent, changes: ChangeSet): SowContent {
  const issues: Issue[] = [];
  const milestones = sow.milestones.map((m) => ({ ...m }));
  for (const [i, change] of (changes.milestones ?? []).entries()) {
    const target = milestones.find((m) => m.key === change.key);
    if (!target) {
      issues.push({
        path: ['changes', 'milestones', i, 'key'],
        code: 'unknown_milestone',
        message: `No milestone "${change.key}" in the SOW.`,
      });
      continue;
    }
    if (change.title !== undefined) target.title = change.title;
    if (change.dueDate !== undefined) target.dueDate = change.dueDate;
  }
  if (issues.length > 0) throw new AppError('invalid_input', 'The change request does not fit the SOW.', { reason: 'validation', issues });
  milestones.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const next = {
    ...sow,
    ...(changes.scope !== undefined && { scope: changes.scope }),
    ...(changes.deliverables !== undefined && { deliverables: changes.deliverables }),
    ...(changes.fee !== undefined && { fee: changes.fee }),
    ...(changes.endDate !== undefined && { endDate: changes.endDate }),
    milestones,
  };
  const parsed = sowContentSchema.safeParse(next);
  if (!parsed.success) {
    throw new AppError('invalid_input', 'The SOW would not be valid after this change.', {
      reason: 'validation',
      issues: parsed.error.issues.map((i) => ({
        path: ['changes', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        code: i.code,
        message: i.message,
      })),
    });
  }
  return parsed.data;
}

/** Milestones, status updates, questions and change requests: the work once it is contracted. */
export function workService(deps: EngagementDeps) {
  const { store, clock, random } = deps;
  const now = () => clock.now();
  const actorId = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

  async function milestoneViews(tx: Repos, e: EngagementRecord, standing: EngagementStanding): Promise<MilestoneView[]> {
    const [milestones, reviews, versions] = await Promise.all([
      tx.engagements.milestones(e.id),
      tx.engagements.reviews(e.id),
      tx.engagements.sowVersions(e.id),
    ]);
    const slaDays = approvedSow(versions)?.content.reviewSlaBusinessDays ?? DEFAULT_REVIEW_SLA_DAYS;
    return milestones.map((m) => {
      const submitted =
        m.status === 'submitted' ? reviews.filter((r) => r.milestoneId === m.id && r.kind === 'submitted').at(-1) : undefined;
      return {
        id: m.id,
        key: m.key,
        title: m.title,
        baselineDueDate: m.baselineDueDate,
        dueDate: m.dueDate,
        weight: m.weight,
        deliverables: m.deliverables,
        status: m.status,
        submittedAt: m.submittedAt,
        acceptedAt: m.acceptedAt,
        reviewDueAt: submitted ? addBusinessDays(new Date(submitted.at), slaDays).toISOString() : null,
        reworkRounds: m.reworkRounds,
        allowedActions: milestoneActionsFor(standing, e.status, m),
      };
    });
  }

  async function updateViews(tx: Repos, engagementId: string): Promise<StatusUpdateView[]> {
    return updateViewsOf(tx, await tx.engagements.updates(engagementId));
  }

  /** The views of updates as read (newest first). */
  async function updateViewsOf(tx: Repos, updates: readonly StatusUpdateRecord[]): Promise<StatusUpdateView[]> {
    const names = await people(
      tx,
      updates.map((u) => u.authorUserId),
    );
    return updates.map((u) => ({
      id: u.id,
      author: personOr(names, u.authorUserId),
      postedAt: u.postedAt,
      progressPct: u.progressPct,
      rag: u.rag,
      done: u.done,
      next: u.next,
      blockers: u.blockers,
      risks: u.risks,
      hoursSpent: u.hoursSpent,
      late: u.dueAt !== null && u.postedAt > u.dueAt,
    }));
  }

  async function questionViews(tx: Repos, e: EngagementRecord, standing: EngagementStanding, at: Date): Promise<QuestionView[]> {
    return questionViewsOf(tx, e, standing, at, await tx.engagements.questions(e.id));
  }

  /** The views of questions as read (newest first), with their messages. */
  async function questionViewsOf(
    tx: Repos,
    e: EngagementRecord,
    standing: EngagementStanding,
    at: Date,
    questions: readonly QuestionRecord[],
  ): Promise<QuestionView[]> {
    const messages = await tx.engagements.messages(questions.map((q) => q.id));
    const names = await people(tx, [...questions.flatMap((q) => [q.askedBy, q.assigneeUserId]), ...messages.map((m) => m.authorUserId)]);
    return questions.map((q) => ({
      id: q.id,
      title: q.title,
      body: q.body,
      askedBy: personOr(names, q.askedBy),
      askedBySide: q.askedBySide,
      assignee: q.assigneeUserId ? personOr(names, q.assigneeUserId) : null,
      askedAt: q.askedAt,
      dueAt: q.dueAt,
      status: q.status,
      answeredAt: q.answeredAt,
      overdue: q.status === 'open' && Date.parse(q.dueAt) < at.getTime(),
      messages: messages
        .filter((m) => m.questionId === q.id)
        .map((m) => ({ id: m.id, author: personOr(names, m.authorUserId), side: m.side, body: m.body, at: m.at })),
      allowedActions: questionActionsFor(standing, e.status, sideOf(standing), q),
    }));
  }

  async function changeViews(tx: Repos, e: EngagementRecord, standing: EngagementStanding): Promise<ChangeRequestView[]> {
    const changes = await tx.engagements.changeRequests(e.id);
    const names = await people(
      tx,
      changes.flatMap((c) => [c.proposedBy, c.decidedBy]),
    );
    return changes.map((c) => ({
      id: c.id,
      summary: c.summary,
      reason: c.reason,
      changes: c.changes,
      proposedBy: personOr(names, c.proposedBy),
      proposedBySide: c.proposedBySide,
      proposedAt: c.proposedAt,
      status: c.status,
      decidedBy: c.decidedBy ? personOr(names, c.decidedBy) : null,
      decidedAt: c.decidedAt,
      comment: c.comment,
      resultingSowVersion: c.resultingSowVersion,
      allowedActions: changeActionsFor(standing, e.status, sideOf(standing), c),
    }));
  }

  return {
    async milestones(ctx: RequestContext, id: string): Promise<MilestoneView[]> {
      const { engagement, standing } = await engagementToRead(store, ctx, id, 'sow.read');
      return milestoneViews(store.read, engagement, standing);
    },

    async actOnMilestone(
      ctx: RequestContext,
      id: string,
      milestoneId: string,
      input: { action: MilestoneAction; comment?: string | undefined },
    ) {
      const move = MILESTONE_MOVES[input.action];
      return store.transaction(async (tx) => {
        const { engagement: e, standing } = await engagementFor(
          tx,
          ctx,
          id,
          move.side === 'provider' ? 'milestone.work' : 'milestone.decide',
          true,
        );
        const m = (await tx.engagements.milestones(id)).find((x) => x.id === milestoneId);
        if (!m) throw new AppError('not_found', 'No such milestone on this engagement.', { reason: 'milestone_not_found' });
        if (!move.from.includes(m.status)) {
          throw new AppError('invalid_state', `A ${m.status} milestone cannot be asked to ${input.action.replace('_', ' ')}.`, {
            reason: `milestone_cannot_${input.action}`,
          });
        }
        if (input.action === 'send_back' && !input.comment?.trim()) {
          throw new AppError('invalid_input', 'Say what needs to change.', {
            reason: 'validation',
            issues: [{ path: ['comment'], code: 'required', message: 'Give a reason.' }],
          });
        }
        const at = now().toISOString();
        const next: MilestoneRecord = {
          ...m,
          status: move.to,
          ...(input.action === 'start' && { startedAt: at }),
          ...(input.action === 'submit' && { submittedAt: at, startedAt: m.startedAt ?? at }),
          ...(input.action === 'accept' && { acceptedAt: at }),
          ...(input.action === 'send_back' && { reworkRounds: m.reworkRounds + 1 }),
        };
        await tx.engagements.saveMilestone(next);
        if (input.action !== 'start') {
          const kind = input.action === 'submit' ? 'submitted' : input.action === 'accept' ? 'accepted' : 'sent_back';
          await tx.engagements.insertReview({
            id: random.uuid(),
            milestoneId: m.id,
            engagementId: id,
            kind,
            at,
            byUserId: actorId(ctx),
            comment: input.comment?.trim() || null,
          });
        }
        await auditEngagement(deps, tx, ctx, e, {
          type: 'milestone.changed',
          resource: { type: 'milestone', id: m.id },
          data: { key: m.key, action: input.action, from: m.status, to: move.to },
        });
        if (input.action === 'submit')
          await notify(deps, tx, e, clientAudience(e), await recipientsOn(tx, e, 'client'), 'milestone.submitted', { milestone: m.title });
        if (input.action === 'accept' || input.action === 'send_back') {
          await notify(deps, tx, e, providerAudience(e), await recipientsOn(tx, e, 'provider'), 'milestone.decided', {
            milestone: m.title,
            decision: input.action,
          });
        }
        await refreshDerived(tx, e);
        return milestoneViews(tx, e, standing);
      });
    },

    async updates(ctx: RequestContext, id: string): Promise<StatusUpdateView[]> {
      await engagementToRead(store, ctx, id, 'sow.read');
      return updateViews(store.read, id);
    },

    /** A status update; one posted after the cadence said it was due is marked late. */
    async postUpdate(ctx: RequestContext, id: string, input: StatusUpdateInput): Promise<StatusUpdateView[]> {
      const update = parseOrThrow(statusUpdateInputSchema, input);
      return store.transaction(async (tx) => {
        // The history is read once, with the engagement under its lock: for when this update was
        // due, then (with it) for the derived state and the answer.
        const { history: rows, ...access } = await engagementWithHistoryFor(tx, ctx, id, 'update.post');
        const e = access.engagement;
        const at = now();
        const dueAt = updateSchedule(historyFrom(e, rows), new Date(0)).nextDue;
        const late = dueAt !== null && at.toISOString() > dueAt;
        const author = actorId(ctx);
        if (!author) throw new AppError('forbidden', 'Updates come from people.', { reason: 'no_rule' });
        const posted: StatusUpdateRecord = {
          id: random.uuid(),
          engagementId: id,
          authorUserId: author,
          postedAt: at.toISOString(),
          ...update,
          dueAt,
        };
        await tx.engagements.insertUpdate(posted);
        await auditEngagement(deps, tx, ctx, e, {
          type: 'update.posted',
          resource: { type: 'status_update', id: posted.id },
          data: { progressPct: update.progressPct, rag: update.rag, late },
        });
        // Posting an update changes neither the team nor the state: the facts read under the lock hold.
        await notifyOn(deps, tx, access, clientAudience(e), await recipientsOn(tx, e, 'client'), 'update.posted', {
          progressPct: update.progressPct,
          rag: update.rag,
        });
        const updates = newestFirst([posted, ...rows.updates], (u) => u.postedAt);
        await refreshDerivedFrom(tx, e, { ...rows, updates });
        return updateViewsOf(tx, updates);
      });
    },

    async questions(ctx: RequestContext, id: string): Promise<QuestionView[]> {
      const { engagement, standing } = await engagementToRead(store, ctx, id, 'sow.read');
      return questionViews(store.read, engagement, standing, now());
    },

    /** A question to the other side, due within that side's response SLA in Japanese business days. */
    async ask(
      ctx: RequestContext,
      id: string,
      input: { title: string; body: string; assigneeUserId: string | null },
    ): Promise<QuestionView[]> {
      return store.transaction(async (tx) => {
        // The history is read once, with the engagement under its lock: the SOW for the SLA, then
        // (with the question) for the derived state and the answer.
        const { history: rows, ...access } = await engagementWithHistoryFor(tx, ctx, id, 'question.ask');
        const { engagement: e, standing } = access;
        const side = sideOf(standing);
        const answering = otherSide(side);
        if (input.assigneeUserId) {
          const onTeam = (await tx.engagements.team(id)).some((t) => t.userId === input.assigneeUserId && t.side === answering);
          if (!onTeam) {
            throw new AppError('invalid_input', `The assignee must be on the ${answering} team.`, {
              reason: 'validation',
              issues: [{ path: ['assigneeUserId'], code: 'not_on_team', message: `Not on the ${answering} team of this engagement.` }],
            });
          }
        }
        const sla = (currentSow(rows.sowVersions)?.content.answerSla ?? DEFAULT_ANSWER_SLA)[
          answering === 'client' ? 'clientBusinessDays' : 'providerBusinessDays'
        ];
        const at = now();
        const asker = actorId(ctx);
        if (!asker) throw new AppError('forbidden', 'Questions come from people.', { reason: 'no_rule' });
        const q: QuestionRecord = {
          id: random.uuid(),
          engagementId: id,
          title: input.title,
          body: input.body,
          askedBy: asker,
          askedBySide: side,
          assigneeUserId: input.assigneeUserId,
          askedAt: at.toISOString(),
          dueAt: addBusinessDays(at, sla).toISOString(),
          status: 'open',
          answeredAt: null,
          closedAt: null,
        };
        await tx.engagements.saveQuestion(q);
        await auditEngagement(deps, tx, ctx, e, {
          type: 'question.asked',
          resource: { type: 'question', id: q.id },
          data: { side, dueAt: q.dueAt },
        });
        const to = q.assigneeUserId ? [q.assigneeUserId] : await recipientsOn(tx, e, answering, 'leads');
        // Asking changes neither the team nor the state: the facts read under the lock hold.
        await notifyOn(deps, tx, access, audienceOn(e, answering), to, 'question.asked', { title: q.title, dueAt: q.dueAt });
        const questions = newestFirst([q, ...rows.questions], (x) => x.askedAt);
        await refreshDerivedFrom(tx, e, { ...rows, questions });
        return questionViewsOf(tx, e, standing, at, questions);
      });
    },

    /** A reply; the first reply from the other side answers the question (and stops its SLA clock). */
    async answer(ctx: RequestContext, id: string, questionId: string, body: string): Promise<QuestionView[]> {
      return store.transaction(async (tx) => {
        const { engagement: e, standing } = await engagementFor(tx, ctx, id, 'question.answer', true);
        const q = await tx.engagements.question(questionId);
        if (!q || q.engagementId !== id)
          throw new AppError('not_found', 'No such question on this engagement.', { reason: 'question_not_found' });
        const side = sideOf(standing);
        refuse(questionRefusal(side, q, 'reply'));
        const at = now();
        const author = actorId(ctx);
        if (!author) throw new AppError('forbidden', 'Answers come from people.', { reason: 'no_rule' });
        await tx.engagements.insertMessage({
          id: random.uuid(),
          questionId,
          authorUserId: author,
          side,
          body: body.trim(),
          at: at.toISOString(),
        });
        if (side !== q.askedBySide && q.status === 'open') {
          const late = at.toISOString() > q.dueAt;
          await tx.engagements.saveQuestion({ ...q, status: 'answered', answeredAt: at.toISOString() });
          await auditEngagement(deps, tx, ctx, e, {
            type: 'question.answered',
            resource: { type: 'question', id: q.id },
            data: { side, late },
          });
          await notify(deps, tx, e, audienceOn(e, q.askedBySide), [q.askedBy], 'question.answered', { title: q.title });
          await refreshDerived(tx, e);
        }
        return questionViews(tx, e, standing, at);
      });
    },

    async closeQuestion(ctx: RequestContext, id: string, questionId: string): Promise<QuestionView[]> {
      return store.transaction(async (tx) => {
        const { engagement: e, standing } = await engagementFor(tx, ctx, id, 'question.close', true);
        const q = await tx.engagements.question(questionId);
        if (!q || q.engagementId !== id)
          throw new AppError('not_found', 'No such question on this engagement.', { reason: 'question_not_found' });
        // Closing twice is the same as closing once.
        if (q.status === 'closed' && sideOf(standing) === q.askedBySide) return questionViews(tx, e, standing, now());
        refuse(questionRefusal(sideOf(standing), q, 'close'));
        const at = now().toISOString();
        await tx.engagements.saveQuestion({ ...q, status: 'closed', closedAt: at });
        await auditEngagement(deps, tx, ctx, e, { type: 'question.closed', resource: { type: 'question', id: q.id }, data: {} });
        await refreshDerived(tx, e);
        return questionViews(tx, e, standing, now());
      });
    },

    async changeRequests(ctx: RequestContext, id: string): Promise<ChangeRequestView[]> {
      const { engagement, standing } = await engagementToRead(store, ctx, id, 'sow.read');
      return changeViews(store.read, engagement, standing);
    },

    /** Either lead proposes a change of scope, fee or dates; it must leave a valid SOW. */
    async proposeChange(ctx: RequestContext, id: string, input: { summary: string; reason: string; changes: ChangeSet }) {
      return store.transaction(async (tx) => {
        const { engagement: e, standing } = await engagementFor(tx, ctx, id, 'change.propose', true);
        const sow = approvedSow(await tx.engagements.sowVersions(id));
        if (!sow) throw new AppError('internal', 'The rules let a change be proposed without an approved SOW.');
        applyChanges(sow.content, input.changes);
        const proposer = actorId(ctx);
        if (!proposer) throw new AppError('forbidden', 'Changes come from people.', { reason: 'no_rule' });
        const side = sideOf(standing);
        const c: ChangeRequestRecord = {
          id: random.uuid(),
          engagementId: id,
          summary: input.summary,
          reason: input.reason,
          changes: input.changes,
          proposedBy: proposer,
          proposedBySide: side,
          proposedAt: now().toISOString(),
          status: 'proposed',
          decidedBy: null,
          decidedAt: null,
          comment: null,
          resultingSowVersion: null,
        };
        await tx.engagements.saveChangeRequest(c);
        await auditEngagement(deps, tx, ctx, e, {
          type: 'change_request.proposed',
          resource: { type: 'change_request', id: c.id },
          data: { side, changes: Object.keys(input.changes).filter((k) => input.changes[k as keyof ChangeSet] !== undefined) },
        });
        const other = otherSide(side);
        await notify(deps, tx, e, audienceOn(e, other), await recipientsOn(tx, e, other, 'leads'), 'change_request.proposed', {
          summary: c.summary,
        });
        return changeViews(tx, e, standing);
      });
    },

    /**
     * The other side approves or rejects; the proposer may withdraw. Approval makes a new SOW
     * version, approved by both (the proposer by proposing, the other side by approving).
     */
    async decideChange(
      ctx: RequestContext,
      id: string,
      changeId: string,
      input: { decision: 'approve' | 'reject' | 'withdraw'; comment?: string | undefined },
    ) {
      return store.transaction(async (tx) => {
        const { engagement: e, standing } = await engagementFor(tx, ctx, id, 'change.decide', true);
        const c = await tx.engagements.changeRequest(changeId);
        if (!c || c.engagementId !== id)
          throw new AppError('not_found', 'No such change request on this engagement.', { reason: 'change_not_found' });
        const side = sideOf(standing);
        refuse(changeRefusal(side, e.status, c, input.decision));
        const at = now().toISOString();
        const decider = actorId(ctx);
        let resultingSowVersion: number | null = null;
        if (input.decision === 'approve') {
          const versions = await tx.engagements.sowVersions(id);
          const base = approvedSow(versions);
          if (!base) throw new AppError('invalid_state', 'There is no approved SOW to change.', { reason: 'sow_not_approved' });
          const content = applyChanges(base.content, c.changes);
          resultingSowVersion = (versions.at(-1)?.version ?? 0) + 1;
          const [clientBy, clientAt, providerBy, providerAt] =
            c.proposedBySide === 'client' ? [c.proposedBy, c.proposedAt, decider, at] : [decider, at, c.proposedBy, c.proposedAt];
          await tx.engagements.insertSow({
            engagementId: id,
            version: resultingSowVersion,
            content,
            reason: 'change_request',
            changeRequestId: c.id,
            createdBy: decider,
            createdAt: at,
            clientApprovedBy: clientBy,
            clientApprovedAt: clientAt,
            providerApprovedBy: providerBy,
            providerApprovedAt: providerAt,
          });
          await syncMilestones(deps, tx, id, content);
        }
        const status = input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'withdrawn';
        await tx.engagements.saveChangeRequest({
          ...c,
          status,
          decidedBy: decider,
          decidedAt: at,
          comment: input.comment?.trim() || null,
          resultingSowVersion,
        });
        await auditEngagement(deps, tx, ctx, e, {
          type: 'change_request.decided',
          resource: { type: 'change_request', id: c.id },
          data: { decision: input.decision, resultingSowVersion },
        });
        const tell = otherSide(side);
        await notify(deps, tx, e, audienceOn(e, tell), await recipientsOn(tx, e, tell, 'leads'), 'change_request.decided', {
          summary: c.summary,
          decision: status,
        });
        await refreshDerived(tx, e);
        return changeViews(tx, e, standing);
      });
    },
  };
}
