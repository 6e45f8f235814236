import { createHash } from 'node:crypto';

/**
 * Session cookies, API tokens and invitation links are random secrets that are stored only as
 * their SHA-256: a leaked database does not leak a usable credential. (They carry 256 bits of
 * entropy, so a fast hash is enough; passwords use argon2id.)
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export const API_TOKEN_PREFIX = 'kpo_';
