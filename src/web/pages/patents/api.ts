import type {
  AddSearchStepRequest,
  CreateSavedSearchRequest,
  PatentChartRequest,
  PatentChartResult,
  PatentCorpusView,
  PatentDocument,
  PatentImportResult,
  PatentSearchRequest,
  PatentSearchResult,
  SavedSearchSummary,
  SavedSearchView,
} from '../../../shared/contracts/patents-api';
import { apiRequest, withQuery } from '../../api/client';
import { type UploadOptions, uploadFile } from '../../api/upload';

const base = (id: string) => `/api/engagements/${encodeURIComponent(id)}`;
const corpora = (id: string) => `${base(id)}/patent-corpora`;
const searches = (id: string) => `${base(id)}/patent-searches`;
const saved = (id: string, searchId: string) => `${searches(id)}/${encodeURIComponent(searchId)}`;

/** The patent-research workbench's API (src/server/routes/patents.ts): one function per route. */
export const patentsApi = {
  corpora: (id: string) => apiRequest<PatentCorpusView[]>('GET', corpora(id)),
  createCorpus: (id: string, name: string) => apiRequest<PatentCorpusView>('POST', corpora(id), { body: { name } }),
  importFile: (id: string, corpusId: string, file: File, options: UploadOptions = {}) =>
    uploadFile<PatentImportResult>(
      withQuery(`${corpora(id)}/${encodeURIComponent(corpusId)}/imports`, { filename: file.name }),
      file,
      options,
    ),
  search: (id: string, body: PatentSearchRequest) => apiRequest<PatentSearchResult>('POST', `${base(id)}/patent-search`, { body }),
  patent: (id: string, corpusId: string, number: string) =>
    apiRequest<PatentDocument>('GET', `${base(id)}/patents/${encodeURIComponent(corpusId)}/${encodeURIComponent(number)}`),
  chart: (id: string, body: PatentChartRequest) => apiRequest<PatentChartResult>('POST', `${base(id)}/patent-charts`, { body }),
  savedSearches: (id: string) => apiRequest<SavedSearchSummary[]>('GET', searches(id)),
  savedSearch: (id: string, searchId: string, version?: number) =>
    apiRequest<SavedSearchView>('GET', saved(id, searchId), { query: { version } }),
  createSavedSearch: (id: string, body: CreateSavedSearchRequest) => apiRequest<SavedSearchView>('POST', searches(id), { body }),
  addStep: (id: string, searchId: string, body: AddSearchStepRequest) =>
    apiRequest<SavedSearchView>('POST', `${saved(id, searchId)}/steps`, { body }),
};

export const patentKeys = {
  all: (id: string) => ['patents', id] as const,
  corpora: (id: string) => ['patents', id, 'corpora'] as const,
  search: (id: string, request: PatentSearchRequest) => ['patents', id, 'search', request] as const,
  patent: (id: string, corpusId: string, number: string) => ['patents', id, 'patent', corpusId, number] as const,
  savedSearches: (id: string) => ['patents', id, 'saved'] as const,
  savedSearch: (id: string, searchId: string, version: number | null) => ['patents', id, 'saved', searchId, version] as const,
};
