import { describe, expect, it } from 'vitest';
import { ApiError, isMissingVersion, isVersionConflict } from '../../api/errors';
import type { Translator } from '../../lib/errorText';
import { issuePlace, placeCanvasIssues } from './editorIssues';

const words: Record<string, string> = {
  'issues.generic.too_small': 'Too small',
  'issues.generic.invalid_type': 'Wrong kind',
  'issues.generic.unknown': 'Check this value',
  'research.issue.out_of_scale': 'A level is 0 to 3.',
  'research.issue.about': '{{where}}: {{text}}',
};
const tr: Translator = {
  exists: (key) => key in words,
  t: (key, options = {}) => (words[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name])),
};

const invalid = (issues: ApiError['issues']) =>
  new ApiError({ status: 400, code: 'invalid_input', reason: 'bad_sizing', message: 'x', issues });

describe('canvas issues', () => {
  it('drops the request’s wrapper from a place', () => {
    expect(issuePlace(['sizing', 'levels', 'tam', 'factors', 0, 'high'], 'sizing')).toBe('levels.tam.factors.0.high');
    expect(issuePlace(['note'], 'sizing')).toBe('note');
  });

  it('puts the first issue of a field on it and lists the others with where they are', () => {
    const error = invalid([
      { path: ['sizing', 'levels', 'tam', 'factors', 0, 'high'], code: 'too_small', message: 'en' },
      { path: ['sizing', 'levels', 'tam', 'factors', 0, 'high'], code: 'invalid_type', message: 'en' },
      { path: ['matrix', 'cells', 3, 'value'], code: 'out_of_scale', message: 'en' },
      { path: ['levels', 'som', 'high'], code: 'invalid_format', message: 'en' },
    ]);
    const placed = placeCanvasIssues(error, tr, {
      root: 'sizing',
      fields: new Set(['levels.tam.factors.0.high']),
      describe: (path) => (path[0] === 'levels' ? `level ${String(path[1])}` : null),
    });
    expect([...placed.byPlace]).toEqual([['levels.tam.factors.0.high', 'Too small']]);
    expect(placed.unplaced).toEqual(['A level is 0 to 3.', 'level som: Check this value']);
  });

  it('tells a stale save by its code and reason, and places nothing for another error', () => {
    expect(isVersionConflict(new ApiError({ status: 409, code: 'conflict', reason: 'version_conflict', message: 'x' }))).toBe(true);
    expect(isVersionConflict(new ApiError({ status: 409, code: 'conflict', reason: 'duplicate', message: 'x' }))).toBe(false);
    expect(isVersionConflict(new ApiError({ status: 409, code: 'conflict', message: 'x' }))).toBe(false);
    expect(isVersionConflict(new ApiError({ status: 404, code: 'not_found', reason: 'version_conflict', message: 'x' }))).toBe(false);
    expect(isVersionConflict(new Error('conflict'))).toBe(false);
    const none = placeCanvasIssues(new Error('x'), tr, { root: 'sizing', fields: new Set(), describe: () => null });
    expect(none).toEqual({ byPlace: new Map(), unplaced: [] });
  });

  it('tells a missing version by its code and reason, not by the status', () => {
    expect(isMissingVersion(new ApiError({ status: 404, code: 'not_found', reason: 'version_not_found', message: 'x' }))).toBe(true);
    expect(isMissingVersion(new ApiError({ status: 404, code: 'not_found', reason: 'sizing_not_found', message: 'x' }))).toBe(false);
    expect(isMissingVersion(new ApiError({ status: 404, code: 'not_found', message: 'x' }))).toBe(false);
    expect(isMissingVersion(new Error('not_found'))).toBe(false);
  });
});
