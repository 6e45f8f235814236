import { describe, expect, it } from 'vitest';
import type { Issue } from '../../../shared/errors';
import { ApiError } from '../../api/errors';
import type { Translator } from '../errorText';
import { changedSince, indexIssues, issueText, pathKey, unplacedIssues } from './issues';

const dictionary: Record<string, string> = {
  'issues.generic.too_small': 'Too short.',
  'issues.generic.custom': 'Contains characters that are not allowed.',
  'engagements.issues.field.dueDate.custom': 'Check this date.',
  'engagements.issues.weights_total': 'The weights add up to {{total}}%.',
  'issues.generic.unknown': 'Check this value.',
};
const tr: Translator = {
  t: (key, options) => (dictionary[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k) => String(options?.[k] ?? '')),
  exists: (key) => key in dictionary,
};

const invalid = (issues: Issue[]) => new ApiError({ status: 400, code: 'invalid_input', message: 'Invalid.', issues });

describe('issues of nested forms', () => {
  it('translates by field and code, then by code, else says neutrally to check the value (never the server’s words)', () => {
    expect(issueText({ path: ['proposal', 'milestones', 1, 'dueDate'], code: 'custom', message: 'x' }, tr)).toBe('Check this date.');
    expect(issueText({ path: ['title'], code: 'too_small', message: 'x' }, tr)).toBe('Too short.');
    expect(issueText({ path: ['proposal', 'milestones'], code: 'custom', message: 'The weights add up to 90, not 100.' }, tr)).toBe(
      'Contains characters that are not allowed.',
    );
    expect(issueText({ path: ['x'], code: 'invalid_union', message: 'Server words.' }, tr)).toBe('Check this value.');
  });

  it('indexes by dotted path without the request prefix; local findings come first', () => {
    const error = invalid([
      { path: ['proposal', 'milestones', 1, 'dueDate'], code: 'custom', message: 'order' },
      { path: ['proposal', 'milestones'], code: 'custom', message: 'The weights add up to 90, not 100.' },
      { path: ['proposal', 'fee', 'amount', 'amount'], code: 'too_small', message: 'neg' },
    ]);
    const index = indexIssues(error, [{ path: ['milestones'], code: 'weights_total', values: { total: 90 } }], tr, ['proposal']);
    expect(Object.fromEntries(index)).toEqual({
      milestones: 'The weights add up to 90%.',
      'milestones.1.dueDate': 'Check this date.',
      'fee.amount.amount': 'Too short.',
    });
    expect(unplacedIssues(index, new Set(['milestones', 'milestones.1.dueDate']))).toEqual(['Too short.']);
  });

  it('has nothing to say about errors that are not validation', () => {
    expect(indexIssues(new Error('boom'), [], tr).size).toBe(0);
    expect(pathKey(['a', 0, 'b'])).toBe('a.0.b');
  });

  it('calls a server issue stale once its field holds another value than the one sent', () => {
    const sent = { approach: '', milestones: [{ title: 'A', dueDate: '2026-13-01' }], fee: { amount: '5' } };
    const fixed = { approach: '', milestones: [{ title: 'A', dueDate: '2026-12-01' }], fee: { amount: '5' } };
    expect(changedSince(sent, fixed, ['milestones', 0, 'dueDate'])).toBe(true);
    expect(changedSince(sent, fixed, ['milestones', 0, 'title'])).toBe(false);
    expect(changedSince(sent, fixed, ['approach'])).toBe(false);
    expect(changedSince(sent, { ...fixed, fee: { amount: '6' } }, ['fee'])).toBe(true);
    // A path the form does not hold (the request's shape differs) keeps the issue.
    expect(changedSince(sent, fixed, ['fee', 'rateCard', 0])).toBe(false);
  });
});
