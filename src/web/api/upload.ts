import { sessionHooks } from './client';
import { type ApiError, apiErrorFrom, networkError } from './errors';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

function send(
  url: string,
  file: Blob,
  options: UploadOptions,
  csrfToken: string | undefined,
  idempotencyKey: string,
): Promise<{ status: number; body: unknown; retryAfter: string | null }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('idempotency-key', idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.({ loaded: e.loaded, total: e.total });
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
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    if (options.signal?.aborted) {
      xhr.abort();
      return;
    }
    xhr.send(file);
  });
}

/** Uploads on their way: the same file to the same address again while one is in flight is the same upload. */
const inFlight = new Map<Blob, Map<string, Promise<unknown>>>();

/**
 * Posts a file as the request body through XMLHttpRequest (fetch reports no upload progress), with
 * the session's CSRF token and one Idempotency-Key per submission, as the API client does: a
 * double-click, or a retry after a refused CSRF token, is one upload.
 */
export function uploadFile<T>(url: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  const forFile = inFlight.get(file) ?? new Map<string, Promise<unknown>>();
  const pending = forFile.get(url);
  if (pending) return pending as Promise<T>;
  const upload = runUpload<T>(url, file, options).finally(() => {
    forFile.delete(url);
    if (forFile.size === 0) inFlight.delete(file);
  });
  forFile.set(url, upload);
  inFlight.set(file, forFile);
  return upload;
}

async function runUpload<T>(url: string, file: Blob, options: UploadOptions): Promise<T> {
  const hooks = sessionHooks();
  const idempotencyKey = crypto.randomUUID();
  let answer = await send(url, file, options, hooks.csrfToken(), idempotencyKey);
  if (answer.status === 403 && apiErrorFrom(answer.status, answer.body, null).reason === 'csrf') {
    const fresh = await hooks.refreshCsrfToken();
    if (fresh) answer = await send(url, file, options, fresh, idempotencyKey);
  }
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  const error: ApiError = apiErrorFrom(answer.status, answer.body, answer.retryAfter);
  if (error.status === 401) hooks.onSessionEnded(error);
  throw error;
}
