import type { NotificationKind } from '../../shared/contracts/notifications.js';

export type Locale = 'ja' | 'en';

interface KindText {
  /** The subject line, before the engagement name. */
  subject: string;
  /** The first sentence of the body. */
  sentence: string;
}

const texts: Record<Locale, Record<NotificationKind, KindText>> = {
  ja: {
    'engagement.requested': { subject: '新しい案件の依頼', sentence: '新しい案件の依頼が届きました。' },
    'engagement.request_cancelled': { subject: '案件依頼の取り下げ', sentence: '依頼元が案件を中止したため、提案の受付は終了しました。' },
    'engagement.status_changed': { subject: '案件のステータス変更', sentence: '案件のステータスが変わりました。' },
    'proposal.submitted': { subject: '提案書の提出', sentence: '提案書が提出されました。' },
    'proposal.awarded': { subject: '提案の採用', sentence: '提案が採用されました。' },
    'proposal.not_awarded': { subject: '提案の選考結果', sentence: '今回は提案が採用されませんでした。' },
    'sow.approval_needed': { subject: 'SOWの承認依頼', sentence: 'SOW(作業範囲記述書)の承認をお願いします。' },
    'sow.approved': { subject: 'SOWの承認', sentence: 'SOW(作業範囲記述書)が承認されました。' },
    'team.assigned': { subject: 'チームへのアサイン', sentence: '案件のチームにアサインされました。' },
    'milestone.submitted': { subject: 'マイルストーンの提出', sentence: 'マイルストーンの成果物がレビューに提出されました。' },
    'milestone.decided': { subject: 'マイルストーンのレビュー結果', sentence: 'マイルストーンのレビュー結果が出ました。' },
    'update.posted': { subject: '進捗報告', sentence: '進捗報告が投稿されました。' },
    'question.asked': { subject: '新しい質問', sentence: '新しい質問が届きました。' },
    'question.answered': { subject: '質問への回答', sentence: '質問に回答がありました。' },
    'change_request.proposed': { subject: '変更要求の提案', sentence: '変更要求が提案されました。' },
    'change_request.decided': { subject: '変更要求の決定', sentence: '変更要求が決定されました。' },
    'reminder.update_due': { subject: '進捗報告の期限', sentence: '進捗報告の期限が近づいています。' },
    'sla.breached': { subject: 'SLA違反', sentence: 'SLAの期限を過ぎました。' },
    'sla.escalated': { subject: 'SLA違反のエスカレーション', sentence: 'SLA違反がエスカレーションされました。' },
    'model.shared': { subject: '財務モデルの共有', sentence: '財務モデルの版が共有されました。' },
    'model.commented': { subject: '財務モデルへのコメント', sentence: '財務モデルにコメントがありました。' },
    'document.granted': { subject: '文書の共有', sentence: '文書が共有されました。' },
    'deliverable.submitted': { subject: '成果物の提出', sentence: '成果物の新しい版が提出されました。レビューをお願いします。' },
    'deliverable.decided': { subject: '成果物の判定', sentence: '提出された成果物が判定されました。' },
    'deliverable.escalated': {
      subject: '成果物の差し戻し回数超過',
      sentence: '成果物の差し戻しが SOW の上限回数を超えました。対応をご判断ください。',
    },
    'staffing.load_warning': {
      subject: '受注による稼働の警告',
      sentence: '採用された提案の要員計画で、担当者の時間外労働の見込みが上限に近づくか超えます。',
    },
    'staffing.left_out': {
      subject: '要員計画から外れた担当者',
      sentence: '採用された提案の要員計画のうち、チームに加えられなかった担当者がいます。',
    },
  },
  en: {
    'engagement.requested': { subject: 'New engagement request', sentence: 'You have a new engagement request.' },
    'engagement.request_cancelled': {
      subject: 'Engagement request cancelled',
      sentence: 'The client cancelled the engagement; proposals are no longer taken.',
    },
    'engagement.status_changed': { subject: 'Engagement status changed', sentence: 'The status of an engagement changed.' },
    'proposal.submitted': { subject: 'Proposal submitted', sentence: 'A proposal was submitted.' },
    'proposal.awarded': { subject: 'Proposal awarded', sentence: 'Your proposal was awarded.' },
    'proposal.not_awarded': { subject: 'Proposal not selected', sentence: 'Your proposal was not selected this time.' },
    'sow.approval_needed': { subject: 'SOW awaiting your approval', sentence: 'A statement of work is waiting for your approval.' },
    'sow.approved': { subject: 'SOW approved', sentence: 'The statement of work was approved.' },
    'team.assigned': { subject: 'Assigned to a team', sentence: 'You were assigned to an engagement team.' },
    'milestone.submitted': { subject: 'Milestone submitted', sentence: 'A milestone was submitted for review.' },
    'milestone.decided': { subject: 'Milestone review decided', sentence: 'A milestone review was decided.' },
    'update.posted': { subject: 'Status update posted', sentence: 'A status update was posted.' },
    'question.asked': { subject: 'New question', sentence: 'A new question was asked.' },
    'question.answered': { subject: 'Question answered', sentence: 'A question was answered.' },
    'change_request.proposed': { subject: 'Change request proposed', sentence: 'A change request was proposed.' },
    'change_request.decided': { subject: 'Change request decided', sentence: 'A change request was decided.' },
    'reminder.update_due': { subject: 'Status update due', sentence: 'A status update is due soon.' },
    'sla.breached': { subject: 'SLA breached', sentence: 'An SLA deadline was missed.' },
    'sla.escalated': { subject: 'SLA breach escalated', sentence: 'An SLA breach was escalated.' },
    'model.shared': { subject: 'Financial model shared', sentence: 'A financial model version was shared with you.' },
    'model.commented': { subject: 'Comment on a financial model', sentence: 'Someone commented on a financial model.' },
    'document.granted': { subject: 'Document shared with you', sentence: 'A document was shared with you.' },
    'deliverable.submitted': { subject: 'Deliverable submitted', sentence: 'A new version of a deliverable was submitted for review.' },
    'deliverable.decided': { subject: 'Deliverable decided', sentence: 'A submitted deliverable was decided.' },
    'deliverable.escalated': {
      subject: 'Deliverable past its rework rounds',
      sentence: "A deliverable has been sent back more often than the SOW allows; it needs the owner's decision.",
    },
    'staffing.load_warning': {
      subject: 'Load warning after an award',
      sentence: "The awarded proposal's staffing plan brings a person's forecast overtime near or past a limit.",
    },
    'staffing.left_out': {
      subject: 'Left out of the staffing plan',
      sentence: "Someone of the awarded proposal's staffing plan was not put on the team.",
    },
  },
};

/**
 * The data keys a message shows, in order, with their labels (the keys the engagement domain puts
 * in a notification's data). Other keys are not shown.
 */
const detailLabels: Record<Locale, [key: string, label: string][]> = {
  ja: [
    ['engagementName', '案件'],
    ['title', '件名'],
    ['milestone', 'マイルストーン'],
    ['summary', '変更内容'],
    ['label', '対象'],
    ['model', 'モデル'],
    ['modelVersion', '版'],
    ['provider', '委託先'],
    ['to', '新しいステータス'],
    ['decision', '結果'],
    ['version', 'SOW'],
    ['role', '役割'],
    ['progressPct', '進捗'],
    ['rag', '状況'],
    ['dueAt', '期限'],
    ['person', '担当者'],
    ['month', '対象月'],
  ],
  en: [
    ['engagementName', 'Engagement'],
    ['title', 'Subject'],
    ['milestone', 'Milestone'],
    ['summary', 'Change'],
    ['label', 'Item'],
    ['model', 'Model'],
    ['modelVersion', 'Version'],
    ['provider', 'Provider'],
    ['to', 'New status'],
    ['decision', 'Decision'],
    ['version', 'SOW'],
    ['role', 'Role'],
    ['progressPct', 'Progress'],
    ['rag', 'RAG status'],
    ['dueAt', 'Due'],
    ['person', 'Person'],
    ['month', 'Month'],
  ],
};

/** Words for coded values (statuses, decisions, roles, RAG); unknown codes are shown as they are. */
const words: Record<Locale, Record<string, string>> = {
  ja: {
    accept: '承認',
    accepted: '承認',
    send_back: '差し戻し',
    sent_back: '差し戻し',
    approved: '承認',
    rejected: '却下',
    withdrawn: '取り下げ',
    draft: '下書き',
    requested: '依頼中',
    proposing: '提案中',
    contracted: '契約済み',
    in_progress: '進行中',
    delivered: '納品済み',
    closed: '完了',
    on_hold: '保留',
    cancelled: '中止',
    owner: 'オーナー',
    reviewer: 'レビュアー',
    lead: 'リード',
    analyst: 'アナリスト',
    red: '赤',
    amber: '黄',
    green: '緑',
    'status update': '進捗報告',
  },
  en: {
    accept: 'Accepted',
    accepted: 'Accepted',
    send_back: 'Sent back',
    sent_back: 'Sent back',
    approved: 'Approved',
    rejected: 'Rejected',
    withdrawn: 'Withdrawn',
    draft: 'Draft',
    requested: 'Requested',
    proposing: 'Proposing',
    contracted: 'Contracted',
    in_progress: 'In progress',
    delivered: 'Delivered',
    closed: 'Closed',
    on_hold: 'On hold',
    cancelled: 'Cancelled',
    owner: 'Owner',
    reviewer: 'Reviewer',
    lead: 'Lead',
    analyst: 'Analyst',
    red: 'Red',
    amber: 'Amber',
    green: 'Green',
  },
};

/** One line of text: no line breaks (they would break headers and layout), bounded length. */
function line(value: string, max = 200): string {
  const flat = value
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function formatDate(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return locale === 'ja'
    ? `${new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long', timeStyle: 'short' }).format(d)} (日本時間)`
    : `${new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' }).format(d)} UTC`;
}

function detailValue(key: string, value: unknown, locale: Locale): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value);
  if (text.trim() === '') return null;
  if (key === 'dueAt') return formatDate(text, locale);
  if (key === 'progressPct') return `${text}%`;
  if (key === 'version') return locale === 'ja' ? `第${text}版` : `version ${text}`;
  if (['to', 'decision', 'role', 'rag', 'label'].includes(key)) return words[locale][text] ?? line(text);
  return line(text);
}

export interface EmailInput {
  kind: NotificationKind;
  locale: Locale;
  displayName: string;
  engagementId: string | null;
  /** The notification's data: what its recipient may see (a provider sees the code name). */
  data: Record<string, unknown>;
  /** KPO_PUBLIC_URL: with it, the message links to the app. */
  publicUrl: string | null;
}

/** Subject and plain-text body of a notification e-mail, in the recipient's language. */
export function renderEmail(input: EmailInput): { subject: string; text: string } {
  const { locale, data } = input;
  const t = texts[locale][input.kind];
  const name = typeof data.engagementName === 'string' && data.engagementName.trim() !== '' ? line(data.engagementName, 120) : null;
  const subject = line(`[kpo] ${t.subject}${name ? `: ${name}` : ''}`, 250);
  const details = detailLabels[locale].flatMap(([key, label]) => {
    const value = detailValue(key, data[key], locale);
    return value === null ? [] : [`${label}: ${value}`];
  });
  const base = input.publicUrl?.replace(/\/+$/, '') ?? null;
  const link = base ? `${base}${input.engagementId ? `/engagements/${encodeURIComponent(input.engagementId)}` : '/'}` : null;
  const who = line(input.displayName, 100);
  const lines =
    locale === 'ja'
      ? [
          `${who} 様`,
          '',
          t.sentence,
          ...(details.length ? ['', ...details] : []),
          ...(link ? ['', `詳しくは kpo でご確認ください: ${link}`] : []),
          '',
          '--',
          'このメールは kpo から自動送信されています。通知はアプリのベルからも確認できます。',
        ]
      : [
          `Hello ${who},`,
          '',
          t.sentence,
          ...(details.length ? ['', ...details] : []),
          ...(link ? ['', `Open it in kpo: ${link}`] : []),
          '',
          '--',
          'This message was sent automatically by kpo. Your notifications are also under the bell in the app.',
        ];
  return { subject, text: `${lines.join('\n')}\n` };
}
