import type { ApiTokenView, TokenScope } from '../../shared/contracts/identity.js';
import { AppError } from '../../shared/errors.js';
import type { RequestContext } from '../access/actor.js';
import { authorize } from '../access/policy.js';
import type { ApiTokenRecord } from '../store.js';
import type { IdentityDeps } from './deps.js';
import { API_TOKEN_PREFIX, hashSecret } from './secrets.js';

const DAY = 86_400_000;

const tokenView = (t: ApiTokenRecord): ApiTokenView => ({
  id: t.id,
  name: t.name,
  orgId: t.orgId,
  scopes: t.scopes,
  prefix: t.prefix,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

function requireUser(ctx: RequestContext) {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'API tokens belong to people.', { reason: 'no_rule' });
  return ctx.actor;
}

/** Scoped API tokens for the CLI and integrations, bound to one person in one organisation. */
export function apiTokenService(deps: IdentityDeps) {
  const { store, clock, random, audit } = deps;
  return {
    async list(ctx: RequestContext): Promise<ApiTokenView[]> {
      const actor = requireUser(ctx);
      authorize(actor, 'token.list', { type: 'api_token', ownerUserId: actor.userId });
      return (await store.read.apiTokens.listForUser(actor.userId)).map(tokenView);
    },

    async create(ctx: RequestContext, input: { name: string; scopes: TokenScope[]; expiresInDays: number }) {
      const actor = requireUser(ctx);
      authorize(actor, 'token.create', { type: 'api_token', ownerUserId: actor.userId });
      const secret = `${API_TOKEN_PREFIX}${random.secret(32)}`;
      const now = clock.now();
      const token: ApiTokenRecord = {
        id: random.uuid(),
        userId: actor.userId,
        orgId: actor.orgId,
        name: input.name,
        prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
        tokenHash: hashSecret(secret),
        scopes: input.scopes,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + input.expiresInDays * DAY).toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      };
      await store.transaction(async (tx) => {
        await tx.apiTokens.insert(token);
        await audit(tx, ctx, {
          type: 'api_token.created',
          orgId: actor.orgId,
          resource: { type: 'api_token', id: token.id },
          data: { name: token.name, scopes: token.scopes, expiresAt: token.expiresAt },
        });
      });
      return { token: tokenView(token), secret };
    },

    async revoke(ctx: RequestContext, tokenId: string): Promise<void> {
      const actor = requireUser(ctx);
      await store.transaction(async (tx) => {
        const token = await tx.apiTokens.get(tokenId);
        // Someone else's token is reported as missing, not forbidden: its existence is not theirs to learn.
        if (!token || token.userId !== actor.userId) throw new AppError('not_found', 'No such API token.', { reason: 'token_not_found' });
        authorize(actor, 'token.revoke', { type: 'api_token', ownerUserId: token.userId });
        if (token.revokedAt) return;
        await tx.apiTokens.revoke(token.id, clock.now().toISOString());
        await audit(tx, ctx, {
          type: 'api_token.revoked',
          orgId: token.orgId,
          resource: { type: 'api_token', id: token.id },
          data: { name: token.name },
        });
      });
    },
  };
}

export type ApiTokenService = ReturnType<typeof apiTokenService>;
