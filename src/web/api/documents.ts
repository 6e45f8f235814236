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
import { type ApiError, apiErrorFrom, networkError } from './errors';

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

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadInput {
  engagementId: string;
  file: Blob;
  query: UploadDocumentQuery;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

function send(
  input: UploadInput,
  csrfToken: string | undefined,
  idempotencyKey: string,
): Promise<{ status: number; body: unknown; retryAfter: string | null }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const { name, classification, note } = input.query;
    xhr.open('POST', withQuery(documents(input.engagementId), { name, classification, note }));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('idempotency-key', idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) input.onProgress?.({ loaded: e.loaded, total: e.total });
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = xhr.responseText;
      }
      resolve({ status: xhr.status, body, retryAfter: xhr.getResponseHeader('retry-after') });
    };
    xhr.onerror = () => reject(networkError(new Error('The upload did not reach kpo.')));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    input.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    if (input.signal?.aborted) {
      xhr.abort();
      return;
    }
    xhr.send(input.file);
  });
}

/** Uploads on their way: the same file to the same place again while one is in flight is the same upload. */
const inFlight = new Map<Blob, Map<string, Promise<DocumentView>>>();

/**
 * Uploads a file to the engagement's vault through XMLHttpRequest (fetch reports no upload
 * progress), with the session's CSRF token and one Idempotency-Key per submission, as the API
 * client does: a double-click, or a retry after a refused CSRF token, stores one version.
 */
export function uploadDocument(input: UploadInput): Promise<DocumentView> {
  const key = JSON.stringify([input.engagementId, input.query]);
  const forFile = inFlight.get(input.file) ?? new Map<string, Promise<DocumentView>>();
  const pending = forFile.get(key);
  if (pending) return pending;
  const upload = runUpload(input).finally(() => {
    forFile.delete(key);
    if (forFile.size === 0) inFlight.delete(input.file);
  });
  forFile.set(key, upload);
  inFlight.set(input.file, forFile);
  return upload;
}

async function runUpload(input: UploadInput): Promise<DocumentView> {
  const hooks = sessionHooks();
  const idempotencyKey = crypto.randomUUID();
  let answer = await send(input, hooks.csrfToken(), idempotencyKey);
  if (answer.status === 403 && apiErrorFrom(answer.status, answer.body, null).reason === 'csrf') {
    const fresh = await hooks.refreshCsrfToken();
    if (fresh) answer = await send(input, fresh, idempotencyKey);
  }
  if (answer.status >= 200 && answer.status < 300) return answer.body as DocumentView;
  const error: ApiError = apiErrorFrom(answer.status, answer.body, answer.retryAfter);
  if (error.status === 401) hooks.onSessionEnded(error);
  throw error;
}
