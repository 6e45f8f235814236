import type { InputId } from '../../shared/contracts/financial-model';
import type {
  AnalyzeDraftRequest,
  CreateModelCommentRequest,
  CreateModelRequest,
  ImportFile,
  ImportHistoricalsRequest,
  ImportHistoricalsResult,
  ImportPreview,
  ModelAnalysis,
  ModelComment,
  ModelDetail,
  ModelSummary,
  ModelVersion,
  SaveVersionRequest,
  ShareVersionRequest,
  ValueBridgeView,
} from '../../shared/contracts/financial-model-api';
import type { Locale } from '../../shared/contracts/identity';
import { apiRequest, withQuery } from './client';

/** The financial-modeling workbench API (src/server/routes/financial-models.ts): one function per route. */

export interface AnalysisView {
  scenario?: string;
  x?: InputId;
  y?: InputId;
  steps?: number;
}

const models = (engagementId: string) => `/api/engagements/${encodeURIComponent(engagementId)}/models`;
const model = (engagementId: string, modelId: string) => `${models(engagementId)}/${encodeURIComponent(modelId)}`;
const imports = (engagementId: string) => `/api/engagements/${encodeURIComponent(engagementId)}/model-imports`;
const version = (engagementId: string, modelId: string, v: number) => `${model(engagementId, modelId)}/versions/${v}`;

export const financialModelsApi = {
  list: (engagementId: string) => apiRequest<ModelSummary[]>('GET', models(engagementId)),
  create: (engagementId: string, body: CreateModelRequest) => apiRequest<ModelDetail>('POST', models(engagementId), { body }),
  get: (engagementId: string, modelId: string) => apiRequest<ModelDetail>('GET', model(engagementId, modelId)),
  version: (engagementId: string, modelId: string, v: number) => apiRequest<ModelVersion>('GET', version(engagementId, modelId, v)),
  saveVersion: (engagementId: string, modelId: string, body: SaveVersionRequest) =>
    apiRequest<ModelDetail>('POST', `${model(engagementId, modelId)}/versions`, { body }),
  /** Shares a draft with the client (a version whose checks fail needs the reason). */
  share: (engagementId: string, modelId: string, v: number, body: ShareVersionRequest) =>
    apiRequest<ModelDetail>('POST', `${version(engagementId, modelId, v)}/share`, { body }),
  comments: (engagementId: string, modelId: string, v: number) =>
    apiRequest<ModelComment[]>('GET', `${version(engagementId, modelId, v)}/comments`),
  comment: (engagementId: string, modelId: string, v: number, body: CreateModelCommentRequest) =>
    apiRequest<ModelComment[]>('POST', `${version(engagementId, modelId, v)}/comments`, { body }),
  analysis: (engagementId: string, modelId: string, v: number, view: AnalysisView, signal?: AbortSignal) =>
    apiRequest<ModelAnalysis>('GET', `${version(engagementId, modelId, v)}/analysis`, {
      query: { scenario: view.scenario, x: view.x, y: view.y, steps: view.steps },
      ...(signal && { signal }),
    }),
  analyzeDraft: (engagementId: string, modelId: string, body: AnalyzeDraftRequest, signal?: AbortSignal) =>
    apiRequest<ModelAnalysis>('POST', `${model(engagementId, modelId)}/analysis`, { body, ...(signal && { signal }) }),
  compare: (engagementId: string, modelId: string, from: number, to: number) =>
    apiRequest<ValueBridgeView>('GET', `${model(engagementId, modelId)}/compare`, { query: { from, to } }),
  /** Import of historical statements, step 1: the table as read and a suggested mapping. */
  importPreview: (engagementId: string, body: ImportFile) =>
    apiRequest<ImportPreview>('POST', `${imports(engagementId)}/preview`, { body }),
  /** Step 2: the historical years the corrected mapping gives (a 400 lists every problem). */
  importHistoricals: (engagementId: string, body: ImportHistoricalsRequest) =>
    apiRequest<ImportHistoricalsResult>('POST', `${imports(engagementId)}/historicals`, { body }),
};

/**
 * Downloads are plain links (the browser sends the session cookie; no CSRF on GET). Both are of
 * the saved version's base case (the export route takes no scenario); the PDF also lists each
 * scenario's value.
 */
export const modelExportUrls = (engagementId: string, modelId: string, v: number, language: Locale) => ({
  xlsx: withQuery(`${version(engagementId, modelId, v)}/export.xlsx`, { language }),
  pdf: withQuery(`${version(engagementId, modelId, v)}/summary.pdf`, { language }),
});
