import { createHash } from 'node:crypto';
import type { FinancialModel } from '../../../shared/contracts/financial-model.js';
import type {
  AnalyzeDraftRequest,
  ImportFile,
  ImportHistoricalsResult,
  ImportPreview,
  ModelAnalysis,
  ModelComment,
  ModelDetail,
  ModelSummary,
  ModelVersion,
  ModelVersionSummary,
  SensitivityRequest,
  ShareVersionRequest,
  ValueBridgeView,
} from '../../../shared/contracts/financial-model-api.js';
import { AppError } from '../../../shared/errors.js';
import { type RequestContext, requireUserId } from '../../access/actor.js';
import { sideOfStanding } from '../../access/engagement-rules.js';
import { canonicalJson } from '../../audit/chain.js';
import {
  type Access,
  allowsNow,
  audienceOn,
  auditEngagement,
  type EngagementDeps,
  engagementFor,
  engagementToRead,
  notify,
  people,
  personOr,
  recipientsOn,
  requireVersion,
} from '../../engagements/context.js';
import type { FinancialModelCommentRecord, FinancialModelRecord, FinancialModelVersionMeta, Repos } from '../../store.js';
import { analyzeModel, headline } from './analysis.js';
import { checkModel } from './checks.js';
import { historicalLineIds, importHistoricals, suggestMapping, type TableReader } from './import.js';
import { parseFinancialModel } from './model.js';
import { valueBridge } from './value-bridge.js';

const modelNotFound = () => new AppError('not_found', 'No such financial model on this engagement.', { reason: 'model_not_found' });

const versionNotFound = (version: number) =>
  new AppError('not_found', `The model has no version ${version} you can see.`, { reason: 'version_not_found' });

const sha256Of = (document: FinancialModel) => createHash('sha256').update(canonicalJson(document)).digest('hex');

const userIdOf = (ctx: RequestContext) => requireUserId(ctx, 'Models are saved');

export interface SaveModelInput {
  name: string;
  note?: string | undefined;
  document: unknown;
}

export interface CommentInput {
  body: string;
}

export interface SaveVersionInput {
  baseVersion: number;
  note?: string | undefined;
  document: unknown;
}

/** Rows and columns of an uploaded table shown in the preview. */
const PREVIEW_ROWS = 80;
const PREVIEW_COLUMNS = 30;

/** At most this many unmapped labels and year headers go back with a preview. */
const PREVIEW_LIST = 500;
const capLists = (m: ReturnType<typeof suggestMapping>) => ({
  ...m,
  years: m.years.slice(0, PREVIEW_LIST),
  unmapped: m.unmapped.slice(0, PREVIEW_LIST),
});

async function tableOf(tables: TableReader, file: ImportFile) {
  const bytes = new Uint8Array(Buffer.from(file.contentBase64, 'base64'));
  return tables.read({ name: file.fileName, bytes }, { sheet: file.sheet });
}

/** Renders an export of a saved version (infra does the file formats). */
export type RenderExport = (model: FinancialModel) => Promise<Uint8Array>;

export interface FinancialModelDeps extends EngagementDeps {
  /** Reads uploaded .csv and .xlsx files into tables (infra/files). */
  tables: TableReader;
}

/**
 * Financial models kept on an engagement: the provider's team creates them and saves versions,
 * both teams read them, analyse them, compare versions and export them. Every saved version is
 * validated, valued and checked once, and never changes; each save and export is audited.
 */
export function financialModelService(deps: FinancialModelDeps) {
  const { store } = deps;

  /** Unshared versions are the provider team's drafts: everyone else sees only shared ones. */
  const seesDrafts = (tx: Repos, access: Access) => allowsNow(tx, access, 'model.read_drafts');

  /** The model, if the caller may see it: for the client, only once some version of it is shared. */
  async function loadModel(tx: Repos, access: Access, modelId: string, lock = false): Promise<FinancialModelRecord> {
    const model = lock ? await tx.financialModels.getForUpdate(modelId) : await tx.financialModels.get(modelId);
    if (!model || model.engagementId !== access.engagement.id) throw modelNotFound();
    if (!(await seesDrafts(tx, access)) && (await tx.financialModels.latestVersions([model.id], true)).length === 0) throw modelNotFound();
    return model;
  }

  /** A version's metadata, if the caller may see it (a draft is not there for the client). */
  async function loadMeta(tx: Repos, access: Access, model: FinancialModelRecord, version: number) {
    const found = await tx.financialModels.version(model.id, version);
    if (!found || (found.sharedAt === null && !(await seesDrafts(tx, access)))) throw versionNotFound(version);
    return found;
  }

  async function loadDocument(
    tx: Repos,
    access: Access,
    model: FinancialModelRecord,
    version: number,
  ): Promise<{ meta: FinancialModelVersionMeta; document: FinancialModel }> {
    const { document, ...meta } = await loadMeta(tx, access, model, version);
    return { meta, document: parseFinancialModel(document) };
  }

  async function versionViews(
    tx: Repos,
    metas: readonly FinancialModelVersionMeta[],
    commentCounts: ReadonlyMap<number, number> = new Map(),
  ): Promise<ModelVersionSummary[]> {
    const who = await people(
      tx,
      metas.flatMap((m) => [m.savedBy, m.sharedBy]),
    );
    return metas.map((m) => ({
      version: m.version,
      note: m.note,
      savedAt: m.savedAt,
      savedBy: personOr(who, m.savedBy),
      sha256: m.sha256,
      valuePerShare: m.valuePerShare,
      enterpriseValue: m.enterpriseValue,
      checkStatus: m.checkStatus,
      sharedAt: m.sharedAt,
      sharedBy: m.sharedBy === null ? null : personOr(who, m.sharedBy),
      shareReason: m.shareReason,
      comments: commentCounts.get(m.version) ?? 0,
    }));
  }

  async function commentViews(tx: Repos, comments: readonly FinancialModelCommentRecord[]): Promise<ModelComment[]> {
    const who = await people(
      tx,
      comments.map((c) => c.authorId),
    );
    return comments.map((c) => ({
      id: c.id,
      version: c.version,
      author: personOr(who, c.authorId),
      authorSide: c.authorSide,
      body: c.body,
      createdAt: c.createdAt,
    }));
  }

  /** Each model with its newest version the caller may see; a model with none is left out. */
  async function summaries(tx: Repos, models: readonly FinancialModelRecord[], drafts: boolean): Promise<ModelSummary[]> {
    const latest = await tx.financialModels.latestVersions(
      models.map((m) => m.id),
      !drafts,
    );
    const latestViews = await versionViews(tx, latest);
    const views = new Map(latest.map((meta, i) => [meta.modelId, latestViews[i]]));
    const who = await people(
      tx,
      models.map((m) => m.createdBy),
    );
    return models.flatMap((m) => {
      const view = views.get(m.id);
      if (!view) return [];
      return [
        {
          id: m.id,
          engagementId: m.engagementId,
          name: m.name,
          currency: m.currency,
          latestVersion: view.version,
          createdAt: m.createdAt,
          createdBy: personOr(who, m.createdBy),
          latest: view,
        },
      ];
    });
  }

  async function detail(tx: Repos, access: Access, model: FinancialModelRecord): Promise<ModelDetail> {
    const drafts = await seesDrafts(tx, access);
    const [summary] = await summaries(tx, [model], drafts);
    if (!summary) throw modelNotFound();
    const [metas, counts] = await Promise.all([tx.financialModels.versions(model.id, !drafts), tx.financialModels.commentCounts(model.id)]);
    const versions = await versionViews(tx, metas, counts);
    const [canEdit, canShare, canComment] = await Promise.all(
      (['model.write', 'model.share', 'model.comment'] as const).map((action) => allowsNow(tx, access, action)),
    );
    return { ...summary, versions, canEdit: !!canEdit, canShare: !!canShare, canComment: !!canComment };
  }

  /** Validates, values and checks a document once, for the version row. */
  function prepareVersion(document: unknown) {
    const model = parseFinancialModel(document);
    return { model, sha256: sha256Of(model), figures: headline(model), checkStatus: checkModel(model).status };
  }

  return {
    async list(ctx: RequestContext, engagementId: string): Promise<ModelSummary[]> {
      const access = await engagementToRead(store, ctx, engagementId, 'model.read');
      const models = await store.read.financialModels.listForEngagement(access.engagement.id);
      return summaries(store.read, models, await seesDrafts(store.read, access));
    },

    async get(ctx: RequestContext, engagementId: string, modelId: string): Promise<ModelDetail> {
      const access = await engagementToRead(store, ctx, engagementId, 'model.read');
      return detail(store.read, access, await loadModel(store.read, access, modelId));
    },

    async version(ctx: RequestContext, engagementId: string, modelId: string, version: number): Promise<ModelVersion> {
      const access = await engagementToRead(store, ctx, engagementId, 'model.read');
      const model = await loadModel(store.read, access, modelId);
      const { meta, document } = await loadDocument(store.read, access, model, version);
      const [view] = await versionViews(store.read, [meta], await store.read.financialModels.commentCounts(model.id));
      if (!view) throw modelNotFound();
      return { ...view, modelId: model.id, document };
    },

    async create(ctx: RequestContext, engagementId: string, input: SaveModelInput): Promise<ModelDetail> {
      const userId = userIdOf(ctx);
      const prepared = prepareVersion(input.document);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'model.write', true);
        const now = deps.clock.now().toISOString();
        const model: FinancialModelRecord = {
          id: deps.random.uuid(),
          engagementId: access.engagement.id,
          name: input.name,
          currency: prepared.model.meta.currency,
          latestVersion: 1,
          createdBy: userId,
          createdAt: now,
          updatedAt: now,
        };
        await tx.financialModels.insert(model);
        await tx.financialModels.insertVersion({
          modelId: model.id,
          version: 1,
          document: prepared.model,
          sha256: prepared.sha256,
          note: input.note ?? '',
          ...prepared.figures,
          checkStatus: prepared.checkStatus,
          savedBy: userId,
          savedAt: now,
          sharedAt: null,
          sharedBy: null,
          shareReason: null,
        });
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'financial_model.created',
          resource: { type: 'financial_model', id: model.id },
          data: { name: model.name, version: 1, sha256: prepared.sha256 },
        });
        return detail(tx, access, model);
      });
    },

    async saveVersion(ctx: RequestContext, engagementId: string, modelId: string, input: SaveVersionInput): Promise<ModelDetail> {
      const userId = userIdOf(ctx);
      const prepared = prepareVersion(input.document);
      return store.transaction(async (tx) => {
        // The engagement row lock: a save cannot slip in after the engagement is delivered.
        const access = await engagementFor(tx, ctx, engagementId, 'model.write', true);
        const model = await loadModel(tx, access, modelId, true);
        requireVersion(model.latestVersion, input.baseVersion, 'model');
        if (prepared.model.meta.currency !== model.currency)
          throw new AppError('invalid_input', `The model is kept in ${model.currency}; a version cannot change its currency.`, {
            reason: 'currency_changed',
            params: { currency: model.currency },
            issues: [
              {
                path: ['document', 'meta', 'currency'],
                code: 'currency_changed',
                message: `Must stay ${model.currency}.`,
                params: { currency: model.currency },
              },
            ],
          });
        const now = deps.clock.now().toISOString();
        const version = model.latestVersion + 1;
        await tx.financialModels.insertVersion({
          modelId: model.id,
          version,
          document: prepared.model,
          sha256: prepared.sha256,
          note: input.note ?? '',
          ...prepared.figures,
          checkStatus: prepared.checkStatus,
          savedBy: userId,
          savedAt: now,
          sharedAt: null,
          sharedBy: null,
          shareReason: null,
        });
        await tx.financialModels.setLatest(model.id, version, now);
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'financial_model.version_saved',
          resource: { type: 'financial_model', id: model.id },
          data: { version, sha256: prepared.sha256, checkStatus: prepared.checkStatus },
        });
        return detail(tx, access, { ...model, latestVersion: version, updatedAt: now });
      });
    },

    async analyzeVersion(
      ctx: RequestContext,
      engagementId: string,
      modelId: string,
      version: number,
      options: { scenario?: string | undefined; sensitivity?: SensitivityRequest | undefined },
    ): Promise<ModelAnalysis> {
      const access = await engagementToRead(store, ctx, engagementId, 'model.read');
      const { document } = await loadDocument(store.read, access, await loadModel(store.read, access, modelId), version);
      return analyzeModel(document, options);
    },

    /** A draft from the editor, not saved: anyone who may read the model may try what-ifs. */
    async analyzeDraft(ctx: RequestContext, engagementId: string, modelId: string, request: AnalyzeDraftRequest): Promise<ModelAnalysis> {
      const access = await engagementToRead(store, ctx, engagementId, 'model.read');
      await loadModel(store.read, access, modelId);
      return analyzeModel(parseFinancialModel(request.document), { scenario: request.scenario, sensitivity: request.sensitivity });
    },

    async compare(ctx: RequestContext, engagementId: string, modelId: string, from: number, to: number): Promise<ValueBridgeView> {
      const access = await engagementToRead(store, ctx, engagementId, 'model.read');
      const model = await loadModel(store.read, access, modelId);
      const [a, b] = await Promise.all([loadDocument(store.read, access, model, from), loadDocument(store.read, access, model, to)]);
      const language = b.document.meta.language;
      const label = (v: number) => (language === 'ja' ? `第 ${v} 版` : `v${v}`);
      return valueBridge(a.document, b.document, { from: label(from), to: label(to) });
    },

    /**
     * Shares a draft with the client. A version whose checks fail is shared only with the reason,
     * which the client sees beside it. Sharing a shared version changes nothing.
     */
    async share(
      ctx: RequestContext,
      engagementId: string,
      modelId: string,
      version: number,
      input: ShareVersionRequest,
    ): Promise<ModelDetail> {
      const userId = userIdOf(ctx);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'model.share', true);
        const model = await loadModel(tx, access, modelId, true);
        const meta = await loadMeta(tx, access, model, version);
        if (meta.sharedAt !== null) return detail(tx, access, model);
        const reason = input.reason?.trim() || null;
        if (meta.checkStatus === 'fail' && reason === null)
          throw new AppError('invalid_input', 'This version fails its checks: say why it is shared anyway.', {
            reason: 'share_reason_required',
            issues: [{ path: ['reason'], code: 'share_reason_required', message: 'Say why a version that fails its checks is shared.' }],
          });
        const now = deps.clock.now().toISOString();
        await tx.financialModels.share(model.id, version, userId, now, reason);
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'financial_model.version_shared',
          resource: { type: 'financial_model', id: model.id },
          data: { version, checkStatus: meta.checkStatus, reason },
        });
        const e = access.engagement;
        await notify(deps, tx, e, audienceOn(e, 'client'), await recipientsOn(tx, e, 'client'), 'model.shared', {
          model: model.name,
          modelVersion: version,
        });
        return detail(tx, access, model);
      });
    },

    /** The comments on a version the caller may see, oldest first. */
    async comments(ctx: RequestContext, engagementId: string, modelId: string, version: number): Promise<ModelComment[]> {
      const access = await engagementToRead(store, ctx, engagementId, 'model.read');
      const model = await loadModel(store.read, access, modelId);
      await loadMeta(store.read, access, model, version);
      return commentViews(store.read, await store.read.financialModels.comments(model.id, version));
    },

    /** A comment on a shared version; the other side's team is told. Answers with the version's comments. */
    async comment(
      ctx: RequestContext,
      engagementId: string,
      modelId: string,
      version: number,
      input: CommentInput,
    ): Promise<ModelComment[]> {
      const userId = userIdOf(ctx);
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'model.comment', true);
        const model = await loadModel(tx, access, modelId);
        const meta = await loadMeta(tx, access, model, version);
        if (meta.sharedAt === null)
          throw new AppError('invalid_state', 'Share this version with the client before discussing it.', { reason: 'version_not_shared' });
        const side = sideOfStanding(access.standing);
        const comment: FinancialModelCommentRecord = {
          id: deps.random.uuid(),
          modelId: model.id,
          version,
          authorId: userId,
          authorSide: side,
          body: input.body.trim(),
          createdAt: deps.clock.now().toISOString(),
        };
        await tx.financialModels.insertComment(comment);
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'financial_model.commented',
          resource: { type: 'financial_model', id: model.id },
          data: { version, commentId: comment.id },
        });
        const e = access.engagement;
        const other = side === 'client' ? 'provider' : 'client';
        await notify(deps, tx, e, audienceOn(e, other), await recipientsOn(tx, e, other), 'model.commented', {
          model: model.name,
          modelVersion: version,
        });
        return commentViews(tx, await tx.financialModels.comments(model.id, version));
      });
    },

    /** Import, step one: the uploaded table and a suggested mapping of its rows to statement lines. */
    async importPreview(ctx: RequestContext, engagementId: string, file: ImportFile): Promise<ImportPreview> {
      await engagementFor(store.read, ctx, engagementId, 'model.write');
      const { sheet, sheets, table } = await tableOf(deps.tables, file);
      return {
        sheet,
        sheets,
        rows: table.slice(0, PREVIEW_ROWS).map((row) => row.slice(0, PREVIEW_COLUMNS)),
        totalRows: table.length,
        suggestion: capLists(suggestMapping(table)),
        lineIds: [...historicalLineIds],
      };
    },

    /** Import, step two: the historical years the corrected mapping gives, for the editor to put into the model. */
    async importHistoricals(
      ctx: RequestContext,
      engagementId: string,
      file: ImportFile,
      mapping: unknown,
    ): Promise<ImportHistoricalsResult> {
      await engagementFor(store.read, ctx, engagementId, 'model.write');
      const { table } = await tableOf(deps.tables, file);
      return importHistoricals(table, mapping);
    },

    /** Renders an export of a saved version and records who took it out. */
    async export(
      ctx: RequestContext,
      engagementId: string,
      modelId: string,
      version: number,
      format: 'xlsx' | 'pdf',
      options: { language?: 'ja' | 'en' | undefined },
      render: RenderExport,
    ): Promise<{ bytes: Uint8Array; fileName: string }> {
      const access = await engagementToRead(store, ctx, engagementId, 'model.export');
      const model = await loadModel(store.read, access, modelId);
      const { document } = await loadDocument(store.read, access, model, version);
      const language = options.language ?? document.meta.language;
      // The file names the version it was taken from: a label typed into the document goes stale
      // when the next version is saved without editing it ("v2" printed in the file of v3).
      const bytes = await render({ ...document, meta: { ...document.meta, language, versionLabel: `v${version}` } });
      await store.transaction(async (tx) => {
        const e = await tx.engagements.get(access.engagement.id);
        if (!e) throw modelNotFound();
        await auditEngagement(deps, tx, ctx, e, {
          type: 'financial_model.exported',
          resource: { type: 'financial_model', id: model.id },
          data: { version, format },
        });
      });
      const base = (document.meta.codeName ?? model.name).replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || 'model';
      return { bytes, fileName: `${base}-v${version}.${format}` };
    },
  };
}

export type FinancialModelService = ReturnType<typeof financialModelService>;
