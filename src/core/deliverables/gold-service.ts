import {
  type DeliverableContent,
  type GoldItemView,
  type PlantGoldRequest,
  plantGoldRequestSchema,
} from '../../shared/contracts/deliverables.js';
import { AppError, type Issue, parseOrThrow } from '../../shared/errors.js';
import { actingUserId, type RequestContext } from '../access/actor.js';
import { auditEngagement, type EngagementDeps, engagementFor, engagementToRead, people, personOr } from '../engagements/context.js';
import type { DeliverableRecord, GoldItemRecord, GoldResultRecord, Repos } from '../store.js';
import { goldAppliesTo, goldCaught, goldOutcome } from './gold.js';

/**
 * Gold checks (issue #10): the client's lead plants known answers in an engagement; every version
 * submitted afterwards is scored against them. Everything here is the client's: the provider has no
 * rule to read it, its events are not shown to the provider's auditors, and nothing tells it.
 */

/** Scores a new version against the engagement's live gold items; run in the submission's transaction. */
export async function evaluateGold(
  tx: Repos,
  at: string,
  engagementId: string,
  deliverableId: string,
  version: number,
  content: DeliverableContent,
): Promise<void> {
  const items = (await tx.quality.goldItems(engagementId)).filter((g) => goldAppliesTo(g, deliverableId));
  await tx.quality.insertGoldResults(
    items.map((g) => ({ goldId: g.id, deliverableId, version, engagementId, hit: goldCaught(g, content), evaluatedAt: at })),
  );
}

const goldNotFound = () => new AppError('not_found', 'No such gold item on this engagement.', { reason: 'gold_not_found' });

export function goldService(deps: EngagementDeps) {
  const { store, clock, random } = deps;

  async function views(tx: Repos, items: readonly GoldItemRecord[], engagementId: string): Promise<GoldItemView[]> {
    const [results, deliverables] = await Promise.all([tx.quality.goldResults(engagementId), tx.quality.deliverables(engagementId)]);
    const titles = new Map(deliverables.map((d) => [d.id, d.title]));
    const names = await people(
      tx,
      items.map((g) => g.createdBy),
    );
    return items.map((g) => {
      const mine = results.filter((r) => r.goldId === g.id);
      return {
        id: g.id,
        kind: g.kind,
        label: g.label,
        terms: g.terms,
        documentId: g.documentId,
        deliverableId: g.deliverableId,
        createdBy: g.createdBy ? personOr(names, g.createdBy) : null,
        createdAt: g.createdAt,
        withdrawnAt: g.withdrawnAt,
        outcome: goldOutcome(mine),
        results: mine.map((r) => ({
          deliverableId: r.deliverableId,
          deliverableTitle: titles.get(r.deliverableId) ?? '',
          version: r.version,
          hit: r.hit,
        })),
      };
    });
  }

  return {
    async list(ctx: RequestContext, engagementId: string): Promise<GoldItemView[]> {
      await engagementToRead(store, ctx, engagementId, 'gold.read');
      return views(store.read, await store.read.quality.goldItems(engagementId), engagementId);
    },

    /** Plants an item; versions already submitted are scored against it at once. */
    async plant(ctx: RequestContext, engagementId: string, input: PlantGoldRequest): Promise<GoldItemView> {
      const request = parseOrThrow(plantGoldRequestSchema, input);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'gold.manage', true);
        const [deliverables, documents] = await Promise.all([tx.quality.deliverables(engagementId), tx.documents.list(engagementId)]);
        const issues: Issue[] = [];
        if (request.deliverableId !== null && !deliverables.some((d) => d.id === request.deliverableId))
          issues.push({ path: ['deliverableId'], code: 'unknown_deliverable', message: 'No such deliverable on this engagement.' });
        if (request.documentId !== null && !documents.some((d) => d.id === request.documentId))
          issues.push({ path: ['documentId'], code: 'unknown_document', message: 'No such document in this engagement’s vault.' });
        if (issues.length > 0) throw new AppError('invalid_input', 'The gold item points at nothing.', { reason: 'validation', issues });
        const at = clock.now().toISOString();
        const item: GoldItemRecord = {
          id: random.uuid(),
          engagementId,
          kind: request.kind,
          label: request.label,
          terms: [...new Set(request.terms.map((t) => t.trim()).filter(Boolean))],
          documentId: request.documentId,
          deliverableId: request.deliverableId,
          createdBy: actingUserId(ctx),
          createdAt: at,
          withdrawnAt: null,
        };
        await tx.quality.insertGoldItem(item);
        const latest = await latestVersions(
          tx,
          deliverables.filter((d) => goldAppliesTo(item, d.id)),
        );
        const results: GoldResultRecord[] = latest.map((v) => ({
          goldId: item.id,
          deliverableId: v.deliverableId,
          version: v.version,
          engagementId,
          hit: goldCaught(item, v.content),
          evaluatedAt: at,
        }));
        await tx.quality.insertGoldResults(results);
        await auditEngagement(
          deps,
          tx,
          ctx,
          access.engagement,
          {
            type: 'gold.planted',
            resource: { type: 'gold_item', id: item.id },
            data: { kind: item.kind, deliverableId: item.deliverableId },
          },
          null,
        );
        const [view] = await views(tx, [item], engagementId);
        return view as GoldItemView;
      });
    },

    async withdraw(ctx: RequestContext, engagementId: string, goldId: string): Promise<GoldItemView> {
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'gold.manage', true);
        const item = (await tx.quality.goldItems(engagementId)).find((g) => g.id === goldId);
        if (!item) throw goldNotFound();
        if (item.withdrawnAt !== null)
          throw new AppError('invalid_state', 'This gold item is already withdrawn.', { reason: 'gold_withdrawn' });
        const next = { ...item, withdrawnAt: clock.now().toISOString() };
        await tx.quality.saveGoldItem(next);
        await auditEngagement(
          deps,
          tx,
          ctx,
          access.engagement,
          { type: 'gold.withdrawn', resource: { type: 'gold_item', id: item.id }, data: { kind: item.kind } },
          null,
        );
        const [view] = await views(tx, [next], engagementId);
        return view as GoldItemView;
      });
    },
  };
}

async function latestVersions(tx: Repos, deliverables: readonly DeliverableRecord[]) {
  const versions = await tx.quality.versions(deliverables.map((d) => d.id));
  return deliverables.flatMap((d) => versions.filter((v) => v.deliverableId === d.id && v.version === d.latestVersion));
}
