import type { Repos } from '../store.js';
import type { Activity } from './suggestions.js';

/**
 * What kpo already records of a person's acts on some engagements between two instants (ISO,
 * `from` inclusive, `to` exclusive), as activities for the suggestions (suggestions.ts): questions
 * asked and answered, status updates, SOW approvals, change requests proposed and decided,
 * milestones accepted or sent back, deliverable versions submitted and reviews submitted.
 */
export async function gatherActivities(
  tx: Repos,
  userId: string,
  engagementIds: readonly string[],
  from: string,
  to: string,
): Promise<Activity[]> {
  const inRange = (at: string | null): at is string => !!at && new Date(at) >= new Date(from) && new Date(at) < new Date(to);
  const out: Activity[] = [];
  for (const engagementId of engagementIds) {
    const base = { engagementId };
    const [questions, updates, sows, changes, milestones, milestoneReviews, deliverables, reviews] = await Promise.all([
      tx.engagements.questions(engagementId),
      tx.engagements.updates(engagementId),
      tx.engagements.sowVersions(engagementId),
      tx.engagements.changeRequests(engagementId),
      tx.engagements.milestones(engagementId),
      tx.engagements.reviews(engagementId),
      tx.quality.deliverables(engagementId),
      tx.quality.reviews(engagementId),
    ]);
    for (const q of questions) {
      if (q.askedBy === userId && inRange(q.askedAt))
        out.push({ ...base, kind: 'question_asked', refId: q.id, ref: q.title, at: q.askedAt, openedAt: null });
    }
    const answered = questions.filter((q) => inRange(q.answeredAt));
    if (answered.length > 0) {
      const messages = await tx.engagements.messages(answered.map((q) => q.id));
      for (const q of answered) {
        // The answer is the first reply from the other side: the message at the question's answeredAt.
        const answer = messages.find(
          (m) => m.questionId === q.id && m.side !== q.askedBySide && q.answeredAt && Date.parse(m.at) === Date.parse(q.answeredAt),
        );
        if (answer?.authorUserId === userId)
          out.push({ ...base, kind: 'question_answered', refId: q.id, ref: q.title, at: answer.at, openedAt: q.askedAt });
      }
    }
    for (const u of updates) {
      if (u.authorUserId === userId && inRange(u.postedAt))
        out.push({ ...base, kind: 'status_update_posted', refId: u.id, ref: `${u.progressPct}%`, at: u.postedAt, openedAt: null });
    }
    for (const v of sows) {
      for (const [by, at] of [
        [v.clientApprovedBy, v.clientApprovedAt],
        [v.providerApprovedBy, v.providerApprovedAt],
      ] as const) {
        if (by === userId && inRange(at))
          out.push({ ...base, kind: 'sow_approved', refId: `${engagementId}:${v.version}`, ref: `v${v.version}`, at, openedAt: null });
      }
    }
    for (const c of changes) {
      if (c.proposedBy === userId && inRange(c.proposedAt))
        out.push({ ...base, kind: 'change_request_proposed', refId: c.id, ref: c.summary, at: c.proposedAt, openedAt: null });
      if (c.decidedBy === userId && inRange(c.decidedAt))
        out.push({ ...base, kind: 'change_request_decided', refId: c.id, ref: c.summary, at: c.decidedAt, openedAt: null });
    }
    const milestoneTitle = new Map(milestones.map((m) => [m.id, m.title]));
    for (const r of milestoneReviews) {
      if (r.kind !== 'submitted' && r.byUserId === userId && inRange(r.at))
        out.push({
          ...base,
          kind: 'milestone_decided',
          refId: r.id,
          ref: milestoneTitle.get(r.milestoneId) ?? '',
          at: r.at,
          openedAt: null,
        });
    }
    const title = new Map(deliverables.map((d) => [d.id, d.title]));
    const versions = deliverables.length > 0 ? await tx.quality.versions(deliverables.map((d) => d.id)) : [];
    for (const v of versions) {
      if (v.submittedBy === userId && inRange(v.receivedAt)) {
        out.push({
          ...base,
          kind: 'deliverable_submitted',
          refId: `${v.deliverableId}:${v.version}`,
          ref: `${title.get(v.deliverableId) ?? ''} v${v.version}`,
          at: v.receivedAt,
          openedAt: null,
        });
      }
    }
    const received = new Map(versions.map((v) => [`${v.deliverableId}:${v.version}`, v.receivedAt]));
    for (const r of reviews) {
      if (r.reviewerId === userId && inRange(r.submittedAt)) {
        out.push({
          ...base,
          kind: 'deliverable_reviewed',
          refId: r.id,
          ref: `${title.get(r.deliverableId) ?? ''} v${r.version}`,
          at: r.submittedAt,
          openedAt: received.get(`${r.deliverableId}:${r.version}`) ?? null,
        });
      }
    }
  }
  return out;
}
