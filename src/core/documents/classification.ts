import type { ClassificationPolicy } from '../../shared/contracts/documents.js';
import type { Classification } from '../../shared/contracts/engagements.js';

/**
 * What each classification allows once a document is to reach the provider's people (the client's
 * own people on the engagement always see its documents). One table, read by the grant check, the
 * download check and the library view (docs/security.md, "Documents").
 *
 * - public: anyone on the provider's team may be given it, for up to a year, unmarked;
 * - internal: the team or a person, up to 90 days, watermarked;
 * - confidential: the team or a person, up to 30 days, watermarked;
 * - strictly confidential: named people only, in the browser's viewer only (no download), up to 14 days.
 */
export const classificationPolicies: Record<Classification, ClassificationPolicy> = {
  public: { classification: 'public', grantees: ['team', 'user'], maxAccess: 'download', watermark: false, maxGrantDays: 365 },
  internal: { classification: 'internal', grantees: ['team', 'user'], maxAccess: 'download', watermark: true, maxGrantDays: 90 },
  confidential: { classification: 'confidential', grantees: ['team', 'user'], maxAccess: 'download', watermark: true, maxGrantDays: 30 },
  strictly_confidential: {
    classification: 'strictly_confidential',
    grantees: ['user'],
    maxAccess: 'view',
    watermark: true,
    maxGrantDays: 14,
  },
};

/** A download ("download") gives more than the viewer ("view"). */
export const accessCovers = (granted: 'view' | 'download', wanted: 'view' | 'download'): boolean =>
  granted === 'download' || wanted === 'view';
