import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { errorText, placeIssues, type Translator } from './errorText';

const i18n = i18next.createInstance();
const tr = (): Translator => ({ t: (key, options) => String(i18n.t(key as never, options as never)), exists: (key) => i18n.exists(key) });

beforeAll(async () => {
  await i18n.init({
    resources: { ja: { translation: ja }, en: { translation: en } },
    lng: 'ja',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

describe('errorText', () => {
  it('translates a known reason', async () => {
    await i18n.changeLanguage('ja');
    const error = new ApiError({ status: 401, code: 'unauthenticated', reason: 'bad_credentials', message: 'The e-mail…' });
    expect(errorText(error, tr())).toEqual({ message: 'メールアドレスまたはパスワードが正しくありません。' });
  });

  it('says when a throttled sign-in may be retried: in minutes, or in seconds for a short wait', async () => {
    const throttled = (retryAfterSeconds?: number) =>
      new ApiError({ status: 429, code: 'rate_limited', reason: 'login_throttled', message: 'x', retryAfterSeconds });
    await i18n.changeLanguage('en');
    expect(errorText(throttled(898), tr()).message).toBe('Too many failed sign-ins. Try again in 15 minutes.');
    expect(errorText(throttled(120), tr()).message).toBe('Too many failed sign-ins. Try again in 2 minutes.');
    expect(errorText(throttled(119), tr()).message).toBe('Too many failed sign-ins. Try again in 119 s.');
    expect(errorText(throttled(1), tr()).message).toBe('Too many failed sign-ins. Try again in 1 s.');
    await i18n.changeLanguage('ja');
    expect(errorText(throttled(4), tr()).message).toBe(
      'サインインの失敗が続いたため、一時的に制限しています。4 秒後に再試行してください。',
    );
    expect(errorText(throttled(900), tr()).message).toBe(
      'サインインの失敗が続いたため、一時的に制限しています。15 分後に再試行してください。',
    );
    // Without a Retry-After the code's general message stands.
    expect(errorText(throttled(), tr()).message).toBe('試行回数が多すぎます。しばらく待ってから再試行してください。');
  });

  it("names a lifecycle move refused in the present state in the reader's words, never the server's", async () => {
    await i18n.changeLanguage('ja');
    const error = new ApiError({
      status: 409,
      code: 'invalid_state',
      reason: 'cannot_send_back_from_in_progress',
      message: 'An engagement…',
    });
    expect(errorText(error, tr())).toEqual({ message: 'この操作（差し戻す）は、案件が「進行中」の間はできません。' });
    await i18n.changeLanguage('en');
    expect(errorText(error, tr()).message).toBe('“Send back” is not possible while the engagement is “In progress”.');
  });

  it('falls back to the code, with the server message as detail', async () => {
    await i18n.changeLanguage('ja');
    const error = new ApiError({ status: 409, code: 'conflict', reason: 'something_new', message: 'Server words.' });
    expect(errorText(error, tr())).toEqual({ message: '既存のものと重複しています。', detail: 'Server words.' });
  });

  it('adds the request id to internal errors', async () => {
    await i18n.changeLanguage('en');
    const error = new ApiError({ status: 500, code: 'internal', message: 'Oops', requestId: 'req-9' });
    expect(errorText(error, tr()).requestId).toBe('req-9');
  });

  it('does not repeat validation details that belong on fields', async () => {
    const error = new ApiError({
      status: 400,
      code: 'invalid_input',
      reason: 'validation',
      message: 'The request is not valid.',
      issues: [{ path: ['email'], code: 'invalid_format', message: 'Must be an e-mail address.' }],
    });
    expect(errorText(error, tr()).detail).toBeUndefined();
  });

  it('handles errors that are not from the API', async () => {
    await i18n.changeLanguage('en');
    expect(errorText(new Error('boom'), tr())).toEqual({ message: 'Something went wrong', detail: 'boom' });
  });
});

describe('placeIssues', () => {
  it('puts translated issues on the named fields, first issue per field', async () => {
    await i18n.changeLanguage('ja');
    const placed = placeIssues(
      [
        { path: ['newPassword'], code: 'too_small', message: 'A password needs at least 12 characters.' },
        { path: ['newPassword'], code: 'too_big', message: 'second' },
        { path: ['roles', 2], code: 'role_not_allowed', message: 'A client organisation has no role "analyst".' },
      ],
      ['newPassword', 'roles'] as const,
      tr(),
    );
    expect(placed.byField).toEqual({ newPassword: '12 文字以上にしてください。', roles: 'この種類の組織にはないロールです。' });
    expect(placed.unplaced).toEqual([]);
  });

  it('keeps the server message when kpo has no translation, and lists issues without a field', async () => {
    await i18n.changeLanguage('en');
    const placed = placeIssues(
      [
        { path: ['email'], code: 'brand_new_code', message: 'Server explains.' },
        { path: [], code: 'malformed_json', message: 'Malformed JSON.' },
      ],
      ['email'] as const,
      tr(),
    );
    expect(placed.byField).toEqual({ email: 'Server explains.' });
    expect(placed.unplaced).toEqual(['Malformed JSON.']);
  });
});
