import type {
  AccessReview,
  AttestRequest,
  CloseOutView,
  CreateGrantRequest,
  DestroyRequest,
  DocumentLibrary,
  DocumentView,
  PiiReview,
  PseudonymiseRequest,
  UploadDocumentQuery,
} from '../../shared/contracts/documents';
import { apiRequest, sessionHooks, withQuery } from './client';
import { apiErrorFrom, networkError } from './errors';
import { type UploadProgress, uploadFile } from './upload';

/** The document vault API (src/server/routes/documents.ts): one function per route. */

const documents = (engagementId: string) => `/api/engagements/${encodeURIComponent(engagementId)}/documents`;
const document = (engagementId: string, documentId: string) => `${documents(engagementId)}/${encodeURIComponent(documentId)}`;
const versionPath = (engagementId: string, documentId: string, v: number | 'latest') =>
  `${document(engagementId, documentId)}/versions/${v}`;
const closeOut = (engagementId: string) => `/api/engagements/${encodeURIComponent(engagementId)}/close-out`;

export const documentsApi = {
  library: (engagementId: string) => apiRequest<DocumentLibrary>('GET', documents(engagementId)),
  get: (engagementId: string, documentId: string) => apiRequest<DocumentView>('GET', document(engagementId, documentId)),
  grant: (engagementId: string, documentId: string, body: CreateGrantRequest) =>
    apiRequest<DocumentView>('POST', `${document(engagementId, documentId)}/grants`, { body }),
  revoke: (engagementId: string, documentId: string, grantId: string) =>
    apiRequest<DocumentView>('POST', `${document(engagementId, documentId)}/grants/${encodeURIComponent(grantId)}/revoke`),
  accessReview: (engagementId: string) =>
    apiRequest<AccessReview>('GET', `/api/engagements/${encodeURIComponent(engagementId)}/access-review`),
  /** Personal data found in a version (the client's working people only). */
  piiReview: (engagementId: string, documentId: string, v: number | 'latest') =>
    apiRequest<PiiReview>('GET', `${versionPath(engagementId, documentId, v)}/pii`),
  /** A pseudonymised copy of a version: a new client document (POST: with an Idempotency-Key, as every submission). */
  pseudonymise: (engagementId: string, documentId: string, v: number, body: PseudonymiseRequest) =>
    apiRequest<DocumentView>('POST', `${versionPath(engagementId, documentId, v)}/pseudonymised-copy`, { body }),
  closeOut: (engagementId: string) => apiRequest<CloseOutView>('GET', closeOut(engagementId)),
  destroy: (engagementId: string, body: DestroyRequest) => apiRequest<CloseOutView>('POST', `${closeOut(engagementId)}/destroy`, { body }),
  attest: (engagementId: string, body: AttestRequest) =>
    apiRequest<CloseOutView>('POST', `${closeOut(engagementId)}/attestation`, { body }),
};

/** A version with the originals put back for every token and code name, as a download (the client's working people). */
export const reidentifiedUrl = (engagementId: string, documentId: string, v: number | 'latest') =>
  `${versionPath(engagementId, documentId, v)}/reidentified`;

/** The signed destruction certificate, in the language chosen. */
export const certificateUrl = (engagementId: string, locale: 'ja' | 'en') =>
  withQuery(`${closeOut(engagementId)}/certificate.pdf`, { locale });

/**
 * A version's content: `view` for the browser's viewer, `download` as a file (watermarked as its
 * class requires). Downloads are plain links: the browser sends the session cookie; GET needs no CSRF.
 */
export const documentContentUrl = (engagementId: string, documentId: string, version: number | 'latest', mode: 'view' | 'download') =>
  withQuery(`${document(engagementId, documentId)}/versions/${version}/content`, { mode });

/** Reads a version for the viewer; a refusal is an ApiError like any other. */
export async function fetchDocumentContent(url: string, signal?: AbortSignal): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...(signal && { signal }) });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw networkError(e);
  }
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not kpo's error shape: the status decides.
    }
    const error = apiErrorFrom(response.status, body, response.headers.get('retry-after'));
    if (error.status === 401) sessionHooks().onSessionEnded(error);
    throw error;
  }
  return response.blob();
}

export type { UploadProgress } from './upload';

export interface UploadInput {
  engagementId: string;
  file: Blob;
  query: UploadDocumentQuery;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** Uploads a file to the engagement's vault, with progress (see uploadFile). */
export function uploadDocument(input: UploadInput): Promise<DocumentView> {
  const { name, classification, note } = input.query;
  return uploadFile<DocumentView>(withQuery(documents(input.engagementId), { name, classification, note }), input.file, {
    ...(input.onProgress && { onProgress: input.onProgress }),
    ...(input.signal && { signal: input.signal }),
  });
}
