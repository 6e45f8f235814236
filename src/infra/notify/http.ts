import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockedAddressError, isPrivateAddress, webhookUrlProblem } from './address-guard.js';

/** A webhook call that did not get an answer. `permanent`: trying again cannot help. */
export class WebhookCallError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Resolves the host and refuses loopback and private addresses at connection time, so a name
 * that resolves to a public address when checked and to 127.0.0.1 when connecting (DNS
 * rebinding) is refused too.
 */
function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) return callback(new BlockedAddressError(hostname), []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

function describe(err: unknown, timeoutMs: number, stopped: boolean): WebhookCallError {
  if (err instanceof BlockedAddressError)
    return new WebhookCallError('the address is loopback or private (KPO_WEBHOOK_ALLOW_PRIVATE)', true);
  const e = err as { name?: string; code?: string };
  if (e.name === 'AbortError' || e.code === 'ABORT_ERR') {
    return new WebhookCallError(stopped ? 'interrupted: kpo was stopping' : `no answer within ${Math.round(timeoutMs / 1000)} s`, false);
  }
  const code = typeof e.code === 'string' ? e.code : 'unknown';
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host lookup failed (temporary)',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out',
  };
  return new WebhookCallError(
    known[code] ?? (code.includes('CERT') || code.startsWith('ERR_TLS') ? `TLS error (${code})` : `network error (${code})`),
    false,
  );
}

/**
 * POSTs a JSON body and resolves with the HTTP status (any status: the caller decides). Redirects
 * are not followed; the response body is not read. Rejects with a WebhookCallError when there is
 * no answer: refused address, network error, or no answer within `timeoutMs`.
 */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean; signal?: AbortSignal },
): Promise<{ status: number }> {
  const problem = webhookUrlProblem(url, options.allowPrivate);
  if (problem) return Promise.reject(new WebhookCallError(problem, true));
  const u = new URL(url);
  const signal = options.signal
    ? AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal])
    : AbortSignal.timeout(options.timeoutMs);
  return new Promise((resolve, reject) => {
    const request = (u.protocol === 'https:' ? https : http).request(
      u,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivate),
        // A fresh connection per call: nothing is pinned to an old address, nothing keeps the process alive.
        agent: false,
        signal,
      },
      (response) => {
        resolve({ status: response.statusCode ?? 0 });
        response.destroy();
      },
    );
    request.on('error', (err) => reject(describe(err, options.timeoutMs, options.signal?.aborted ?? false)));
    request.end(body);
  });
}
