import type { EngagementView } from '../../../shared/contracts/engagements';

/** The close-out belongs to an engagement that has ended: closed, or cancelled. */
export const isEnded = (engagement: Pick<EngagementView, 'status'>): boolean =>
  engagement.status === 'closed' || engagement.status === 'cancelled';

/** The name to type again before the data is destroyed: the title the client knows it by (the code name also does). */
export const nameToType = (engagement: Pick<EngagementView, 'title' | 'codeName' | 'displayName'>): string =>
  engagement.title ?? engagement.codeName ?? engagement.displayName;

const same = (s: string) => s.normalize('NFC').trim();

/** Whether what was typed names the engagement, as the server compares it (it checks again). */
export function confirmationMatches(typed: string, engagement: Pick<EngagementView, 'title' | 'codeName'>): boolean {
  const t = same(typed);
  if (!t) return false;
  return (engagement.title !== null && t === same(engagement.title)) || (engagement.codeName !== null && t === same(engagement.codeName));
}

/** The command that checks a certificate offline. */
export const verifyCommand = (fileName: string): string => `kpo vault verify-certificate ${fileName}`;
