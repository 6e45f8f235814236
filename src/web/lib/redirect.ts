/**
 * Where to go after signing in. Only a path inside kpo is followed: `//evil.example` or
 * `/\evil.example` would leave the site, and browsers drop tabs and newlines before parsing,
 * so any of those sends the person home instead.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith('/')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/^\/[/\\]|[\u0000-\u001f\u007f\s]/.test(next)) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login#')) return '/';
  return next;
}

/** The sign-in page, remembering where the person wanted to go. */
export function loginPath(intended: string, options: { sessionEnded?: boolean } = {}): string {
  const params = new URLSearchParams();
  const next = safeNextPath(intended);
  if (next !== '/') params.set('next', next);
  if (options.sessionEnded) params.set('ended', '1');
  const search = params.toString();
  return search ? `/login?${search}` : '/login';
}
