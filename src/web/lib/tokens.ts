import type { ApiTokenView } from '../../shared/contracts/identity';

export type TokenStatus = 'active' | 'revoked' | 'expired';

export function tokenStatus(token: Pick<ApiTokenView, 'revokedAt' | 'expiresAt'>, now: Date): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The expiry choices offered when creating a token; null never expires. */
/** Every token expires: at most a year, so a forgotten one does not live for ever. */
export const tokenExpiryChoices: readonly number[] = [7, 30, 90, 365];
export const DEFAULT_TOKEN_EXPIRY_DAYS = 90;
