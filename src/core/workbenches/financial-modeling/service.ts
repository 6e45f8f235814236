import { createHash } from 'node:crypto';
import type { FinancialModel } from '../../../shared/contracts/financial-model.js';
import type {
  AnalyzeDraftRequest,
  ImportFile,
  ImportHistoricalsResult,
  ImportPreview,
  ModelAnalysis,
  ModelDetail,
  ModelSummary,
  ModelVersion,
  ModelVersionSummary,
  SensitivityRequest,
  ValueBridgeView,
} from '../../../shared/contracts/financial-model-api.js';
import { AppError } from '../../../shared/errors.js';
import type { RequestContext } from '../../access/actor.js';
import { canonicalJson } from '../../audit/chain.js';
import {
  type Access,
  allowsNow,
  auditEngagement,
  type EngagementDeps,
  engagementFor,
  people,
  personOr,
  requireVersion,
} from '../../engagements/context.js';
import type { FinancialModelRecord, FinancialModelVersionMeta, Repos } from '../../store.js';
import { analyzeModel, headline } from './analysis.js';
import { checkModel } from './checks.js';
import { historicalLineIds, importHistoricals, suggestMapping, type TableReader } from './import.js';
import { parseFinancialModel } from './model.js';
import { valueBridge } from './value-bridge.js';

const modelNotFound = () => new AppError('not_found', 'No such financial model on this engagement.', { reason: 'model_not_found' });

const sha256Of = (document: FinancialModel) => createHash('sha256').update(canonicalJson(document)).digest('hex');

function userIdOf(ctx: RequestContext): string {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'Models are saved by people.', { reason: 'user_required' });
  return ctx.actor.userId;
}

export interface SaveModelInput {
  name: string;
  note?: string | undefined;
  document: unknown;
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

  async function loadModel(tx: Repos, access: Access, modelId: string, lock = false): Promise<FinancialModelRecord> {
    const model = lock ? await tx.financialModels.getForUpdate(modelId) : await tx.financialModels.get(modelId);
    if (!model || model.engagementId !== access.engagement.id) throw modelNotFound();
    return model;
  }

  async function loadDocument(
    tx: Repos,
    model: FinancialModelRecord,
    version: number,
  ): Promise<{ meta: FinancialModelVersionMeta; document: FinancialModel }> {
    const found = await tx.financialModels.version(model.id, version);
    if (!found)
      throw new AppError('not_found', `The model has no version ${version}; its latest is ${model.latestVersion}.`, {
        reason: 'version_not_found',
      });
    const { document, ...meta } = found;
    return { meta, document: parseFinancialModel(document) };
  }

  async function versionViews(tx: Repos, metas: readonly FinancialModelVersionMeta[]): Promise<ModelVersionSummary[]> {
    const who = await people(
      tx,
      metas.map((m) => m.savedBy),
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
    }));
  }

  async function summaries(tx: Repos, models: readonly FinancialModelRecord[]): Promise<ModelSummary[]> {
    const latest = await tx.financialModels.latestVersions(models.map((m) => m.id));
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
          latestVersion: m.latestVersion,
          createdAt: m.createdAt,
          createdBy: personOr(who, m.createdBy),
          latest: view,
        },
      ];
    });
  }

  async function detail(tx: Repos, access: Access, model: FinancialModelRecord): Promise<ModelDetail> {
    const [summary] = await summaries(tx, [model]);
    if (!summary) throw modelNotFound();
    const versions = await versionViews(tx, await tx.financialModels.versions(model.id));
    const canEdit = await allowsNow(tx, access, 'model.write');
    return { ...summary, versions, canEdit };
  }

  /** Validates, values and checks a document once, for the version row. */
  function prepareVersion(document: unknown) {
    const model = parseFinancialModel(document);
    return { model, sha256: sha256Of(model), figures: headline(model), checkStatus: checkModel(model).status };
  }

  return {
    async list(ctx: RequestContext, engagementId: string): Promise<ModelSummary[]> {
      const access = await engagementFor(store.read, ctx, engagementId, 'model.read');
      return summaries(store.read, await store.read.financialModels.listForEngagement(access.engagement.id));
    },

    async get(ctx: RequestContext, engagementId: string, modelId: string): Promise<ModelDetail> {
      const access = await engagementFor(store.read, ctx, engagementId, 'model.read');
      return detail(store.read, access, await loadModel(store.read, access, modelId));
    },

    async version(ctx: RequestContext, engagementId: string, modelId: string, version: number): Promise<ModelVersion> {
      const access = await engagementFor(store.read, ctx, engagementId, 'model.read');
      const model = await loadModel(store.read, access, modelId);
      const { meta, document } = await loadDocument(store.read, model, version);
      const [view] = await versionViews(store.read, [meta]);
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
            issues: [{ path: ['document', 'meta', 'currency'], code: 'currency_changed', message: `Must stay ${model.currency}.` }],
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
      const access = await engagementFor(store.read, ctx, engagementId, 'model.read');
      const { document } = await loadDocument(store.read, await loadModel(store.read, access, modelId), version);
      return analyzeModel(document, options);
    },

    /** A draft from the editor, not saved: anyone who may read the model may try what-ifs. */
    async analyzeDraft(ctx: RequestContext, engagementId: string, modelId: string, request: AnalyzeDraftRequest): Promise<ModelAnalysis> {
      const access = await engagementFor(store.read, ctx, engagementId, 'model.read');
      await loadModel(store.read, access, modelId);
      return analyzeModel(parseFinancialModel(request.document), { scenario: request.scenario, sensitivity: request.sensitivity });
    },

    async compare(ctx: RequestContext, engagementId: string, modelId: string, from: number, to: number): Promise<ValueBridgeView> {
      const access = await engagementFor(store.read, ctx, engagementId, 'model.read');
      const model = await loadModel(store.read, access, modelId);
      const [a, b] = await Promise.all([loadDocument(store.read, model, from), loadDocument(store.read, model, to)]);
      const language = b.document.meta.language;
      const label = (v: number) => (language === 'ja' ? `第 ${v} 版` : `v${v}`);
      return valueBridge(a.document, b.document, { from: label(from), to: label(to) });
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
      const access = await engagementFor(store.read, ctx, engagementId, 'model.export');
      const model = await loadModel(store.read, access, modelId);
      const { document } = await loadDocument(store.read, model, version);
      const language = options.language ?? document.meta.language;
      const bytes = await render({ ...document, meta: { ...document.meta, language } });
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
