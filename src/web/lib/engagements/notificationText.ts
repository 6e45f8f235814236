import type { NotificationKind, NotificationView } from '../../../shared/contracts/notifications';
import type { EngagementTab } from './tabs';

/**
 * What the bell says about a notification: a message key under `bell.kind`, its values taken
 * from the data each kind carries (src/core/engagements/*.ts `notify(...)`), and the tab of the
 * engagement it is about. Dates and coded values are left to the caller to format and translate.
 */
export interface NotificationMessage {
  key: string;
  values: Record<string, string | number>;
  /** Values that are ISO times, formatted by the caller. */
  dateValues: string[];
  /** Values that are coded (a status, a RAG colour, a role), translated by the caller under these prefixes. */
  codedValues: Record<string, string>;
  tab: EngagementTab;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

const tabs: Record<NotificationKind, EngagementTab> = {
  'engagement.requested': 'overview',
  'engagement.request_cancelled': 'overview',
  'engagement.status_changed': 'overview',
  'proposal.submitted': 'proposals',
  'proposal.awarded': 'sow',
  'proposal.not_awarded': 'proposals',
  'sow.approval_needed': 'sow',
  'sow.approved': 'sow',
  'team.assigned': 'overview',
  'milestone.submitted': 'milestones',
  'milestone.decided': 'milestones',
  'update.posted': 'updates',
  'question.asked': 'questions',
  'question.answered': 'questions',
  'change_request.proposed': 'changes',
  'change_request.decided': 'changes',
  'reminder.update_due': 'updates',
  'sla.breached': 'control',
  'sla.escalated': 'control',
  'model.shared': 'models',
  'model.commented': 'models',
  'document.granted': 'documents',
  'deliverable.submitted': 'deliverables',
  'deliverable.decided': 'deliverables',
  'deliverable.escalated': 'deliverables',
  'staffing.load_warning': 'overview',
  'staffing.left_out': 'overview',
};

/** Minutes as hours with one decimal (the staffing notices carry minutes). */
const hoursText = (v: unknown) => (typeof v === 'number' ? String(Math.round(v / 6) / 10) : '');

export function notificationMessage(n: Pick<NotificationView, 'kind' | 'data' | 'engagementName'>): NotificationMessage {
  const d = n.data;
  const base = { values: { name: n.engagementName ?? '' }, dateValues: [] as string[], codedValues: {}, tab: tabs[n.kind] };
  const key = (suffix: string) => `bell.kind.${suffix}`;
  switch (n.kind) {
    case 'engagement.status_changed':
      return {
        ...base,
        key: key('status_changed'),
        values: { ...base.values, status: text(d.to) },
        codedValues: { status: 'engagementStatus' },
      };
    case 'proposal.submitted':
      return { ...base, key: key('proposal_submitted'), values: { ...base.values, provider: text(d.provider) } };
    case 'sow.approval_needed':
    case 'sow.approved':
      return { ...base, key: key(n.kind.replace('.', '_')), values: { ...base.values, version: text(d.version) } };
    case 'team.assigned':
      return { ...base, key: key('team_assigned'), values: { ...base.values, role: text(d.role) }, codedValues: { role: 'teamRole' } };
    case 'milestone.submitted':
      return { ...base, key: key('milestone_submitted'), values: { ...base.values, milestone: text(d.milestone) } };
    case 'milestone.decided':
      return {
        ...base,
        key: key(d.decision === 'send_back' ? 'milestone_sent_back' : 'milestone_accepted'),
        values: { ...base.values, milestone: text(d.milestone) },
      };
    case 'update.posted':
      return {
        ...base,
        key: key('update_posted'),
        values: { ...base.values, progress: text(d.progressPct), rag: text(d.rag) },
        codedValues: { rag: 'rag' },
      };
    case 'question.asked':
      return {
        ...base,
        key: key('question_asked'),
        values: { ...base.values, title: text(d.title), due: text(d.dueAt) },
        dateValues: ['due'],
      };
    case 'question.answered':
      return { ...base, key: key('question_answered'), values: { ...base.values, title: text(d.title) } };
    case 'model.shared':
    case 'model.commented':
      return {
        ...base,
        key: key(n.kind.replace('.', '_')),
        values: { ...base.values, model: text(d.model), version: text(d.modelVersion) },
      };
    case 'document.granted':
      return { ...base, key: key('document_granted'), values: { ...base.values, document: text(d.document), days: text(d.days) } };
    case 'deliverable.submitted':
      return {
        ...base,
        key: key('deliverable_submitted'),
        values: { ...base.values, deliverable: text(d.deliverable), version: text(d.version) },
      };
    case 'deliverable.decided':
      return {
        ...base,
        key: key(
          d.decision === 'rework'
            ? 'deliverable_rework'
            : d.decision === 'accept_with_fixes'
              ? 'deliverable_accepted_with_fixes'
              : 'deliverable_accepted',
        ),
        values: { ...base.values, deliverable: text(d.deliverable), version: text(d.version) },
      };
    case 'deliverable.escalated':
      return {
        ...base,
        key: key('deliverable_escalated'),
        values: { ...base.values, deliverable: text(d.deliverable), rounds: text(d.reworkRounds), max: text(d.maxReworkRounds) },
      };
    case 'change_request.proposed':
      return { ...base, key: key('change_proposed'), values: { ...base.values, summary: text(d.summary) } };
    case 'change_request.decided':
      return {
        ...base,
        key: key(`change_${d.decision === 'approved' ? 'approved' : d.decision === 'rejected' ? 'rejected' : 'withdrawn'}`),
        values: { ...base.values, summary: text(d.summary) },
      };
    case 'reminder.update_due':
      return { ...base, key: key('update_due'), values: { ...base.values, due: text(d.dueAt) }, dateValues: ['due'] };
    case 'sla.breached':
    case 'sla.escalated': {
      const kind = text(d.kind);
      const suffix = n.kind === 'sla.breached' ? 'sla_breached' : 'sla_escalated';
      // A missed update has no subject of its own; a question or a milestone is named.
      const subject = kind === 'update' ? '' : text(d.label);
      return {
        ...base,
        key: key(subject ? `${suffix}_about` : suffix),
        values: { ...base.values, what: kind, subject, due: text(d.dueAt) },
        dateValues: ['due'],
        codedValues: { what: 'slaKind' },
      };
    }
    case 'engagement.requested':
      return { ...base, key: key('requested') };
    case 'proposal.awarded':
      return { ...base, key: key('awarded') };
    case 'proposal.not_awarded':
      return { ...base, key: key('not_awarded') };
    case 'engagement.request_cancelled':
      return { ...base, key: key('request_cancelled') };
    case 'staffing.load_warning':
      return {
        ...base,
        key: key(d.severity === 'breach' ? 'staffing_load_breach' : 'staffing_load_warning'),
        values: {
          ...base.values,
          person: text(d.person),
          rule: text(d.rule),
          month: text(d.month),
          // A count of months for that rule, minutes (as hours) for the others.
          forecast: d.rule === 'months_over_monthly_limit' ? text(d.forecast) : hoursText(d.forecast),
          limit: d.rule === 'months_over_monthly_limit' ? text(d.limit) : hoursText(d.limit),
        },
        codedValues: { rule: 'capacity.warning.rule' },
      };
    case 'staffing.left_out':
      return {
        ...base,
        key: key('staffing_left_out'),
        values: { ...base.values, person: text(d.person), reason: text(d.reason) },
        codedValues: { reason: 'staffing.leftOutReason' },
      };
  }
}
