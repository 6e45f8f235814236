import type { ReportSurvey, ReportTable } from '../../../shared/contracts/deliverables.js';
import { type Codebook, type CodebookQuestion, codebookSchema, type WeightingTargets } from '../../../shared/contracts/market-research.js';
import type {
  CreateSurveyRequest,
  CreateWeightingRequest,
  CrosstabQuery,
  DataQuery,
  DeckQuery,
  FrequenciesQuery,
  SaveSurveyVersionRequest,
  ScaleQuery,
  SurveyDetail,
  SurveyPreview,
  SurveySource,
  SurveySummary,
  SurveyVersionSummary,
  WeightingReport,
  WeightingView,
} from '../../../shared/contracts/market-research-api.js';
import type {
  BaseMarginsOfError,
  CrosstabReply,
  FrequenciesReply,
  MultipleComparisonCorrection,
  ScaleReply,
} from '../../../shared/contracts/market-research-results.js';
import { AppError, type Issue } from '../../../shared/errors.js';
import { type RequestContext, requireUserId } from '../../access/actor.js';
import type { SurveyEvidence, SurveyTableEvidence } from '../../deliverables/checks/market-research.js';
import type { VaultStorage } from '../../documents/ports.js';
import { documentOn, documentRightsOf, versionOf } from '../../documents/service.js';
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
import type { Repos, SurveyDatasetRecord, SurveyDatasetVersionRecord, SurveyWeightingRecord } from '../../store.js';
import { crosstab, meansByColumn } from './crosstab.js';
import { buildDataset, type Dataset, inferCodebook, likertScale, type ResponseTable, scaleAsCategories } from './dataset.js';
import { buildDeck, type Deck } from './deck.js';
import { frequencies } from './frequencies.js';
import { cronbachAlpha, likert, nps } from './scales.js';
import type { CategoricalVariable, SingleVariable, Variable, Weights } from './variables.js';
import { baseMarginsOfError, effectiveSampleSize, rake } from './weighting.js';

/** A response file read into a table (infra/files/survey.ts). */
export type SurveyFileReader = (
  fileName: string,
  bytes: Uint8Array,
  sheet?: string,
) => Promise<ResponseTable & { encoding: string | null; sheet: string | null }>;

/** Lays out a deck as a file (infra/exports). */
export type RenderDeck = (deck: Deck, meta: DeckMeta) => Promise<Uint8Array>;

export interface DeckMeta {
  title: string;
  version: number;
  respondents: number;
  weighting: string | null;
  language: 'ja' | 'en';
}

/** What the PDF report shows besides the deck: its title page, frequencies, NPS and margins of error. */
export interface DeckReport {
  engagement: string;
  /** The request's date (YYYY-MM-DD), from the service clock. */
  date: string;
  marginOfError: ReturnType<typeof baseMarginsOfError>;
  frequencies: { key: string; label: string; text: string; table: ReturnType<typeof frequencies> }[];
  nps: { key: string; label: string; result: ReturnType<typeof nps>; distribution: ReturnType<typeof frequencies> }[];
}

export type RenderDeckReport = (deck: Deck, meta: DeckMeta, report: DeckReport) => Promise<Uint8Array>;

export interface SurveyDeps extends EngagementDeps {
  vault: VaultStorage;
  readSurveyFile: SurveyFileReader;
}

const CODEBOOK_SEAL = 'survey.codebook';
const SAMPLE_ROWS = 20;
/** Built datasets and weights kept in memory per process: versions never change, so a cached one is never stale. */
const CACHE_ENTRIES = 4;

const surveyNotFound = () =>
  new AppError('not_found', 'There is no such survey dataset on this engagement.', { reason: 'dataset_not_found' });
const versionNotFound = (version: number) =>
  new AppError('not_found', `The dataset has no version ${version}.`, { reason: 'version_not_found' });
const userIdOf = (ctx: RequestContext) => requireUserId(ctx, 'Survey data is handled');

function unknownQuestion(key: string, path: string): AppError {
  return new AppError('invalid_input', `The dataset has no question "${key}".`, {
    reason: 'unknown_variable',
    issues: [{ path: [path], code: 'unknown_key', message: `No question "${key}".`, params: { key } }],
  });
}

/** A small least-recently-used map. */
function lru<V>(size: number) {
  const map = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key: string, v: V) {
      map.delete(key);
      map.set(key, v);
      while (map.size > size) map.delete(map.keys().next().value as string);
    },
  };
}

/**
 * Survey datasets of a market-research engagement: the provider's team imports a response file
 * from the vault through a codebook (each correction a new version) and weights it by raking;
 * both sides read every table, so the client can check the numbers behind the report.
 */
export function surveyService(deps: SurveyDeps) {
  const { store, vault } = deps;
  const datasets = lru<Dataset>(CACHE_ENTRIES);
  const weightCache = lru<Float64Array>(CACHE_ENTRIES * 2);

  async function loadSurvey(tx: Repos, access: Access, surveyId: string, lock = false): Promise<SurveyDatasetRecord> {
    const survey = lock ? await tx.surveys.getForUpdate(surveyId) : await tx.surveys.get(surveyId);
    if (!survey || survey.engagementId !== access.engagement.id) throw surveyNotFound();
    return survey;
  }

  async function loadVersion(tx: Repos, survey: SurveyDatasetRecord, version?: number): Promise<SurveyDatasetVersionRecord> {
    const v = await tx.surveys.version(survey.id, version ?? survey.latestVersion);
    if (!v) throw versionNotFound(version ?? survey.latestVersion);
    return v;
  }

  /** The response file behind a source, if the caller may see the document, read into a table. */
  async function readSource(tx: Repos, access: Access, userId: string, source: SurveySource) {
    const doc = await documentOn(tx, access.engagement.id, source.documentId);
    const grants = await tx.documents.grants(access.engagement.id, { documentId: doc.id });
    if (!documentRightsOf(access, userId, doc, grants, deps.clock.now()).mode)
      throw new AppError('not_found', 'No such document on this engagement, or not one you may see.', { reason: 'document_not_found' });
    const v = await versionOf(tx, doc, source.documentVersion ?? 'latest');
    const bytes = await vault.read(access.engagement.id, v.blobId);
    const table = await deps.readSurveyFile(doc.name, bytes, source.sheet);
    return { doc, version: v, table };
  }

  async function codebookOf(engagementId: string, v: SurveyDatasetVersionRecord): Promise<Codebook> {
    return codebookSchema.parse(JSON.parse(await vault.open(engagementId, CODEBOOK_SEAL, v.codebookSealed)));
  }

  /** The response file a version was imported from, read again from the vault. */
  async function responseFileOf(tx: Repos, access: Access, v: SurveyDatasetVersionRecord): Promise<ResponseTable> {
    const doc = await documentOn(tx, access.engagement.id, v.documentId);
    const fileVersion = await versionOf(tx, doc, v.documentVersion);
    return deps.readSurveyFile(doc.name, await vault.read(access.engagement.id, fileVersion.blobId), v.sheet ?? undefined);
  }

  /** The dataset of a version, built from its file and codebook (cached: a version never changes). */
  async function datasetOf(tx: Repos, access: Access, v: SurveyDatasetVersionRecord): Promise<{ dataset: Dataset; codebook: Codebook }> {
    const codebook = await codebookOf(access.engagement.id, v);
    const key = `${v.datasetId}:${v.version}`;
    const cached = datasets.get(key);
    if (cached) return { dataset: cached, codebook };
    const dataset = buildDataset(await responseFileOf(tx, access, v), codebook);
    datasets.set(key, dataset);
    return { dataset, codebook };
  }

  async function versionViews(tx: Repos, versions: readonly SurveyDatasetVersionRecord[]): Promise<SurveyVersionSummary[]> {
    const who = await people(
      tx,
      versions.map((v) => v.savedBy),
    );
    const names = new Map<string, string>();
    for (const id of new Set(versions.map((v) => v.documentId))) names.set(id, (await tx.documents.get(id))?.name ?? '');
    return versions.map((v) => ({
      version: v.version,
      documentId: v.documentId,
      documentVersion: v.documentVersion,
      fileName: names.get(v.documentId) ?? '',
      sheet: v.sheet,
      encoding: v.encoding,
      respondents: v.respondents,
      questions: v.questions,
      note: v.note,
      savedBy: personOr(who, v.savedBy),
      savedAt: v.savedAt,
    }));
  }

  async function summaries(tx: Repos, surveys: readonly SurveyDatasetRecord[]): Promise<SurveySummary[]> {
    const who = await people(
      tx,
      surveys.map((s) => s.createdBy),
    );
    const out: SurveySummary[] = [];
    for (const s of surveys) {
      const latest = await tx.surveys.version(s.id, s.latestVersion);
      if (!latest) continue;
      const [view] = await versionViews(tx, [latest]);
      if (!view) continue;
      out.push({
        id: s.id,
        engagementId: s.engagementId,
        name: s.name,
        latestVersion: s.latestVersion,
        createdBy: personOr(who, s.createdBy),
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
        latest: view,
      });
    }
    return out;
  }

  async function weightingViews(tx: Repos, records: readonly SurveyWeightingRecord[]): Promise<WeightingView[]> {
    const who = await people(
      tx,
      records.map((w) => w.createdBy),
    );
    return records.map((w) => {
      const options = w.options as { trim: { min: number; max: number } | null; maxIterations: number };
      return {
        id: w.id,
        datasetId: w.datasetId,
        version: w.datasetVersion,
        name: w.name,
        targets: w.targets as WeightingTargets,
        trim: options.trim,
        maxIterations: options.maxIterations,
        report: w.report as WeightingReport,
        createdBy: personOr(who, w.createdBy),
        createdAt: w.createdAt,
      };
    });
  }

  async function detail(tx: Repos, access: Access, survey: SurveyDatasetRecord, version?: number): Promise<SurveyDetail> {
    const [summary] = await summaries(tx, [survey]);
    if (!summary) throw surveyNotFound();
    const records = await tx.surveys.versions(survey.id);
    const versions = await versionViews(tx, records);
    const shown = records.find((r) => r.version === (version ?? survey.latestVersion));
    const shownView = versions.find((v) => v.version === shown?.version);
    if (!shown || !shownView) throw versionNotFound(version ?? survey.latestVersion);
    return {
      ...summary,
      versions,
      version: { ...shownView, codebook: await codebookOf(access.engagement.id, shown) },
      weightings: await weightingViews(tx, await tx.surveys.weightings(survey.id, shown.version)),
      canEdit: await allowsNow(tx, access, 'survey.write'),
    };
  }

  /** Builds the dataset a codebook makes of a file once, before anything is stored: a mismatch stores nothing. */
  function checkFits(table: ResponseTable, codebook: Codebook): Dataset {
    return buildDataset(table, codebook);
  }

  async function insertVersion(
    tx: Repos,
    ctx: RequestContext,
    access: Access,
    survey: SurveyDatasetRecord,
    version: number,
    input: { codebook: Codebook; note?: string | undefined },
    codebookSealed: string,
    read: Awaited<ReturnType<typeof readSource>>,
    dataset: Dataset,
    userId: string,
    now: string,
  ) {
    await tx.surveys.insertVersion({
      datasetId: survey.id,
      version,
      codebookSealed,
      documentId: read.doc.id,
      documentVersion: read.version.version,
      sheet: read.table.sheet,
      encoding: read.table.encoding,
      respondents: dataset.respondents,
      questions: input.codebook.questions.length,
      note: input.note?.trim() ?? '',
      savedBy: userId,
      savedAt: now,
    });
    datasets.set(`${survey.id}:${version}`, dataset);
    const data = {
      documentId: read.doc.id,
      documentVersion: read.version.version,
      respondents: dataset.respondents,
      questions: input.codebook.questions.length,
    };
    await auditEngagement(
      deps,
      tx,
      ctx,
      access.engagement,
      version === 1
        ? { type: 'survey.imported', resource: { type: 'survey_dataset', id: survey.id }, data }
        : { type: 'survey.version_saved', resource: { type: 'survey_dataset', id: survey.id }, data: { version, ...data } },
    );
  }

  /** The weights a table uses: none, the file's own column, or a saved weighting (raked again from its targets). */
  async function weightsFor(
    tx: Repos,
    survey: SurveyDatasetRecord,
    version: number,
    dataset: Dataset,
    weighting: string,
  ): Promise<Weights> {
    if (weighting === 'none') return null;
    if (weighting === 'file') {
      if (!dataset.weights)
        throw new AppError('invalid_input', 'This dataset has no weight column.', {
          reason: 'bad_targets',
          issues: [{ path: ['weighting'], code: 'invalid_value', message: 'The codebook names no weight column.' }],
        });
      return dataset.weights;
    }
    // Keyed by the dataset version too: a weighting id of another dataset never finds this one's weights.
    const key = `${survey.id}:${version}:${weighting}`;
    const cached = weightCache.get(key);
    if (cached) return cached;
    const w = await tx.surveys.weighting(weighting);
    if (!w || w.datasetId !== survey.id || w.datasetVersion !== version)
      throw new AppError('invalid_input', 'No such weighting on this version of the dataset.', {
        reason: 'bad_targets',
        issues: [{ path: ['weighting'], code: 'unknown_key', message: 'No such weighting on this version.' }],
      });
    const options = w.options as { trim: { min: number; max: number } | null; maxIterations: number };
    const result = rake(rakingVariables(dataset, w.targets as WeightingTargets), w.targets as WeightingTargets, {
      maxIterations: options.maxIterations,
      ...(options.trim ? { trim: options.trim } : {}),
    });
    weightCache.set(key, result.weights);
    return result.weights;
  }

  /** The name a weighting choice shows under: the saved weighting's, the file's column, or none. */
  async function weightingName(weighting: string, codebook: Codebook): Promise<string | null> {
    if (weighting === 'none') return null;
    if (weighting === 'file') return codebook.weightColumn;
    return (await store.read.surveys.weighting(weighting))?.name ?? null;
  }

  async function tableContext(
    ctx: RequestContext,
    engagementId: string,
    surveyId: string,
    query: { version?: number | undefined; weighting: string },
  ) {
    const access = await engagementToRead(store, ctx, engagementId, 'survey.read');
    const survey = await loadSurvey(store.read, access, surveyId);
    const v = await loadVersion(store.read, survey, query.version);
    const { dataset, codebook } = await datasetOf(store.read, access, v);
    const weights = await weightsFor(store.read, survey, v.version, dataset, query.weighting);
    return { access, dataset, codebook, weights, version: v.version };
  }

  async function deckFile(
    ctx: RequestContext,
    engagementId: string,
    surveyId: string,
    query: DeckQuery,
    format: 'xlsx' | 'pdf',
    render: (deck: Deck, meta: DeckMeta, context: Awaited<ReturnType<typeof tableContext>>) => Promise<Uint8Array>,
  ): Promise<{ bytes: Uint8Array; fileName: string }> {
    const context = await tableContext(ctx, engagementId, surveyId, query);
    const { dataset, codebook, weights, version } = context;
    const deck = buildDeck(dataset, codebook, {
      banners: query.banners,
      stubs: query.stubs,
      weights,
      alpha: query.alpha,
      correction: query.correction,
    });
    const survey = await store.read.surveys.get(surveyId);
    const name = survey?.name ?? 'survey';
    const weighting = await weightingName(query.weighting, codebook);
    const bytes = await render(
      deck,
      { title: name, version, respondents: dataset.respondents, weighting, language: query.language },
      context,
    );
    await store.transaction(async (tx) => {
      const access = await engagementFor(tx, ctx, engagementId, 'survey.read');
      await auditEngagement(deps, tx, ctx, access.engagement, {
        type: 'survey.exported',
        resource: { type: 'survey_dataset', id: surveyId },
        data: { version, format, tables: deck.tables.length, weighting: query.weighting === 'none' ? null : query.weighting },
      });
    });
    return { bytes, fileName: `${fileBase(name)}-v${version}-crosstabs.${format}` };
  }

  return {
    /**
     * What a market-research report's survey recomputes to, for the deliverable checks: each of its
     * tables tabulated again from the version and weighting it names, and the weighting's efficiency.
     * A reference that is not there comes back as an issue (with its path in the submission), a
     * table that cannot be tabulated as `unavailable`. Read outside any transaction: it reads the vault.
     */
    async reportEvidence(
      ctx: RequestContext,
      engagementId: string,
      survey: ReportSurvey,
      tables: readonly ReportTable[],
    ): Promise<{ evidence: SurveyEvidence | null; issues: Issue[] }> {
      const at = (...path: (string | number)[]) => ['content', ...path];
      const access = await engagementToRead(store, ctx, engagementId, 'survey.read');
      const record = await store.read.surveys.get(survey.id);
      if (!record || record.engagementId !== access.engagement.id)
        return {
          evidence: null,
          issues: [{ path: at('survey', 'id'), code: 'unknown_survey', message: 'No such survey dataset on this engagement.' }],
        };
      const v = await store.read.surveys.version(record.id, survey.version);
      if (!v)
        return {
          evidence: null,
          issues: [{ path: at('survey', 'version'), code: 'unknown_survey', message: 'The survey dataset has no such version.' }],
        };
      const { dataset, codebook } = await datasetOf(store.read, access, v);
      const issues: Issue[] = [];
      const known = new Set(codebook.questions.map((q) => q.key));
      tables.forEach((t, i) => {
        for (const field of ['stub', 'banner'] as const)
          if (!known.has(t[field]))
            issues.push({
              path: at('tables', i, field),
              code: 'unknown_question',
              message: `The survey has no question "${t[field]}".`,
              params: { key: t[field] },
            });
      });
      let weights: Weights = null;
      try {
        weights = await weightsFor(store.read, record, v.version, dataset, survey.weighting);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        // Not a weighting of this version (unknown_key), or one that cannot be used here (the file has no weight column).
        const cause = e.issues?.[0];
        issues.push(
          cause && cause.code !== 'unknown_key'
            ? { ...cause, path: at('survey', 'weighting') }
            : { path: at('survey', 'weighting'), code: 'unknown_weighting', message: 'No such weighting on this version.' },
        );
      }
      if (issues.length > 0) return { evidence: null, issues };
      const moe = baseMarginsOfError(weights ?? new Float64Array(dataset.respondents).fill(1));
      const evidenceOf = (t: ReportTable): SurveyTableEvidence => {
        try {
          const reply = tableOf(dataset, codebook, weights, v.version, moe, t, survey);
          return reply.kind === 'means' ? { kind: 'means', table: reply.table } : { kind: 'crosstab', table: reply.table };
        } catch (e) {
          // A question that cannot be a banner (numeric), or an engine refusal: the check names it.
          if (e instanceof AppError) {
            const key = e.issues?.[0]?.params?.key;
            return { kind: 'unavailable', question: typeof key === 'string' ? key : t.banner };
          }
          throw e;
        }
      };
      const effective = weights ? effectiveSampleSize(weights) : null;
      return {
        evidence: {
          version: v.version,
          respondents: dataset.respondents,
          weighting: effective === null ? null : { effective, efficiency: dataset.respondents > 0 ? effective / dataset.respondents : 0 },
          tables: Object.fromEntries(tables.map((t) => [t.key, evidenceOf(t)])),
        },
        issues: [],
      };
    },

    async list(ctx: RequestContext, engagementId: string): Promise<SurveySummary[]> {
      const access = await engagementToRead(store, ctx, engagementId, 'survey.read');
      return summaries(store.read, await store.read.surveys.listForEngagement(access.engagement.id));
    },

    async get(ctx: RequestContext, engagementId: string, surveyId: string, version?: number): Promise<SurveyDetail> {
      const access = await engagementToRead(store, ctx, engagementId, 'survey.read');
      return detail(store.read, access, await loadSurvey(store.read, access, surveyId), version);
    },

    /** One open-text question's answers in a version, read from the file in the vault (for coding); survey.read. */
    async openAnswers(ctx: RequestContext, engagementId: string, surveyId: string, question: string, version?: number) {
      const access = await engagementToRead(store, ctx, engagementId, 'survey.read');
      const survey = await loadSurvey(store.read, access, surveyId);
      const v = await loadVersion(store.read, survey, version);
      const { dataset } = await datasetOf(store.read, access, v);
      const open = dataset.open.get(question);
      if (!open) throw unknownQuestion(question, 'question');
      return { version: v.version, label: open.label, texts: open.texts };
    },

    /** Step one of an import: the file as kpo reads it, and a codebook to correct. Nothing is stored. */
    async preview(ctx: RequestContext, engagementId: string, source: SurveySource): Promise<SurveyPreview> {
      const userId = userIdOf(ctx);
      const access = await engagementFor(store.read, ctx, engagementId, 'survey.write');
      const read = await readSource(store.read, access, userId, source);
      const { codebook, emptyColumns } = inferCodebook(read.table);
      return {
        fileName: read.doc.name,
        documentVersion: read.version.version,
        encoding: read.table.encoding,
        sheet: read.table.sheet,
        respondents: read.table.rows.length,
        header: read.table.header,
        sample: read.table.rows.slice(0, SAMPLE_ROWS),
        codebook,
        emptyColumns,
      };
    },

    async create(ctx: RequestContext, engagementId: string, input: CreateSurveyRequest): Promise<SurveyDetail> {
      const userId = userIdOf(ctx);
      const pre = await engagementFor(store.read, ctx, engagementId, 'survey.write');
      const read = await readSource(store.read, pre, userId, input);
      const dataset = checkFits(read.table, input.codebook);
      // The vault keeps its keys on its own connection: seal before the transaction, read after it.
      const sealed = await vault.seal(pre.engagement.id, CODEBOOK_SEAL, JSON.stringify(input.codebook));
      const created = await store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'survey.write', true);
        const now = deps.clock.now().toISOString();
        const survey: SurveyDatasetRecord = {
          id: deps.random.uuid(),
          engagementId: access.engagement.id,
          name: input.name,
          latestVersion: 1,
          createdBy: userId,
          createdAt: now,
          updatedAt: now,
        };
        await tx.surveys.insert(survey);
        await insertVersion(tx, ctx, access, survey, 1, input, sealed, read, dataset, userId, now);
        return { access, survey };
      });
      return detail(store.read, created.access, created.survey);
    },

    async saveVersion(ctx: RequestContext, engagementId: string, surveyId: string, input: SaveSurveyVersionRequest): Promise<SurveyDetail> {
      const userId = userIdOf(ctx);
      const pre = await engagementFor(store.read, ctx, engagementId, 'survey.write');
      const before = await loadSurvey(store.read, pre, surveyId);
      const base = await loadVersion(store.read, before, before.latestVersion);
      const source: SurveySource = input.source ?? {
        documentId: base.documentId,
        documentVersion: base.documentVersion,
        ...(base.sheet ? { sheet: base.sheet } : {}),
      };
      const read = await readSource(store.read, pre, userId, source);
      const dataset = checkFits(read.table, input.codebook);
      const sealed = await vault.seal(pre.engagement.id, CODEBOOK_SEAL, JSON.stringify(input.codebook));
      const saved = await store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'survey.write', true);
        const survey = await loadSurvey(tx, access, surveyId, true);
        requireVersion(survey.latestVersion, input.baseVersion, 'dataset');
        const now = deps.clock.now().toISOString();
        const version = survey.latestVersion + 1;
        await insertVersion(tx, ctx, access, survey, version, input, sealed, read, dataset, userId, now);
        await tx.surveys.setLatest(survey.id, version, now);
        return { access, survey: { ...survey, latestVersion: version, updatedAt: now } };
      });
      return detail(store.read, saved.access, saved.survey);
    },

    /** Rakes a version to the targets and keeps the targets and the report; a weighting that does not converge is refused. */
    async createWeighting(
      ctx: RequestContext,
      engagementId: string,
      surveyId: string,
      input: CreateWeightingRequest,
    ): Promise<WeightingView> {
      const userId = userIdOf(ctx);
      const pre = await engagementFor(store.read, ctx, engagementId, 'survey.write');
      const before = await loadSurvey(store.read, pre, surveyId);
      const v = await loadVersion(store.read, before, input.version);
      const { dataset } = await datasetOf(store.read, pre, v);
      const result = rake(rakingVariables(dataset, input.targets), input.targets, {
        maxIterations: input.maxIterations,
        ...(input.trim ? { trim: input.trim } : {}),
      });
      if (!result.converged)
        throw new AppError(
          'invalid_input',
          `The weights did not settle on the targets in ${result.iterations} iterations (largest gap ${(result.maxMarginError * 100).toFixed(2)} points).`,
          {
            reason: 'raking_not_converged',
            params: { iterations: result.iterations, maxMarginError: result.maxMarginError },
            issues: [{ path: ['targets'], code: 'custom', message: 'Loosen the trimming bounds or check the targets.' }],
          },
        );
      let min = Number.POSITIVE_INFINITY;
      let max = 0;
      for (const w of result.weights) {
        if (w < min) min = w;
        if (w > max) max = w;
      }
      const report: WeightingReport = {
        converged: result.converged,
        iterations: result.iterations,
        maxMarginError: result.maxMarginError,
        respondents: dataset.respondents,
        effectiveN: result.effectiveN,
        efficiency: result.efficiency,
        designEffect: result.designEffect,
        trimmed: result.trimmed,
        minWeight: min,
        maxWeight: max,
        margins: result.margins,
      };
      return store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'survey.write', true);
        const survey = await loadSurvey(tx, access, surveyId);
        const record: SurveyWeightingRecord = {
          id: deps.random.uuid(),
          datasetId: survey.id,
          datasetVersion: v.version,
          name: input.name,
          targets: input.targets,
          options: { trim: input.trim, maxIterations: input.maxIterations },
          report,
          createdBy: userId,
          createdAt: deps.clock.now().toISOString(),
        };
        await tx.surveys.insertWeighting(record);
        weightCache.set(`${survey.id}:${v.version}:${record.id}`, result.weights);
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'survey.weighting_saved',
          resource: { type: 'survey_weighting', id: record.id },
          data: {
            datasetId: survey.id,
            version: v.version,
            variables: Object.keys(input.targets),
            converged: result.converged,
            efficiency: result.efficiency,
          },
        });
        const [view] = await weightingViews(tx, [record]);
        return view as WeightingView;
      });
    },

    async frequencies(ctx: RequestContext, engagementId: string, surveyId: string, query: FrequenciesQuery): Promise<FrequenciesReply> {
      const { dataset, codebook, weights, version } = await tableContext(ctx, engagementId, surveyId, query);
      const variable = variableOf(dataset, codebook, query.question, 'question', false);
      return { version, question: query.question, weighted: weights !== null, table: frequencies(variable, weights) };
    },

    async crosstab(ctx: RequestContext, engagementId: string, surveyId: string, query: CrosstabQuery): Promise<CrosstabReply> {
      const { dataset, codebook, weights, version } = await tableContext(ctx, engagementId, surveyId, query);
      const moe = baseMarginsOfError(weights ?? new Float64Array(dataset.respondents).fill(1));
      return tableOf(dataset, codebook, weights, version, moe, { ...query, yates: query.yates === 'true' }, query);
    },

    /** The crosstab deck of a version, laid out by `render` (a sheet per banner); the export is audited. */
    async exportDeck(
      ctx: RequestContext,
      engagementId: string,
      surveyId: string,
      query: DeckQuery,
      render: RenderDeck,
    ): Promise<{ bytes: Uint8Array; fileName: string }> {
      return deckFile(ctx, engagementId, surveyId, query, 'xlsx', (deck, meta) => render(deck, meta));
    },

    /** The deck as a PDF report: title page, tables with charts, frequencies, NPS and margins of error (audited). */
    async exportDeckPdf(
      ctx: RequestContext,
      engagementId: string,
      surveyId: string,
      query: DeckQuery,
      render: RenderDeckReport,
    ): Promise<{ bytes: Uint8Array; fileName: string }> {
      return deckFile(ctx, engagementId, surveyId, query, 'pdf', async (deck, meta, c) => {
        const stubKeys = new Set(deck.tables.map((t) => t.stub.key));
        const questions = c.codebook.questions.filter((q) => stubKeys.has(q.key));
        const report: DeckReport = {
          engagement: c.access.engagement.title,
          date: deps.clock.now().toISOString().slice(0, 10),
          marginOfError: baseMarginsOfError(c.weights ?? new Float64Array(c.dataset.respondents).fill(1)),
          frequencies: questions
            .filter((q) => q.type === 'single')
            .map((q) => ({
              key: q.key,
              label: q.key,
              text: q.text,
              table: frequencies(variableOf(c.dataset, c.codebook, q.key, 'stubs', false), c.weights),
            })),
          nps: questions.flatMap((q) => {
            const v = c.dataset.variables.get(q.key);
            if (q.type !== 'nps' || v?.kind !== 'numeric') return [];
            return [
              {
                key: q.key,
                label: q.text || q.key,
                result: nps(v.values, c.weights),
                distribution: frequencies(variableOf(c.dataset, c.codebook, q.key, 'stubs', false), c.weights),
              },
            ];
          }),
        };
        return render(deck, meta, report);
      });
    },

    /** The respondents as CSV: the codebook's columns and each one's weight under the chosen weighting (audited). */
    async exportData(
      ctx: RequestContext,
      engagementId: string,
      surveyId: string,
      query: DataQuery,
      writeCsv: (header: string[], rows: string[][]) => Uint8Array,
    ): Promise<{ bytes: Uint8Array; fileName: string }> {
      const userId = userIdOf(ctx);
      const access = await engagementToRead(store, ctx, engagementId, 'survey.read');
      const survey = await loadSurvey(store.read, access, surveyId);
      const v = await loadVersion(store.read, survey, query.version);
      // Row-level data is the response file itself: it leaves kpo only for someone the vault would let download that file
      // (not a view-only grant, not a provider person without a grant on a file the client uploaded).
      const doc = await documentOn(store.read, access.engagement.id, v.documentId);
      const grants = await store.read.documents.grants(access.engagement.id, { documentId: doc.id });
      if (documentRightsOf(access, userId, doc, grants, deps.clock.now()).mode !== 'download')
        throw new AppError('forbidden', 'Only someone who may download the response file may download its data.', {
          reason: 'response_file_not_downloadable',
        });
      const { dataset, codebook } = await datasetOf(store.read, access, v);
      const weights = await weightsFor(store.read, survey, v.version, dataset, query.weighting);
      const table = await responseFileOf(store.read, access, v);
      const columns = [...new Set(codebook.questions.flatMap((q) => q.columns))];
      const index = columns.map((col) => table.header.indexOf(col));
      let weightHeader = 'weight';
      for (let i = 2; columns.includes(weightHeader); i++) weightHeader = `weight_${i}`;
      const rows = table.rows.map((row, r) => [
        ...index.map((i) => (i < 0 ? '' : (row[i] ?? ''))),
        String(weights ? (weights[r] ?? 0) : 1),
      ]);
      const bytes = writeCsv([...columns, weightHeader], rows);
      await store.transaction(async (tx) => {
        const current = await engagementFor(tx, ctx, engagementId, 'survey.read');
        await auditEngagement(deps, tx, ctx, current.engagement, {
          type: 'survey.exported',
          resource: { type: 'survey_dataset', id: surveyId },
          data: { version: v.version, format: 'csv', tables: 0, weighting: query.weighting === 'none' ? null : query.weighting },
        });
      });
      return { bytes, fileName: `${fileBase(survey.name)}-v${v.version}-data.csv` };
    },

    /** NPS or a Likert summary of one question; Cronbach's alpha of several Likert items. */
    async scales(ctx: RequestContext, engagementId: string, surveyId: string, query: ScaleQuery): Promise<ScaleReply> {
      const { dataset, codebook, weights, version } = await tableContext(ctx, engagementId, surveyId, query);
      const keys = [...new Set(query.questions.split(',').map((k) => k.trim()))].filter(Boolean);
      const questions = keys.map((k) => {
        const q = codebook.questions.find((x) => x.key === k);
        const v = dataset.variables.get(k);
        if (!q || !v) throw unknownQuestion(k, 'questions');
        if (v.kind !== 'numeric' || (q.type !== 'nps' && q.type !== 'likert'))
          throw new AppError('invalid_input', `"${k}" is not an NPS or Likert question.`, {
            reason: 'not_numeric',
            issues: [
              { path: ['questions'], code: 'invalid_value', message: `"${k}" is not an NPS or Likert question.`, params: { key: k } },
            ],
          });
        return { q, v };
      });
      const [first] = questions;
      if (questions.length === 1 && first) {
        if (first.q.type === 'nps') return { version, kind: 'nps' as const, question: first.q.key, result: nps(first.v.values, weights) };
        const scale = likertScale(first.q);
        return {
          version,
          kind: 'likert' as const,
          question: first.q.key,
          result: likert(first.v.values, { points: scale.max - scale.min + 1, start: scale.min, reverse: first.q.reverse, weights }),
        };
      }
      const items = questions.map(({ q, v }) => {
        if (q.type !== 'likert')
          throw new AppError('invalid_input', `"${q.key}" is not a Likert item.`, {
            reason: 'not_numeric',
            issues: [{ path: ['questions'], code: 'invalid_value', message: `"${q.key}" is not a Likert item.`, params: { key: q.key } }],
          });
        return { q, v };
      });
      return {
        version,
        kind: 'alpha' as const,
        questions: items.map((i) => i.q.key),
        result: cronbachAlpha(
          items.map((i) => i.v.values),
          { reverse: items.map((i) => i.q.reverse) },
        ),
      };
    },
  };
}

export type SurveyService = ReturnType<typeof surveyService>;

/** The single-choice questions raking targets name, or bad_targets naming each unknown or unsuitable one. */
function rakingVariables(dataset: Dataset, targets: WeightingTargets): SingleVariable[] {
  const keys = Object.keys(targets);
  if (keys.length === 0)
    throw new AppError('invalid_input', 'Give targets for at least one question.', {
      reason: 'bad_targets',
      issues: [{ path: ['targets'], code: 'too_small', message: 'Give targets for at least one question.', params: { minimum: 1 } }],
    });
  const issues = keys.flatMap((k) => {
    const v = dataset.variables.get(k);
    return v?.kind === 'single'
      ? []
      : [
          {
            path: ['targets', k],
            code: 'unknown_key' as const,
            message: `"${k}" is not a single-choice question of the dataset.`,
            params: { key: k },
          },
        ];
  });
  if (issues.length > 0)
    throw new AppError('invalid_input', 'Raking targets name single-choice questions of the dataset.', { reason: 'bad_targets', issues });
  return keys.map((k) => dataset.variables.get(k) as SingleVariable);
}

const fileBase = (name: string) => name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || 'survey';

function variableOf(dataset: Dataset, codebook: Codebook, key: string, path: string, scaleAsNumber: boolean): Variable {
  const q: CodebookQuestion | undefined = codebook.questions.find((x) => x.key === key);
  const v = dataset.variables.get(key);
  if (!q || !v) throw unknownQuestion(key, path);
  if (v.kind !== 'numeric' || q.type === 'numeric' || scaleAsNumber) return v;
  // A Likert or NPS question shown as its points.
  const scale = q.type === 'nps' ? { min: 0, max: 10 } : likertScale(q);
  return scaleAsCategories(v, scale.min, scale.max, q.values);
}

function categoricalOf(dataset: Dataset, codebook: Codebook, key: string, path: string): CategoricalVariable {
  const v = variableOf(dataset, codebook, key, path, false);
  if (v.kind === 'numeric')
    throw new AppError('invalid_input', `"${key}" has no categories to put in the columns.`, {
      reason: 'not_categorical',
      issues: [{ path: [path], code: 'invalid_value', message: 'Choose a single- or multiple-choice question.', params: { key } }],
    });
  return v;
}

/** One crosstab (or means by column for a numeric stub) of a built dataset. */
function tableOf(
  dataset: Dataset,
  codebook: Codebook,
  weights: Weights,
  version: number,
  marginOfError: BaseMarginsOfError,
  t: { stub: string; banner: string; yates?: boolean },
  options: { alpha: number; correction: MultipleComparisonCorrection },
): CrosstabReply {
  const banner = categoricalOf(dataset, codebook, t.banner, 'banner');
  const stubVariable = variableOf(dataset, codebook, t.stub, 'stub', true);
  const tableOptions = { weights, alpha: options.alpha, correction: options.correction };
  const weighted = weights !== null;
  if (stubVariable.kind === 'numeric')
    return { version, kind: 'means', weighted, marginOfError, table: meansByColumn(stubVariable, banner, tableOptions) };
  return {
    version,
    kind: 'crosstab',
    weighted,
    marginOfError,
    table: crosstab(stubVariable, banner, { ...tableOptions, yates: t.yates ?? false }),
  };
}
