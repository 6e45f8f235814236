import { describe, expect, it } from 'vitest';
import { loginPath, safeNextPath } from './redirect';

describe('safeNextPath', () => {
  it('follows paths inside kpo, with their query and hash', () => {
    expect(safeNextPath('/audit?type=auth.logout')).toBe('/audit?type=auth.logout');
    expect(safeNextPath('/settings#tokens')).toBe('/settings#tokens');
  });

  it('refuses anything that could leave the site', () => {
    for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)', 'audit']) {
      expect(safeNextPath(next)).toBe('/');
    }
  });

  it('does not loop back to the sign-in page', () => {
    expect(safeNextPath('/login')).toBe('/');
    expect(safeNextPath('/login?next=%2Faudit')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });
});

describe('loginPath', () => {
  it('keeps the intended path', () => {
    expect(loginPath('/audit?type=auth.logout')).toBe('/login?next=%2Faudit%3Ftype%3Dauth.logout');
  });

  it('says when the session ended', () => {
    expect(loginPath('/members', { sessionEnded: true })).toBe('/login?next=%2Fmembers&ended=1');
    expect(loginPath('/')).toBe('/login');
  });
});
