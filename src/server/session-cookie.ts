import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';

/** Behind TLS the cookie takes the __Host- prefix: Secure, Path=/, no Domain, by the browser's rule. */
export const SESSION_COOKIE = (secure: boolean) => (secure ? '__Host-kpo_session' : 'kpo_session');

export function setSessionCookie(c: Context, token: string, secure: boolean, maxAgeSeconds: number): void {
  setCookie(c, SESSION_COOKIE(secure), token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE(secure), { path: '/', secure });
}
