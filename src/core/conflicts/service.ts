import {
  type ConflictReport,
  type ConflictView,
  type DeclarationsRequest,
  type DeclarationsView,
  declarationsRequestSchema,
  type OverrideRequest,
  overrideRequestSchema,
  type RestrictedListRequest,
  type RestrictedListView,
  restrictedListRequestSchema,
  type SubjectsRequest,
  type SubjectsView,
  subjectsRequestSchema,
} from '../../shared/contracts/conflicts.js';
import { AppError, type Issue, parseOrThrow } from '../../shared/errors.js';
import { actingUserId, type RequestContext } from '../access/actor.js';
import { sideOfStanding } from '../access/engagement-rules.js';
import { authorize, can } from '../access/policy.js';
import {
  type Access,
  allowsNow,
  auditEngagement,
  type EngagementDeps,
  engagementFor,
  engagementToRead,
  people,
  personOr,
  requireVersion,
} from '../engagements/context.js';
import type { ConflictOverrideRecord, DeclarationsRecord, EngagementRecord, Repos, RestrictedEntityRecord } from '../store.js';
import {
  type Conflict,
  type ConflictKind,
  type ConflictSubjects,
  conflictKey,
  conflictsOf,
  entityKey,
  japanDate,
  type RestrictedEntityRef,
  uncovered,
} from './rules.js';

/** What a person's standing on the engagement is checked for: being put on the team, or being given a document. */
export interface GuardedAction {
  action: 'team_assignment' | 'document_grant';
  documentId?: string;
  /** Where the refused person is named in the request (`userId`, `grantee`). */
  path: string;
}

/** One person's standing against the engagement's walls. */
export interface CheckResult {
  userId: string;
  /** Every conflict the rule finds today. */
  conflicts: Conflict[];
  /** The override in force for the person on this engagement, if any. */
  override: ConflictOverrideRecord | null;
  /** The conflicts no override covers: non-empty means blocked. */
  blocking: Conflict[];
  declarations: DeclarationsRecord | null;
}

const toRef = (e: RestrictedEntityRecord): RestrictedEntityRef => ({ id: e.id, name: e.name, aliases: e.aliases, tickers: e.tickers });

/** The engagement's subjects as the rule reads them, with the client's cooling-off period. */
async function subjectsOf(tx: Repos, e: EngagementRecord) {
  const rows = await tx.conflicts.subjects(e.id);
  if (rows.length === 0) return { subjects: { targets: [], competitors: [] } as ConflictSubjects, coolingOffMonths: 0, entities: [] };
  const [entities, settings] = await Promise.all([tx.conflicts.entities(e.clientOrgId), tx.conflicts.settings(e.clientOrgId)]);
  const byId = new Map(entities.map((x) => [x.id, x]));
  const pick = (role: 'target' | 'competitor') =>
    rows.flatMap((r) => {
      const entity = r.role === role ? byId.get(r.entityId) : undefined;
      return entity ? [toRef(entity)] : [];
    });
  return { subjects: { targets: pick('target'), competitors: pick('competitor') }, coolingOffMonths: settings.coolingOffMonths, entities };
}

/**
 * The one check of the walls, for several people of the engagement's provider at once: their
 * declarations (in the awarded provider) against the engagement's subjects today, and the override
 * in force for each. Reads in the caller's transaction, so what is checked is what is committed.
 */
export async function checkPeople(
  deps: Pick<EngagementDeps, 'clock'>,
  tx: Repos,
  e: EngagementRecord,
  userIds: readonly string[],
): Promise<CheckResult[]> {
  const { subjects, coolingOffMonths } = await subjectsOf(tx, e);
  const none = subjects.targets.length === 0 && subjects.competitors.length === 0;
  const providerOrgId = e.awardedProviderOrgId;
  const [declared, overrides] = await Promise.all([
    none || !providerOrgId ? Promise.resolve([]) : tx.conflicts.declarationsOf(userIds, providerOrgId),
    none ? Promise.resolve([]) : tx.conflicts.overrides(e.id),
  ]);
  const today = japanDate(deps.clock.now());
  return userIds.map((userId) => {
    const declarations = declared.find((d) => d.userId === userId) ?? null;
    const conflicts = declarations ? conflictsOf(declarations, subjects, coolingOffMonths, today) : [];
    const override = overrides.find((o) => o.userId === userId) ?? null;
    return { userId, conflicts, override, blocking: uncovered(conflicts, override?.covers ?? null), declarations };
  });
}

/** `check(tx, engagement, userId)`: one person's conflicts and the override in force. */
export async function check(
  deps: Pick<EngagementDeps, 'clock'>,
  tx: Repos,
  e: EngagementRecord,
  userId: string,
): Promise<{ conflicts: Conflict[]; override: ConflictOverrideRecord | null; blocking: Conflict[] }> {
  const [result] = await checkPeople(deps, tx, e, [userId]);
  return { conflicts: result?.conflicts ?? [], override: result?.override ?? null, blocking: result?.blocking ?? [] };
}

const kindWords: Record<ConflictKind, string> = {
  current_employee_of_target: 'currently works for the target',
  current_employee_of_competitor: 'currently works for a competitor named in the brief',
  former_employee_of_target_in_cooling_off: 'worked for the target within the cooling-off period',
  holding_in_target: 'holds shares in the target',
};

/** A refusal by the walls; `recorded` settles once the block is on record (tests and callers may wait for it). */
export class ConflictBlockedError extends AppError {
  constructor(
    message: string,
    options: ConstructorParameters<typeof AppError>[2],
    readonly recorded: Promise<void>,
  ) {
    super('invalid_state', message, options);
  }
}

/**
 * Refuses to put provider people on the engagement (the team, a document) while a conflict no
 * override covers stands in their way: `invalid_state` / `conflict_of_interest`, one issue per
 * conflict with its kind as the code. A client's person is told which entity; the provider is told
 * only the kind (the target and competitors are the client's).
 *
 * Each block is audited (`conflict.blocked`) in a transaction of its own, because the request's
 * transaction is about to roll back with the refusal, and the block must stay on record. That
 * transaction is started here but not awaited: the caller still holds its transaction, and on
 * PGlite (one connection) waiting for a second one from inside the first would never end — it
 * runs as soon as the refused transaction gives the connection back; on PostgreSQL it runs on a
 * connection of its own at once (it touches only the audit chain, which the refused transaction
 * has not locked when it checks before changing anything). It is apart from the request's work
 * (`transactionApart`): a retry of the refused request with its Idempotency-Key is a new attempt.
 */
export async function assertNoConflict(
  deps: EngagementDeps,
  tx: Repos,
  ctx: RequestContext,
  access: Pick<Access, 'engagement' | 'standing'>,
  userId: string | readonly string[],
  what: GuardedAction = { action: 'team_assignment', path: 'userId' },
): Promise<void> {
  const e = access.engagement;
  const ids = typeof userId === 'string' ? [userId] : [...new Set(userId)];
  const blocked = (await checkPeople(deps, tx, e, ids)).filter((r) => r.blocking.length > 0);
  if (blocked.length === 0) return;
  const names = await people(tx, ids);
  const clientSide = sideOfStanding(access.standing) === 'client';
  const issues: Issue[] = blocked.flatMap((r) =>
    r.blocking.map((c) => {
      const person = personOr(names, r.userId).displayName;
      const params: Record<string, string> = { person, userId: r.userId };
      if (clientSide) {
        params.entity = c.entityName;
        if (c.coolingOffEnds) params.until = c.coolingOffEnds;
      }
      return { path: [what.path], code: c.kind, message: `${person} ${kindWords[c.kind]}.`, params };
    }),
  );
  const recorded = deps.store
    .transactionApart(async (own) => {
      for (const r of blocked) {
        await auditEngagement(
          deps,
          own,
          ctx,
          e,
          {
            type: 'conflict.blocked',
            resource: { type: 'engagement', id: e.id },
            data: {
              userId: r.userId,
              action: what.action,
              documentId: what.documentId ?? null,
              conflicts: r.blocking.map((c) => ({ kind: c.kind, entityId: c.entityId })),
            },
          },
          null,
        );
      }
    })
    .then(
      () => undefined,
      // The refusal stands whether or not its record could be written; the failure is not the caller's to handle.
      () => undefined,
    );
  const who = blocked.map((r) => personOr(names, r.userId).displayName).join(', ');
  throw new ConflictBlockedError(
    `A conflict of interest stands in the way of ${who}: ${what.action === 'team_assignment' ? 'they cannot join the team' : 'they cannot be given this document'} unless a client administrator lifts it with a reason.`,
    { reason: 'conflict_of_interest', params: { people: blocked.length, names: who }, issues },
    recorded,
  );
}

/**
 * Everyone a grant to the provider's team reaches: the people assigned to the engagement and the
 * provider's managers (admins and delivery managers stand as its leads; core/documents).
 */
export async function teamGrantReach(tx: Repos, access: Pick<Access, 'engagement' | 'facts'>): Promise<string[]> {
  const providerOrgId = access.engagement.awardedProviderOrgId;
  if (!providerOrgId) return [];
  const managers = (await tx.memberships.listForOrg(providerOrgId))
    .filter((m) => m.status === 'active' && m.roles.some((r) => r === 'provider_admin' || r === 'delivery_manager'))
    .map((m) => m.userId);
  return [...new Set([...access.facts.providerTeamUserIds, ...managers])];
}

/** The service behind the routes: declarations, the restricted list, an engagement's subjects, the report, overrides. */
export function conflictService(deps: EngagementDeps) {
  const { store, clock, random } = deps;

  function providerPerson(ctx: RequestContext): { userId: string; orgId: string } {
    if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Declarations are made by people.', { reason: 'user_required' });
    return { userId: ctx.actor.userId, orgId: ctx.actor.orgId };
  }

  const declarationsView = (orgId: string, d: DeclarationsRecord | null): DeclarationsView => ({
    orgId,
    employers: d?.employers ?? [],
    holdings: d?.holdings ?? [],
    declaredAt: d?.declaredAt ?? null,
  });

  async function listView(tx: Repos, orgId: string): Promise<RestrictedListView> {
    const [settings, entities, use] = await Promise.all([
      tx.conflicts.settings(orgId),
      tx.conflicts.entities(orgId),
      tx.conflicts.entityUse(orgId),
    ]);
    return {
      orgId,
      coolingOffMonths: settings.coolingOffMonths,
      version: settings.version,
      entities: entities.map((x) => ({
        id: x.id,
        name: x.name,
        aliases: x.aliases,
        tickers: x.tickers,
        kind: x.kind,
        note: x.note,
        engagements: use.get(x.id) ?? 0,
      })),
    };
  }

  async function subjectsView(tx: Repos, access: Access): Promise<SubjectsView> {
    const e = access.engagement;
    const [rows, entities, settings] = await Promise.all([
      tx.conflicts.subjects(e.id),
      tx.conflicts.entities(e.clientOrgId),
      tx.conflicts.settings(e.clientOrgId),
    ]);
    const ref = (x: RestrictedEntityRecord) => ({ id: x.id, name: x.name, aliases: x.aliases, tickers: x.tickers, kind: x.kind });
    const of = (role: 'target' | 'competitor') => entities.filter((x) => rows.some((r) => r.entityId === x.id && r.role === role)).map(ref);
    return {
      targets: of('target'),
      competitors: of('competitor'),
      choices: entities.map(ref),
      coolingOffMonths: settings.coolingOffMonths,
      maySet: await allowsNow(tx, access, 'conflict.set_subjects'),
    };
  }

  function conflictView(c: Conflict, d: DeclarationsRecord | null): ConflictView {
    const employer = c.source.type === 'employer' ? d?.employers[c.source.index] : undefined;
    const holding = c.source.type === 'holding' ? d?.holdings[c.source.index] : undefined;
    return {
      kind: c.kind,
      entity: { id: c.entityId, name: c.entityName },
      declared: {
        type: c.source.type,
        entity: employer?.entity ?? holding?.entity ?? '',
        from: employer?.from ?? null,
        to: employer?.to ?? null,
      },
      coolingOffEnds: c.coolingOffEnds ?? null,
    };
  }

  async function reportOf(tx: Repos, ctx: RequestContext, access: Access): Promise<ConflictReport> {
    const e = access.engagement;
    const roles = new Map<string, 'lead' | 'analyst' | 'manager' | 'candidate'>();
    for (const t of await tx.engagements.team(e.id)) if (t.side === 'provider') roles.set(t.userId, t.role === 'lead' ? 'lead' : 'analyst');
    if (e.awardedProviderOrgId) {
      // A team grant reaches the provider's managers too; and whoever was refused here may need an override.
      const members = (await tx.memberships.listForOrg(e.awardedProviderOrgId)).filter((m) => m.status === 'active');
      for (const m of members) {
        if (m.roles.some((r) => r === 'provider_admin' || r === 'delivery_manager') && !roles.has(m.userId)) roles.set(m.userId, 'manager');
      }
      const memberIds = new Set(members.map((m) => m.userId));
      const blocks = await tx.audit.query({ type: 'conflict.blocked', resourceType: 'engagement', resourceId: e.id, limit: 500 });
      for (const b of blocks) {
        const id = String((b.data as { userId?: unknown }).userId ?? '');
        if (memberIds.has(id) && !roles.has(id)) roles.set(id, 'candidate');
      }
    }
    const ids = [...roles.keys()];
    const [results, names, { coolingOffMonths }] = await Promise.all([
      checkPeople(deps, tx, e, ids),
      people(tx, ids),
      tx.conflicts.settings(e.clientOrgId),
    ]);
    const deciders = await people(
      tx,
      results.map((r) => r.override?.byUserId ?? null),
    );
    const mayOverride = can(ctx.actor, 'conflict.override', { type: 'engagement', facts: access.facts }).allowed;
    return {
      today: japanDate(clock.now()),
      coolingOffMonths,
      mayOverride,
      people: results
        .map((r) => ({
          userId: r.userId,
          displayName: personOr(names, r.userId).displayName,
          role: roles.get(r.userId) ?? 'candidate',
          declaredAt: r.declarations?.declaredAt ?? null,
          conflicts: r.conflicts.map((c) => conflictView(c, r.declarations)),
          override: r.override
            ? {
                id: r.override.id,
                by: personOr(deciders, r.override.byUserId),
                at: r.override.at,
                reason: r.override.reason,
                covers: r.override.covers,
              }
            : null,
          blocked: r.blocking.length > 0,
        }))
        .sort((a, b) => Number(b.blocked) - Number(a.blocked) || a.displayName.localeCompare(b.displayName, 'ja')),
    };
  }

  return {
    /** The caller's own declarations, in the provider organisation they are signed in to. */
    async myDeclarations(ctx: RequestContext): Promise<DeclarationsView> {
      const me = providerPerson(ctx);
      authorize(ctx.actor, 'conflict.read_declarations', { type: 'organization', orgId: me.orgId });
      return declarationsView(me.orgId, await store.read.conflicts.declarations(me.userId, me.orgId));
    },

    async saveMyDeclarations(ctx: RequestContext, input: DeclarationsRequest): Promise<DeclarationsView> {
      const me = providerPerson(ctx);
      authorize(ctx.actor, 'conflict.declare', { type: 'organization', orgId: me.orgId });
      const body = parseOrThrow(declarationsRequestSchema, input);
      const record: DeclarationsRecord = { ...me, ...body, declaredAt: clock.now().toISOString() };
      return store.transaction(async (tx) => {
        await tx.conflicts.saveDeclarations(record);
        await deps.audit(tx, ctx, {
          type: 'conflict.declarations_updated',
          orgId: me.orgId,
          resource: { type: 'user', id: me.userId },
          data: { employers: record.employers.length, holdings: record.holdings.length },
        });
        return declarationsView(me.orgId, record);
      });
    },

    async restrictedList(ctx: RequestContext, orgId: string): Promise<RestrictedListView> {
      authorize(ctx.actor, 'conflict.read_restricted_list', { type: 'organization', orgId });
      return listView(store.read, orgId);
    },

    /**
     * Replaces the restricted list and the cooling-off period. An entry keeps its id (engagements
     * name entities by id); one named by an engagement cannot be removed — take it off the
     * engagement first, so that no wall falls without someone deciding it.
     */
    async saveRestrictedList(ctx: RequestContext, orgId: string, input: RestrictedListRequest): Promise<RestrictedListView> {
      authorize(ctx.actor, 'conflict.manage_restricted_list', { type: 'organization', orgId });
      const body = parseOrThrow(restrictedListRequestSchema, input);
      return store.transaction(async (tx) => {
        const settings = await tx.conflicts.settings(orgId, { forUpdate: true });
        requireVersion(settings.version, body.version, 'restricted list');
        const before = await tx.conflicts.entities(orgId);
        const byId = new Map(before.map((x) => [x.id, x]));
        const use = await tx.conflicts.entityUse(orgId);
        const issues: Issue[] = [];
        const seen = new Map<string, number>();
        for (const [i, x] of body.entities.entries()) {
          if (x.id !== undefined && !byId.has(x.id))
            issues.push({ path: ['entities', i, 'id'], code: 'unknown_entity', message: 'No entity of your restricted list has this id.' });
          const key = entityKey(x.name);
          const first = seen.get(key);
          if (first !== undefined)
            issues.push({
              path: ['entities', i, 'name'],
              code: 'duplicate',
              message: `The same entity as entry ${first + 1}.`,
              params: { entry: first + 1 },
            });
          else seen.set(key, i);
        }
        const kept = new Set(body.entities.flatMap((x) => (x.id ? [x.id] : [])));
        for (const x of before) {
          if (!kept.has(x.id) && (use.get(x.id) ?? 0) > 0)
            issues.push({
              path: ['entities'],
              code: 'entity_in_use',
              message: `“${x.name}” is named on ${use.get(x.id)} engagement(s); take it off them first.`,
              params: { name: x.name, engagements: use.get(x.id) ?? 0 },
            });
        }
        if (issues.length > 0) throw new AppError('invalid_input', 'The restricted list has problems.', { reason: 'validation', issues });
        const now = clock.now().toISOString();
        const next: RestrictedEntityRecord[] = body.entities.map((x) => {
          const old = x.id ? byId.get(x.id) : undefined;
          return {
            id: old?.id ?? random.uuid(),
            orgId,
            name: x.name,
            aliases: x.aliases,
            tickers: x.tickers,
            kind: x.kind,
            note: x.note.trim(),
            createdAt: old?.createdAt ?? now,
            updatedAt: now,
          };
        });
        const changed = next.filter((x) => {
          const old = byId.get(x.id);
          return (
            old &&
            JSON.stringify([old.name, old.aliases, old.tickers, old.kind, old.note]) !==
              JSON.stringify([x.name, x.aliases, x.tickers, x.kind, x.note])
          );
        }).length;
        await tx.conflicts.saveEntities(orgId, next);
        await tx.conflicts.saveSettings(
          { orgId, coolingOffMonths: body.coolingOffMonths, version: settings.version + 1 },
          actingUserId(ctx),
          now,
        );
        await deps.audit(tx, ctx, {
          type: 'conflict.restricted_list_updated',
          orgId,
          resource: { type: 'organization', id: orgId },
          data: {
            entities: next.length,
            added: next.filter((x) => !byId.has(x.id)).length,
            changed,
            removed: before.filter((x) => !kept.has(x.id)).length,
            coolingOffMonths: body.coolingOffMonths,
          },
        });
        return listView(tx, orgId);
      });
    },

    async subjects(ctx: RequestContext, engagementId: string): Promise<SubjectsView> {
      const access = await engagementToRead(store, ctx, engagementId, 'conflict.review');
      return subjectsView(store.read, access);
    },

    /** The client's lead names the engagement's target(s) and the competitors its brief names, from the restricted list. */
    async setSubjects(ctx: RequestContext, engagementId: string, input: SubjectsRequest): Promise<SubjectsView> {
      const body = parseOrThrow(subjectsRequestSchema, input);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'conflict.set_subjects', true);
        const known = new Set((await tx.conflicts.entities(access.engagement.clientOrgId)).map((x) => x.id));
        const issues: Issue[] = [];
        const check = (field: 'targets' | 'competitors') =>
          body[field].forEach((id, i) => {
            if (!known.has(id)) issues.push({ path: [field, i], code: 'unknown_entity', message: 'Not on your restricted list.' });
            else if (body[field].indexOf(id) !== i) issues.push({ path: [field, i], code: 'each_once', message: 'Named twice.' });
            else if (field === 'competitors' && body.targets.includes(id))
              issues.push({ path: [field, i], code: 'target_and_competitor', message: 'Already the target.' });
          });
        check('targets');
        check('competitors');
        if (issues.length > 0) throw new AppError('invalid_input', 'Some entities cannot be named.', { reason: 'validation', issues });
        const targets = [...new Set(body.targets)];
        const competitors = [...new Set(body.competitors)];
        await tx.conflicts.setSubjects(engagementId, [
          ...targets.map((entityId) => ({ engagementId, entityId, role: 'target' as const })),
          ...competitors.map((entityId) => ({ engagementId, entityId, role: 'competitor' as const })),
        ]);
        await auditEngagement(
          deps,
          tx,
          ctx,
          access.engagement,
          { type: 'conflict.subjects_set', resource: { type: 'engagement', id: engagementId }, data: { targets, competitors } },
          null,
        );
        return subjectsView(tx, access);
      });
    },

    /** Every provider person who is or could be on the engagement, with their conflicts and overrides (the client's view). */
    async report(ctx: RequestContext, engagementId: string): Promise<ConflictReport> {
      const access = await engagementToRead(store, ctx, engagementId, 'conflict.review');
      return reportOf(store.read, ctx, access);
    },

    /** A client admin lifts the wall for one person, with a written reason; it covers the conflicts found now. */
    async override(ctx: RequestContext, engagementId: string, input: OverrideRequest): Promise<ConflictReport> {
      const body = parseOrThrow(overrideRequestSchema, input);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'conflict.override', true);
        const e = access.engagement;
        const member = e.awardedProviderOrgId ? await tx.memberships.get(body.userId, e.awardedProviderOrgId) : null;
        if (!member) {
          throw new AppError('invalid_input', "This person is not one of the awarded provider's people.", {
            reason: 'validation',
            issues: [{ path: ['userId'], code: 'not_member', message: "Not a member of the engagement's provider." }],
          });
        }
        const result = await check(deps, tx, e, body.userId);
        if (result.blocking.length === 0) {
          throw new AppError('invalid_state', 'Nothing stands in the way of this person: there is no conflict to lift.', {
            reason: 'no_conflict',
          });
        }
        const record: ConflictOverrideRecord = {
          id: random.uuid(),
          engagementId,
          userId: body.userId,
          reason: body.reason.trim(),
          covers: result.conflicts.map(conflictKey),
          byUserId: actingUserId(ctx),
          at: clock.now().toISOString(),
        };
        await tx.conflicts.insertOverride(record);
        await auditEngagement(
          deps,
          tx,
          ctx,
          e,
          {
            type: 'conflict.overridden',
            resource: { type: 'conflict_override', id: record.id },
            data: {
              userId: body.userId,
              reason: record.reason,
              conflicts: result.conflicts.map((c) => ({ kind: c.kind, entityId: c.entityId })),
            },
          },
          null,
        );
        return reportOf(tx, ctx, access);
      });
    },
  };
}

export type ConflictService = ReturnType<typeof conflictService>;
