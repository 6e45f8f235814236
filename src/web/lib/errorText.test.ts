import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../shared/errors';
import { ApiError } from '../api/errors';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { errorText, issueMessage, placeIssues, type Translator } from './errorText';

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

  it("falls back to the code for a reason it cannot word, never showing the server's English", async () => {
    await i18n.changeLanguage('ja');
    const error = new ApiError({ status: 409, code: 'conflict', reason: 'something_new', message: 'Server words.' });
    expect(errorText(error, tr())).toEqual({ message: '既存のものと重複しています。' });
  });

  it("words a reason with the values it carries, in the reader's language", async () => {
    const error = new ApiError({
      status: 400,
      code: 'invalid_input',
      reason: 'growth_not_below_wacc',
      message: 'Terminal growth (9.00%) must be below WACC (8.00%).',
      params: { growth: '9.00%', wacc: '8.00%' },
    });
    await i18n.changeLanguage('ja');
    expect(errorText(error, tr()).message).toBe('永久成長率（9.00%）が WACC（8.00%）以上です。永久成長率は WACC より低くしてください。');
    await i18n.changeLanguage('en');
    expect(errorText(error, tr()).message).toBe('Terminal growth (9.00%) is not below WACC (8.00%). Keep terminal growth below WACC.');
    const webhooks = new ApiError({ status: 409, code: 'invalid_state', reason: 'too_many_webhooks', message: 'x', params: { max: 20 } });
    expect(errorText(webhooks, tr()).message).toBe('An organisation can have at most 20 webhooks. Delete one first.');
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
        {
          path: ['newPassword'],
          code: 'too_small',
          message: 'A password needs at least 12 characters.',
          params: { minimum: 12, origin: 'string' },
        },
        { path: ['newPassword'], code: 'too_big', message: 'second' },
        { path: ['roles', 2], code: 'role_not_allowed', message: 'A client organisation has no role "analyst".' },
      ],
      ['newPassword', 'roles'] as const,
      tr(),
    );
    expect(placed.byField).toEqual({ newPassword: '12 文字以上にしてください。', roles: 'この種類の組織にはないロールです。' });
    expect(placed.unplaced).toEqual([]);
  });

  it('words a code kpo does not know neutrally (never the server English), and lists issues without a field', async () => {
    await i18n.changeLanguage('ja');
    const placed = placeIssues(
      [
        { path: ['email'], code: 'brand_new_code' as Issue['code'], message: 'Server explains.' },
        { path: [], code: 'malformed_json', message: 'Malformed JSON.' },
      ],
      ['email'] as const,
      tr(),
    );
    expect(placed.byField).toEqual({ email: 'この項目の値を確認してください。' });
    expect(placed.unplaced).toEqual(['送信した内容を読み取れませんでした。']);
  });

  it('says an empty field is required, and states the limit of a length or a range', async () => {
    const issues: Issue[] = [
      { path: ['title'], code: 'required', message: 'Must not be empty.' },
      { path: ['summary'], code: 'too_big', message: 'At most 200 characters.', params: { maximum: 200, origin: 'string' } },
      { path: ['hours'], code: 'too_small', message: 'Too small.', params: { minimum: 0, origin: 'number' } },
      { path: ['weight'], code: 'too_small', message: 'Too small.', params: { minimum: 0, origin: 'number', exclusive: 1 } },
      { path: ['roles'], code: 'too_small', message: 'Too small.', params: { minimum: 1, origin: 'array' } },
    ];
    const fields = ['title', 'summary', 'hours', 'weight', 'roles'] as const;
    await i18n.changeLanguage('ja');
    expect(placeIssues(issues, fields, tr()).byField).toEqual({
      title: '入力してください。',
      summary: '200 文字以内で入力してください。',
      hours: '0 以上にしてください。',
      weight: '0 より大きくしてください。',
      roles: 'ロールを 1 つ以上選んでください。',
    });
    await i18n.changeLanguage('en');
    expect(placeIssues(issues, fields, tr()).byField).toMatchObject({
      title: 'Required: enter a value.',
      summary: 'At most 200 characters.',
      hours: 'Must be at least 0.',
    });
  });
});

describe('load figures in issues', () => {
  it('reads hours where the issue carries minutes, in both languages', async () => {
    const breach: Issue = {
      path: ['weeks'],
      code: 'load_limit_breach',
      message: 'x',
      params: { rule: 'monthly_total', month: '2026-06', forecast: 22_920, limit: 6000 },
    };
    const over: Issue = {
      path: ['weeks', 0, 'minutes'],
      code: 'allocation_over_capacity',
      message: 'x',
      params: { week: '2026-06-01', planned: 2430, available: 2400 },
    };
    await i18n.changeLanguage('ja');
    expect(issueMessage(breach, tr())).toContain('(100 時間に対し 382 時間)');
    expect(issueMessage(over, tr())).toContain('予定が 40.5 時間になり、稼働可能な 40 時間を超えます');
    await i18n.changeLanguage('en');
    expect(issueMessage(breach, tr())).toContain('(382 h of 100 h)');
    expect(issueMessage(over, tr())).toContain('That plans 40.5 h in the week of 2026-06-01, past the 40 h available.');
    // The params on the wire stay minutes.
    expect(breach.params).toMatchObject({ forecast: 22_920, limit: 6000 });
  });
});
