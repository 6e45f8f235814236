import type { Classification } from '../../shared/contracts/engagements.js';
import { classificationPolicies } from './classification.js';

/**
 * The grant kpo proposes for a client document, from the SOW: documents whose names share words
 * with a deliverable are the ones the work needs; the grant goes to whom the classification allows
 * (the team, or each person on it), gives the most the class allows, and lasts until the SOW's last
 * milestone (within the class's limit). The person granting sees it and decides.
 */
export interface GrantProposal {
  grantee: { kind: 'team' } | { kind: 'user'; userIds: string[] };
  access: 'view' | 'download';
  days: number;
  /** The deliverables the document's name relates to (empty: no deliverable names it). */
  deliverables: string[];
}

const DAY_MS = 86_400_000;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
const LATIN = /[a-z0-9]{3,}/g;
/** Words that say nothing about what a file holds. */
const STOP = new Set(['the', 'and', 'for', 'data', 'file', 'doc', 'final', 'draft', 'xlsx', 'csv', 'pdf', 'docx', 'txt', 'v1', 'v2']);

/** The words of a name: Latin words of 3+ letters, and every two-character run of Japanese text. */
export function termsOf(text: string): Set<string> {
  const s = text.normalize('NFKC').toLowerCase();
  const out = new Set<string>();
  for (const w of s.match(LATIN) ?? []) if (!STOP.has(w)) out.add(w);
  for (const run of s.match(CJK) ?? []) for (let i = 0; i + 2 <= run.length; i++) out.add(run.slice(i, i + 2));
  return out;
}

export function proposeGrant(
  doc: { name: string; classification: Classification },
  sow: { milestones: readonly { dueDate: string; deliverables: readonly string[] }[] } | null,
  providerTeam: readonly string[],
  today: Date,
): GrantProposal | null {
  if (!sow || providerTeam.length === 0) return null;
  const policy = classificationPolicies[doc.classification];
  const name = termsOf(doc.name.replace(/\.[^.]+$/, ''));
  const deliverables = [...new Set(sow.milestones.flatMap((m) => m.deliverables))].filter((d) => [...termsOf(d)].some((t) => name.has(t)));
  const end = Math.max(...sow.milestones.map((m) => Date.parse(`${m.dueDate}T23:59:59+09:00`)));
  const untilEnd = Math.ceil((end - today.getTime()) / DAY_MS);
  return {
    grantee: policy.grantees.includes('team') ? { kind: 'team' } : { kind: 'user', userIds: [...providerTeam] },
    access: policy.maxAccess,
    days: Math.min(policy.maxGrantDays, Math.max(1, untilEnd)),
    deliverables,
  };
}
