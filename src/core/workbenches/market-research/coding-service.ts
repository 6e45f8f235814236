import {
  type AnswerCodeInput,
  answerCodeSchema,
  type CodeframeDetail,
  type CodeframeSummary,
  type CodingOverrideRequest,
  type CreateCodeframeRequest,
  type SaveCodeframeVersionRequest,
} from '../../../shared/contracts/coding-api.js';
import { AppError } from '../../../shared/errors.js';
import { type RequestContext, requireUserId } from '../../access/actor.js';
import type { VaultStorage } from '../../documents/ports.js';
import {
  type Access,
  allowsNow,
  auditEngagement,
  type EngagementDeps,
  engagementFor,
  engagementToRead,
  requireVersion,
} from '../../engagements/context.js';
import type { Repos, SurveyCodeframeRecord } from '../../store.js';
import { codeAnswers, quote, type Tokenize } from './coding.js';
import type { SurveyService } from './service.js';

export interface CodingDeps extends EngagementDeps {
  vault: VaultStorage;
  /** Answers are read through the survey service: from the dataset's file in the vault, never copied. */
  surveys: Pick<SurveyService, 'openAnswers'>;
  /** The Japanese/English tokenizer (kuromoji in infra), loaded on first use. */
  tokenizer: () => Promise<Tokenize>;
}

const CODES_SEAL = 'survey.codeframe';
const EXAMPLES_PER_CODE = 5;
const MAX_UNCODED_LISTED = 500;

const codeframeNotFound = () =>
  new AppError('not_found', 'There is no such codeframe on this survey dataset.', { reason: 'codeframe_not_found' });
const userIdOf = (ctx: RequestContext) => requireUserId(ctx, 'Open answers are coded');

/**
 * Open-answer coding: the provider's analyst keeps a codeframe (codes with keywords) for one
 * open-text question; kpo applies it to every answer, and a person may set one answer's codes by
 * hand. Everyone who may read the survey reads the counts and the quotes behind them.
 */
export function codingService(deps: CodingDeps) {
  const { store, vault } = deps;

  async function loadCodeframe(tx: Repos, surveyId: string, codeframeId: string, lock = false): Promise<SurveyCodeframeRecord> {
    const c = lock ? await tx.coding.getForUpdate(codeframeId) : await tx.coding.get(codeframeId);
    if (!c || c.datasetId !== surveyId) throw codeframeNotFound();
    return c;
  }

  async function codesOf(engagementId: string, codeframeId: string, version: number, tx: Repos = store.read) {
    const v = await tx.coding.version(codeframeId, version);
    if (!v) throw new AppError('not_found', `The codeframe has no version ${version}.`, { reason: 'version_not_found' });
    const codes = answerCodeSchema.array().parse(JSON.parse(await vault.open(engagementId, CODES_SEAL, v.codesSealed)));
    return { codes, savedAt: v.savedAt };
  }

  /** Tests the codes on the answers before anything is stored: the engine refuses a repeated key or a keyword with no word. */
  async function check(texts: readonly (string | null)[], codes: readonly AnswerCodeInput[]) {
    codeAnswers(texts, codes, await deps.tokenizer(), { examplesPerCode: 0 });
  }

  async function detail(
    ctx: RequestContext,
    access: Access,
    engagementId: string,
    frame: SurveyCodeframeRecord,
    version?: number,
  ): Promise<CodeframeDetail> {
    const shown = version ?? frame.latestVersion;
    const { codes, savedAt } = await codesOf(access.engagement.id, frame.id, shown);
    const answers = await deps.surveys.openAnswers(ctx, engagementId, frame.datasetId, frame.question, frame.datasetVersion);
    const coded = codeAnswers(answers.texts, codes, await deps.tokenizer(), { examplesPerCode: 0 });
    const { selected, answered } = coded.variable;
    const overrides = await store.read.coding.overrides(frame.id);
    const index = new Map(codes.map((c, i) => [c.key, i]));
    for (const o of overrides) {
      if (answered[o.respondent] !== 1) continue;
      selected.forEach((flags, c) => {
        flags[o.respondent] = 0;
        if (o.codes.some((k) => index.get(k) === c)) flags[o.respondent] = 1;
      });
    }
    const share = (n: number) => (coded.answered === 0 ? 0 : n / coded.answered);
    const textOf = (r: number) => quote(answers.texts[r] ?? '');
    const tallies = codes.map((c, i) => {
      const flags = selected[i] as Uint8Array;
      let count = 0;
      const examples: { respondent: number; text: string }[] = [];
      flags.forEach((f, r) => {
        if (f !== 1) return;
        count++;
        if (examples.length < EXAMPLES_PER_CODE) examples.push({ respondent: r, text: textOf(r) });
      });
      return { key: c.key, label: c.label, count, share: share(count), examples };
    });
    const uncoded: { respondent: number; text: string }[] = [];
    let uncodedCount = 0;
    answered.forEach((a, r) => {
      if (a !== 1 || selected.some((flags) => flags[r] === 1)) return;
      uncodedCount++;
      if (uncoded.length < MAX_UNCODED_LISTED) uncoded.push({ respondent: r, text: textOf(r) });
    });
    return {
      id: frame.id,
      surveyId: frame.datasetId,
      datasetVersion: frame.datasetVersion,
      question: frame.question,
      questionLabel: answers.label,
      version: shown,
      latestVersion: frame.latestVersion,
      codes,
      savedAt,
      canEdit: await allowsNow(store.read, access, 'survey.write'),
      results: {
        respondents: coded.respondents,
        answered: coded.answered,
        codes: tallies,
        uncoded: { count: uncodedCount, share: share(uncodedCount), answers: uncoded },
        overrides: overrides
          .filter((o) => answered[o.respondent] === 1)
          .map((o) => ({ respondent: o.respondent, codes: o.codes.filter((k) => index.has(k)), text: textOf(o.respondent) })),
      },
    };
  }

  return {
    async list(ctx: RequestContext, engagementId: string, surveyId: string): Promise<CodeframeSummary[]> {
      const access = await engagementToRead(store, ctx, engagementId, 'survey.read');
      const survey = await store.read.surveys.get(surveyId);
      if (!survey || survey.engagementId !== access.engagement.id)
        throw new AppError('not_found', 'There is no such survey dataset on this engagement.', { reason: 'dataset_not_found' });
      const frames = await store.read.coding.listForDataset(survey.id);
      return Promise.all(
        frames.map(async (f) => ({
          id: f.id,
          surveyId: f.datasetId,
          datasetVersion: f.datasetVersion,
          question: f.question,
          version: f.latestVersion,
          codes: (await codesOf(access.engagement.id, f.id, f.latestVersion)).codes.length,
          updatedAt: f.updatedAt,
        })),
      );
    },

    async get(
      ctx: RequestContext,
      engagementId: string,
      surveyId: string,
      codeframeId: string,
      version?: number,
    ): Promise<CodeframeDetail> {
      const access = await engagementToRead(store, ctx, engagementId, 'survey.read');
      const frame = await loadCodeframe(store.read, surveyId, codeframeId);
      // openAnswers checks that the survey is on this engagement.
      return detail(ctx, access, engagementId, frame, version);
    },

    async create(ctx: RequestContext, engagementId: string, surveyId: string, input: CreateCodeframeRequest): Promise<CodeframeDetail> {
      const userId = userIdOf(ctx);
      const pre = await engagementFor(store.read, ctx, engagementId, 'survey.write');
      const answers = await deps.surveys.openAnswers(ctx, engagementId, surveyId, input.question, input.datasetVersion);
      await check(answers.texts, input.codes);
      const sealed = await vault.seal(pre.engagement.id, CODES_SEAL, JSON.stringify(input.codes));
      const created = await store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'survey.write', true);
        const now = deps.clock.now().toISOString();
        const frame: SurveyCodeframeRecord = {
          id: deps.random.uuid(),
          datasetId: surveyId,
          datasetVersion: answers.version,
          question: input.question,
          latestVersion: 1,
          createdBy: userId,
          createdAt: now,
          updatedAt: now,
        };
        await tx.coding.insert(frame);
        await tx.coding.insertVersion({ codeframeId: frame.id, version: 1, codesSealed: sealed, savedBy: userId, savedAt: now });
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'survey.codeframe_saved',
          resource: { type: 'survey_codeframe', id: frame.id },
          data: { datasetId: surveyId, datasetVersion: answers.version, question: input.question, version: 1, codes: input.codes.length },
        });
        return { access, frame };
      });
      return detail(ctx, created.access, engagementId, created.frame);
    },

    async saveVersion(
      ctx: RequestContext,
      engagementId: string,
      surveyId: string,
      codeframeId: string,
      input: SaveCodeframeVersionRequest,
    ): Promise<CodeframeDetail> {
      const userId = userIdOf(ctx);
      const pre = await engagementFor(store.read, ctx, engagementId, 'survey.write');
      const before = await loadCodeframe(store.read, surveyId, codeframeId);
      const answers = await deps.surveys.openAnswers(ctx, engagementId, surveyId, before.question, before.datasetVersion);
      await check(answers.texts, input.codes);
      const sealed = await vault.seal(pre.engagement.id, CODES_SEAL, JSON.stringify(input.codes));
      const saved = await store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'survey.write', true);
        const frame = await loadCodeframe(tx, surveyId, codeframeId, true);
        requireVersion(frame.latestVersion, input.baseVersion, 'codeframe');
        const now = deps.clock.now().toISOString();
        const version = frame.latestVersion + 1;
        await tx.coding.insertVersion({ codeframeId: frame.id, version, codesSealed: sealed, savedBy: userId, savedAt: now });
        await tx.coding.setLatest(frame.id, version, now);
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'survey.codeframe_saved',
          resource: { type: 'survey_codeframe', id: frame.id },
          data: { datasetId: surveyId, datasetVersion: frame.datasetVersion, question: frame.question, version, codes: input.codes.length },
        });
        return { access, frame: { ...frame, latestVersion: version, updatedAt: now } };
      });
      return detail(ctx, saved.access, engagementId, saved.frame);
    },

    /** Sets one answer's codes by hand; kept across later versions of the codes (unknown keys are then ignored). */
    async override(
      ctx: RequestContext,
      engagementId: string,
      surveyId: string,
      codeframeId: string,
      input: CodingOverrideRequest,
    ): Promise<CodeframeDetail> {
      const userId = userIdOf(ctx);
      const pre = await engagementFor(store.read, ctx, engagementId, 'survey.write');
      const before = await loadCodeframe(store.read, surveyId, codeframeId);
      const answers = await deps.surveys.openAnswers(ctx, engagementId, surveyId, before.question, before.datasetVersion);
      const { codes } = await codesOf(pre.engagement.id, before.id, before.latestVersion);
      const keys = new Set(codes.map((c) => c.key));
      const issues = [
        ...(input.respondent >= answers.texts.length || !answers.texts[input.respondent]?.trim()
          ? [
              {
                path: ['respondent'],
                code: 'invalid_value' as const,
                message: `Respondent ${input.respondent} has no answer to this question.`,
              },
            ]
          : []),
        ...input.codes.flatMap((k, i) =>
          keys.has(k) ? [] : [{ path: ['codes', i], code: 'unknown_key' as const, message: `No code "${k}".`, params: { key: k } }],
        ),
      ];
      if (issues.length > 0) throw new AppError('invalid_input', 'The override is not valid.', { reason: 'validation', issues });
      const saved = await store.transaction(async (tx) => {
        const access = await engagementFor(tx, ctx, engagementId, 'survey.write', true);
        const frame = await loadCodeframe(tx, surveyId, codeframeId, true);
        const unique = [...new Set(input.codes)];
        await tx.coding.setOverride({
          codeframeId: frame.id,
          respondent: input.respondent,
          codes: unique,
          setBy: userId,
          setAt: deps.clock.now().toISOString(),
        });
        await auditEngagement(deps, tx, ctx, access.engagement, {
          type: 'survey.coding_overridden',
          resource: { type: 'survey_codeframe', id: frame.id },
          data: { datasetId: surveyId, respondent: input.respondent, codes: unique },
        });
        return { access, frame };
      });
      return detail(ctx, saved.access, engagementId, saved.frame);
    },
  };
}

export type CodingService = ReturnType<typeof codingService>;
