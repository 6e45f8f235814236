import type {
  CodeframeDetail,
  CodeframeSummary,
  CodingOverrideRequest,
  CreateCodeframeRequest,
  SaveCodeframeVersionRequest,
} from '../../../shared/contracts/coding-api';
import type {
  CreateSurveyRequest,
  CreateWeightingRequest,
  SaveSurveyVersionRequest,
  SurveyDetail,
  SurveyPreview,
  SurveySource,
  SurveySummary,
  WeightingView,
} from '../../../shared/contracts/market-research-api';
import { apiRequest, withQuery } from '../../api/client';
import type { Correction, CrosstabReply, FrequenciesReply, ScaleReply, TableOptions, WeightingChoice } from './types';

const surveys = (id: string) => `/api/engagements/${encodeURIComponent(id)}/surveys`;
const survey = (id: string, surveyId: string) => `${surveys(id)}/${encodeURIComponent(surveyId)}`;

const tableQuery = (o: TableOptions) => ({
  version: o.version,
  weighting: o.weighting,
  ...(o.alpha !== undefined && { alpha: o.alpha }),
  ...(o.correction !== undefined && { correction: o.correction }),
});

export interface CrosstabQuery extends TableOptions {
  stub: string;
  banner: string;
  yates: boolean;
}

/** What a weighting request sends (the server fills its defaults). */
export type WeightingInput = Omit<CreateWeightingRequest, 'trim' | 'maxIterations'> & {
  trim: CreateWeightingRequest['trim'];
  maxIterations?: number;
};

/** The market-research workbench's survey datasets (src/server/routes/market-research.ts): one function per route. */
export const surveysApi = {
  list: (id: string) => apiRequest<SurveySummary[]>('GET', surveys(id)),
  preview: (id: string, body: SurveySource) => apiRequest<SurveyPreview>('POST', `${surveys(id)}/preview`, { body }),
  create: (id: string, body: CreateSurveyRequest) => apiRequest<SurveyDetail>('POST', surveys(id), { body }),
  get: (id: string, surveyId: string, version?: number) => apiRequest<SurveyDetail>('GET', survey(id, surveyId), { query: { version } }),
  saveVersion: (id: string, surveyId: string, body: SaveSurveyVersionRequest) =>
    apiRequest<SurveyDetail>('POST', `${survey(id, surveyId)}/versions`, { body }),
  createWeighting: (id: string, surveyId: string, body: WeightingInput) =>
    apiRequest<WeightingView>('POST', `${survey(id, surveyId)}/weightings`, { body }),
  frequencies: (id: string, surveyId: string, question: string, options: TableOptions) =>
    apiRequest<FrequenciesReply>('GET', `${survey(id, surveyId)}/frequencies`, { query: { question, ...tableQuery(options) } }),
  crosstab: (id: string, surveyId: string, q: CrosstabQuery) =>
    apiRequest<CrosstabReply>('GET', `${survey(id, surveyId)}/crosstab`, {
      query: { stub: q.stub, banner: q.banner, yates: String(q.yates), ...tableQuery(q) },
    }),
  scales: (id: string, surveyId: string, questions: readonly string[], options: TableOptions) =>
    apiRequest<ScaleReply>('GET', `${survey(id, surveyId)}/scales`, { query: { questions: questions.join(','), ...tableQuery(options) } }),
};

export interface DeckOptions {
  version: number;
  banners: readonly string[];
  /** Omitted: every question that can be a row. */
  stubs?: readonly string[];
  weighting: WeightingChoice;
  alpha: number;
  correction: Correction;
  language: 'ja' | 'en';
}

/** The crosstab deck as .xlsx or a PDF report: a plain link (the browser sends the session cookie; GET needs no CSRF). */
export const deckUrl = (id: string, surveyId: string, o: DeckOptions, format: 'xlsx' | 'pdf' = 'xlsx'): string =>
  withQuery(`${survey(id, surveyId)}/deck.${format}`, {
    version: o.version,
    banners: o.banners.join(','),
    stubs: o.stubs?.join(','),
    weighting: o.weighting,
    alpha: o.alpha,
    correction: o.correction,
    language: o.language,
  });

/** The respondents as CSV with the weighting's weights: UTF-8 with a BOM, or Shift_JIS for older Excel. */
export const dataCsvUrl = (
  id: string,
  surveyId: string,
  o: { version: number; weighting: WeightingChoice; encoding?: 'utf-8' | 'shift_jis' },
): string =>
  withQuery(`${survey(id, surveyId)}/data.csv`, {
    version: o.version,
    weighting: o.weighting,
    encoding: o.encoding === 'shift_jis' ? 'shift_jis' : undefined,
  });

/** Cache keys: under the engagement, so refreshing the engagement refreshes them. */
export const surveyKeys = {
  list: (id: string) => ['engagements', 'one', id, 'surveys'] as const,
  all: (id: string, surveyId: string) => ['engagements', 'one', id, 'surveys', surveyId] as const,
  detail: (id: string, surveyId: string, version: number | null) => ['engagements', 'one', id, 'surveys', surveyId, 'v', version] as const,
  table: (id: string, surveyId: string, kind: 'frequencies' | 'crosstab' | 'scales', query: unknown) =>
    ['engagements', 'one', id, 'surveys', surveyId, kind, query] as const,
};

const codeframes = (id: string, surveyId: string) => `${survey(id, surveyId)}/codeframes`;

const codeframe = (id: string, surveyId: string, codeframeId: string) => `${codeframes(id, surveyId)}/${encodeURIComponent(codeframeId)}`;

/** Open-answer coding of a survey dataset (src/server/routes/survey-coding.ts): one function per route. */
export const codingApi = {
  list: (id: string, surveyId: string) => apiRequest<CodeframeSummary[]>('GET', codeframes(id, surveyId)),
  get: (id: string, surveyId: string, codeframeId: string, version?: number) =>
    apiRequest<CodeframeDetail>('GET', codeframe(id, surveyId, codeframeId), { query: { version } }),
  create: (id: string, surveyId: string, body: CreateCodeframeRequest) =>
    apiRequest<CodeframeDetail>('POST', codeframes(id, surveyId), { body }),
  saveVersion: (id: string, surveyId: string, codeframeId: string, body: SaveCodeframeVersionRequest) =>
    apiRequest<CodeframeDetail>('POST', `${codeframe(id, surveyId, codeframeId)}/versions`, { body }),
  override: (id: string, surveyId: string, codeframeId: string, body: CodingOverrideRequest) =>
    apiRequest<CodeframeDetail>('POST', `${codeframe(id, surveyId, codeframeId)}/overrides`, { body }),
};

export const codingKeys = {
  /** The survey's list of codeframes, and (not exact) every codeframe's versions under it. */
  all: (id: string, surveyId: string) => ['engagements', 'one', id, 'surveys', surveyId, 'codeframes'] as const,
  detail: (id: string, surveyId: string, codeframeId: string, version: number | null) =>
    ['engagements', 'one', id, 'surveys', surveyId, 'codeframes', codeframeId, 'v', version] as const,
};
