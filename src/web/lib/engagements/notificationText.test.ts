import { describe, expect, it } from 'vitest';
import { type NotificationKind, notificationKinds } from '../../../shared/contracts/notifications';
import { en } from '../../i18n/en';
import { ja } from '../../i18n/ja';
import { notificationMessage } from './notificationText';

/** The data each kind carries, as src/core/engagements/*.ts sends it. */
const sampleData: Record<NotificationKind, Record<string, unknown>> = {
  'engagement.requested': {},
  'engagement.request_cancelled': {},
  'engagement.status_changed': { action: 'start', from: 'contracted', to: 'in_progress' },
  'proposal.submitted': { provider: 'ナレッジブリッジ' },
  'proposal.awarded': {},
  'proposal.not_awarded': {},
  'sow.approval_needed': { version: 1 },
  'sow.approved': { version: 2 },
  'team.assigned': { role: 'analyst' },
  'milestone.submitted': { milestone: '机上調査' },
  'milestone.decided': { milestone: '机上調査', decision: 'send_back' },
  'update.posted': { progressPct: 20, rag: 'amber' },
  'question.asked': { title: 'サンプル数', dueAt: '2027-01-08T09:00:00.000Z' },
  'question.answered': { title: 'サンプル数' },
  'change_request.proposed': { summary: '1 週間延期' },
  'change_request.decided': { summary: '1 週間延期', decision: 'approved' },
  'reminder.update_due': { dueAt: '2027-01-08T09:00:00.000Z', engagement: 'SAKURA' },
  'sla.breached': { kind: 'answer', label: 'サンプル数', dueAt: '2027-01-08T09:00:00.000Z', side: 'client' },
  'sla.escalated': { kind: 'update', label: 'status update', dueAt: '2027-01-08T09:00:00.000Z', side: 'provider' },
  'model.shared': { model: 'DCF モデル', modelVersion: 3 },
  'model.commented': { model: 'DCF モデル', modelVersion: 3 },
  'document.granted': { document: '対象会社_財務データ.csv', days: 7 },
  'deliverable.submitted': { deliverable: '市場調査レポート', version: 2, checkStatus: 'warn' },
  'deliverable.decided': { deliverable: '市場調査レポート', version: 2, decision: 'rework' },
  'deliverable.escalated': { deliverable: '市場調査レポート', reworkRounds: 3, maxReworkRounds: 2 },
  'staffing.load_warning': {
    person: '分析 太郎',
    userId: 'u-1',
    severity: 'breach',
    rule: 'monthly_overtime',
    month: '2026-05',
    forecast: 3000,
    limit: 2700,
  },
  'staffing.left_out': { person: '分析 花子', reason: 'legal_maximum' },
};

function lookup(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('bell messages', () => {
  it.each(notificationKinds)('has a message for %s in both languages, with every placeholder given', (kind) => {
    const message = notificationMessage({ kind, data: sampleData[kind], engagementName: 'Project Sakura' });
    for (const messages of [en, ja]) {
      const text = lookup(messages, message.key);
      expect(typeof text, `${message.key}`).toBe('string');
      for (const [, name] of String(text).matchAll(/\{\{(\w+)\}\}/g)) expect(Object.keys(message.values)).toContain(name);
    }
    for (const [value, prefix] of Object.entries(message.codedValues)) {
      expect(typeof lookup(en, `${prefix}.${message.values[value]}`), `${prefix}.${message.values[value]}`).toBe('string');
    }
  });

  it('names the engagement and links to the tab it is about', () => {
    const asked = notificationMessage({ kind: 'question.asked', data: sampleData['question.asked'], engagementName: 'Project Sakura' });
    expect(asked).toMatchObject({ key: 'bell.kind.question_asked', tab: 'questions', dateValues: ['due'] });
    expect(asked.values).toMatchObject({ name: 'Project Sakura', title: 'サンプル数' });
    expect(notificationMessage({ kind: 'sla.breached', data: sampleData['sla.breached'], engagementName: 'X' }).tab).toBe('control');
  });

  it('tells a missed update from a late answer or review, which have a subject', () => {
    const update = notificationMessage({ kind: 'sla.breached', data: { kind: 'update', label: 'status update' }, engagementName: 'X' });
    expect(update.key).toBe('bell.kind.sla_breached');
    const answer = notificationMessage({ kind: 'sla.breached', data: { kind: 'answer', label: 'Q1' }, engagementName: 'X' });
    expect(answer.key).toBe('bell.kind.sla_breached_about');
    expect(answer.values.subject).toBe('Q1');
  });

  it('tells an accepted milestone from one sent back, and each change decision apart', () => {
    expect(notificationMessage({ kind: 'milestone.decided', data: { decision: 'accept' }, engagementName: 'X' }).key).toBe(
      'bell.kind.milestone_accepted',
    );
    expect(notificationMessage({ kind: 'change_request.decided', data: { decision: 'rejected' }, engagementName: 'X' }).key).toBe(
      'bell.kind.change_rejected',
    );
    const decided = (decision: string) =>
      notificationMessage({ kind: 'deliverable.decided', data: { decision, deliverable: 'R', version: 1 }, engagementName: 'X' }).key;
    expect([decided('accept'), decided('accept_with_fixes'), decided('rework')]).toEqual([
      'bell.kind.deliverable_accepted',
      'bell.kind.deliverable_accepted_with_fixes',
      'bell.kind.deliverable_rework',
    ]);
  });
});
