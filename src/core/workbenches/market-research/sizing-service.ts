import {
  type CompetitorMatrix,
  competitorMatrixSchema,
  type MarketSizing,
  marketSizingSchema,
  sizingLevels,
} from '../../../shared/contracts/market-sizing.js';
import type {
  CanvasSummary,
  MatrixDetail,
  SaveMatrixRequest,
  SaveMatrixVersionRequest,
  SaveSizingRequest,
  SaveSizingVersionRequest,
  SizingDetail,
} from '../../../shared/contracts/market-sizing-api.js';
import { AppError } from '../../../shared/errors.js';
import { type RequestContext, requireUserId } from '../../access/actor.js';
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
} from '../../engagements/context.js';
import type { Repos, ResearchCanvasKind, ResearchCanvasRecord, ResearchCanvasVersionRecord } from '../../store.js';
import { coverageSummary, positioningMap } from './competitors.js';
import { checkSizing, evaluateSizing } from './sizing.js';

type Positioning = { x: string; y: string };
interface MatrixBody {
  matrix: CompetitorMatrix;
  positioning: Positioning | null;
}

const notFound = (kind: ResearchCanvasKind) =>
  kind === 'sizing'
    ? new AppError('not_found', 'There is no such market sizing on this engagement.', { reason: 'sizing_not_found' })
    : new AppError('not_found', 'There is no such competitor matrix on this engagement.', { reason: 'matrix_not_found' });
const versionNotFound = (version: number) => new AppError('not_found', `There is no version ${version}.`, { reason: 'version_not_found' });
const userIdOf = (ctx: RequestContext) => requireUserId(ctx, 'Market sizings and competitor matrices are edited');
const factorCount = (s: MarketSizing) => sizingLevels.reduce((n, level) => n + s.levels[level].factors.length, 0);

/** Positioning features must be level or number features of the matrix: checked before anything is stored. */
function checkPositioning(matrix: CompetitorMatrix, positioning: Positioning | undefined): void {
  if (positioning) positioningMap(matrix, positioning.x, positioning.y);
}

/**
 * Market sizings (TAM → SAM → SOM as ranges, top-down and bottom-up) and competitor matrices of a
 * market-research engagement. The provider's team saves versions; both sides read every figure
 * with the engine's checks, so the client can see which assumption rests on what.
 */
export function marketSizingService(deps: EngagementDeps) {
  const { store } = deps;

  async function load(tx: Repos, access: Access, kind: ResearchCanvasKind, id: string, lock = false): Promise<ResearchCanvasRecord> {
    const canvas = lock ? await tx.researchCanvases.getForUpdate(id) : await tx.researchCanvases.get(id);
    if (!canvas || canvas.engagementId !== access.engagement.id || canvas.kind !== kind) throw notFound(kind);
    return canvas;
  }

  async function loadVersion(tx: Repos, canvas: ResearchCanvasRecord, version?: number): Promise<ResearchCanvasVersionRecord> {
    const v = await tx.researchCanvases.version(canvas.id, version ?? canvas.latestVersion);
    if (!v) throw versionNotFound(version ?? canvas.latestVersion);
    return v;
  }

  async function summaries(tx: Repos, canvases: readonly ResearchCanvasRecord[]): Promise<CanvasSummary[]> {
    const latest = await Promise.all(canvases.map((c) => loadVersion(tx, c)));
    const who = await people(tx, [...canvases.map((c) => c.createdBy), ...latest.map((v) => v.savedBy)]);
    return canvases.map((c, i) => ({
      id: c.id,
      engagementId: c.engagementId,
      title: c.title,
      latestVersion: c.latestVersion,
      latest: {
        version: c.latestVersion,
        note: latest[i]?.note ?? '',
        savedBy: personOr(who, latest[i]?.savedBy ?? c.createdBy),
        savedAt: latest[i]?.savedAt ?? c.updatedAt,
      },
      createdBy: personOr(who, c.createdBy),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    }));
  }

  async function versionViews(tx: Repos, canvas: ResearchCanvasRecord) {
    const versions = await tx.researchCanvases.versions(canvas.id);
    const who = await people(
      tx,
      versions.map((v) => v.savedBy),
    );
    return versions.map((v) => ({ version: v.version, note: v.note, savedBy: personOr(who, v.savedBy), savedAt: v.savedAt }));
  }

  /** The latest sizing of the same market by the other approach on the engagement, if any. */
  async function counterpartOf(tx: Repos, access: Access, canvas: ResearchCanvasRecord, sizing: MarketSizing) {
    const other = sizing.approach === 'top_down' ? 'bottom_up' : 'top_down';
    const found = await tx.researchCanvases.latestSizingOf(access.engagement.id, sizing.market, other, canvas.id);
    const parsed = found ? marketSizingSchema.safeParse(found.version.body) : null;
    if (!found || !parsed?.success) return null;
    return { ref: { id: found.canvas.id, title: found.canvas.title, version: found.canvas.latestVersion }, sizing: parsed.data };
  }

  async function sizingDetail(tx: Repos, access: Access, canvas: ResearchCanvasRecord, version?: number): Promise<SizingDetail> {
    const v = await loadVersion(tx, canvas, version);
    const sizing = marketSizingSchema.parse(v.body);
    const counterpart = await counterpartOf(tx, access, canvas, sizing);
    const [summary] = await summaries(tx, [canvas]);
    if (!summary) throw notFound('sizing');
    const evaluation = evaluateSizing(sizing, counterpart ? { counterpart: counterpart.sizing } : {});
    return {
      ...summary,
      market: sizing.market,
      approach: sizing.approach,
      versions: await versionViews(tx, canvas),
      version: v.version,
      sizing,
      evaluation: {
        currency: evaluation.currency,
        levels: evaluation.levels,
        contributions: evaluation.contributions,
        triangulation: evaluation.triangulation,
      },
      counterpart: counterpart?.ref ?? null,
      checks: checkSizing(sizing, counterpart ? { counterpart: counterpart.sizing } : {}),
      canEdit: await allowsNow(tx, access, 'survey.write'),
    };
  }

  async function matrixDetail(
    tx: Repos,
    access: Access,
    canvas: ResearchCanvasRecord,
    query: { version?: number | undefined; x?: string | undefined; y?: string | undefined } = {},
  ): Promise<MatrixDetail> {
    const v = await loadVersion(tx, canvas, query.version);
    const body = v.body as { matrix: unknown; positioning: Positioning | null };
    const matrix = competitorMatrixSchema.parse(body.matrix);
    const positioning = body.positioning ?? null;
    const x = query.x ?? positioning?.x;
    const y = query.y ?? positioning?.y;
    const [summary] = await summaries(tx, [canvas]);
    if (!summary) throw notFound('competitors');
    return {
      ...summary,
      versions: await versionViews(tx, canvas),
      version: v.version,
      matrix,
      positioning,
      map: x && y ? positioningMap(matrix, x, y) : null,
      coverage: coverageSummary(matrix),
      canEdit: await allowsNow(tx, access, 'survey.write'),
    };
  }

  /** Saves a version in the caller's transaction, with its audit event. */
  async function saveVersion(
    tx: Repos,
    ctx: RequestContext,
    access: Access,
    canvas: ResearchCanvasRecord,
    version: number,
    body: unknown,
    note: string | undefined,
    userId: string,
    now: string,
  ) {
    await tx.researchCanvases.insertVersion({
      canvasId: canvas.id,
      version,
      body,
      note: note?.trim() ?? '',
      savedBy: userId,
      savedAt: now,
    });
    if (canvas.kind === 'sizing') {
      const sizing = body as MarketSizing;
      await auditEngagement(deps, tx, ctx, access.engagement, {
        type: 'sizing.saved',
        resource: { type: 'market_sizing', id: canvas.id },
        data: { version, approach: sizing.approach, factors: factorCount(sizing) },
      });
    } else {
      const { matrix } = body as MatrixBody;
      await auditEngagement(deps, tx, ctx, access.engagement, {
        type: 'competitors.saved',
        resource: { type: 'competitor_matrix', id: canvas.id },
        data: { version, competitors: matrix.competitors.length, features: matrix.features.length },
      });
    }
  }

  async function create(ctx: RequestContext, engagementId: string, kind: ResearchCanvasKind, title: string, body: unknown, note?: string) {
    const userId = userIdOf(ctx);
    return store.transaction(async (tx) => {
      const access = await engagementFor(tx, ctx, engagementId, 'survey.write', true);
      const now = deps.clock.now().toISOString();
      const canvas: ResearchCanvasRecord = {
        id: deps.random.uuid(),
        engagementId: access.engagement.id,
        kind,
        title,
        latestVersion: 1,
        createdBy: userId,
        createdAt: now,
        updatedAt: now,
      };
      await tx.researchCanvases.insert(canvas);
      await saveVersion(tx, ctx, access, canvas, 1, body, note, userId, now);
      return { access, canvas };
    });
  }

  async function update(
    ctx: RequestContext,
    engagementId: string,
    kind: ResearchCanvasKind,
    id: string,
    baseVersion: number,
    title: string,
    body: unknown,
    note?: string,
  ) {
    const userId = userIdOf(ctx);
    return store.transaction(async (tx) => {
      const access = await engagementFor(tx, ctx, engagementId, 'survey.write', true);
      const canvas = await load(tx, access, kind, id, true);
      requireVersion(canvas.latestVersion, baseVersion, kind === 'sizing' ? 'market sizing' : 'competitor matrix');
      const now = deps.clock.now().toISOString();
      const version = canvas.latestVersion + 1;
      await saveVersion(tx, ctx, access, canvas, version, body, note, userId, now);
      await tx.researchCanvases.setLatest(canvas.id, version, title, now);
      return { access, canvas: { ...canvas, title, latestVersion: version, updatedAt: now } };
    });
  }

  const matrixTitle = (m: CompetitorMatrix) => m.title ?? '';

  return {
    async listSizings(ctx: RequestContext, engagementId: string): Promise<CanvasSummary[]> {
      const access = await engagementToRead(store, ctx, engagementId, 'survey.read');
      return summaries(store.read, await store.read.researchCanvases.listForEngagement(access.engagement.id, 'sizing'));
    },

    async getSizing(ctx: RequestContext, engagementId: string, sizingId: string, version?: number): Promise<SizingDetail> {
      const access = await engagementToRead(store, ctx, engagementId, 'survey.read');
      return sizingDetail(store.read, access, await load(store.read, access, 'sizing', sizingId), version);
    },

    async createSizing(ctx: RequestContext, engagementId: string, input: SaveSizingRequest): Promise<SizingDetail> {
      // Evaluated before anything is stored: a sizing too large to count is refused, not saved.
      evaluateSizing(input.sizing);
      const { access, canvas } = await create(ctx, engagementId, 'sizing', input.sizing.title, input.sizing, input.note);
      return sizingDetail(store.read, access, canvas);
    },

    async saveSizingVersion(
      ctx: RequestContext,
      engagementId: string,
      sizingId: string,
      input: SaveSizingVersionRequest,
    ): Promise<SizingDetail> {
      evaluateSizing(input.sizing);
      const { access, canvas } = await update(
        ctx,
        engagementId,
        'sizing',
        sizingId,
        input.baseVersion,
        input.sizing.title,
        input.sizing,
        input.note,
      );
      return sizingDetail(store.read, access, canvas);
    },

    async listMatrices(ctx: RequestContext, engagementId: string): Promise<CanvasSummary[]> {
      const access = await engagementToRead(store, ctx, engagementId, 'survey.read');
      return summaries(store.read, await store.read.researchCanvases.listForEngagement(access.engagement.id, 'competitors'));
    },

    async getMatrix(
      ctx: RequestContext,
      engagementId: string,
      matrixId: string,
      query: { version?: number | undefined; x?: string | undefined; y?: string | undefined } = {},
    ): Promise<MatrixDetail> {
      const access = await engagementToRead(store, ctx, engagementId, 'survey.read');
      return matrixDetail(store.read, access, await load(store.read, access, 'competitors', matrixId), query);
    },

    async createMatrix(ctx: RequestContext, engagementId: string, input: SaveMatrixRequest): Promise<MatrixDetail> {
      checkPositioning(input.matrix, input.positioning);
      const body: MatrixBody = { matrix: input.matrix, positioning: input.positioning ?? null };
      const { access, canvas } = await create(ctx, engagementId, 'competitors', matrixTitle(input.matrix), body, input.note);
      return matrixDetail(store.read, access, canvas);
    },

    async saveMatrixVersion(
      ctx: RequestContext,
      engagementId: string,
      matrixId: string,
      input: SaveMatrixVersionRequest,
    ): Promise<MatrixDetail> {
      checkPositioning(input.matrix, input.positioning);
      const body: MatrixBody = { matrix: input.matrix, positioning: input.positioning ?? null };
      const { access, canvas } = await update(
        ctx,
        engagementId,
        'competitors',
        matrixId,
        input.baseVersion,
        matrixTitle(input.matrix),
        body,
        input.note,
      );
      return matrixDetail(store.read, access, canvas);
    },
  };
}

export type MarketSizingService = ReturnType<typeof marketSizingService>;
