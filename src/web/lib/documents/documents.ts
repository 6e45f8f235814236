import type { ClassificationPolicy, DocumentGrant, DocumentKind, DocumentView } from '../../../shared/contracts/documents';
import type { Classification, EngagementView, Side } from '../../../shared/contracts/engagements';
import type { Locale } from '../../../shared/contracts/identity';
import { intlLocale } from '../../i18n/locale';

/** The badge colour of each class: the more sensitive, the warmer. */
export const classificationColor: Record<Classification, string> = {
  public: 'gray',
  internal: 'blue',
  confidential: 'orange',
  strictly_confidential: 'red',
};

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** A size as people read it: 532 B, 12.4 KB, 3 MB (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number, locale: Locale): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits }).format(value);
  return `${number} ${UNITS[unit]}`;
}

/** The start of a SHA-256, enough to compare two versions by eye. */
export const shortHash = (sha256: string): string => sha256.slice(0, 12);

/** What the browser's viewer can show of a kind; null when it cannot (the file is downloaded instead). */
export function viewerKind(kind: DocumentKind): 'pdf' | 'image' | 'text' | null {
  if (kind === 'pdf') return 'pdf';
  if (kind === 'png' || kind === 'jpeg' || kind === 'gif' || kind === 'webp') return 'image';
  if (kind === 'txt' || kind === 'csv') return 'text';
  return null;
}

export const latestVersionOf = (doc: DocumentView) =>
  doc.versions.find((v) => v.version === doc.latestVersion) ?? doc.versions[doc.versions.length - 1];

export const liveGrants = (doc: DocumentView): DocumentGrant[] => doc.grants.filter((g) => g.state === 'live');

/**
 * The document an upload of this name would add a version to: the server keeps one document per
 * name and side, whatever the case or full-/half-width form (a hint; the server decides).
 */
export function sameNameDocument(documents: readonly DocumentView[], name: string, side: Side): DocumentView | undefined {
  const key = (s: string) => s.normalize('NFKC').toLowerCase();
  const wanted = key(name.trim());
  if (!wanted) return undefined;
  return documents.find((d) => d.uploadedSide === side && key(d.name) === wanted);
}

/** The class's policy, from the library's answer. */
export const policyOf = (policies: readonly ClassificationPolicy[], classification: Classification): ClassificationPolicy | undefined =>
  policies.find((p) => p.classification === classification);

export interface GranteeChoice {
  value: string;
  kind: 'team' | 'user';
  userId?: string;
  displayName?: string;
}

export const TEAM_GRANTEE = 'team';

/** Who a grant may name under the class's policy: the provider's team, and each of its people on the engagement. */
export function granteeChoices(policy: ClassificationPolicy, team: EngagementView['team']): GranteeChoice[] {
  const choices: GranteeChoice[] = [];
  if (policy.grantees.includes('team')) choices.push({ value: TEAM_GRANTEE, kind: 'team' });
  if (policy.grantees.includes('user')) {
    for (const person of team.filter((p) => p.side === 'provider')) {
      choices.push({ value: person.userId, kind: 'user', userId: person.userId, displayName: person.displayName });
    }
  }
  return choices;
}

const DAY_MS = 86_400_000;

/** When a grant of `days` days made at `now` ends (the server's clock decides; this is the preview). */
export const expiryAfter = (days: number, now: Date): Date => new Date(now.getTime() + days * DAY_MS);

/** The default length of a grant: a week, or the class's limit when that is shorter. */
export const defaultGrantDays = (policy: ClassificationPolicy): number => Math.min(7, policy.maxGrantDays);
