import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

describe('notification settings in the environment', () => {
  it('are off by default', () => {
    const config = loadConfig({});
    expect(config.mail).toBeNull();
    expect(config.webhookAllowPrivate).toBe(false);
  });

  it('turn e-mail on with an SMTP URL and a sender', () => {
    const config = loadConfig({
      KPO_SMTP_URL: 'smtp://user:p%40ss@mail.example.jp:587',
      KPO_MAIL_FROM: 'kpo <noreply@example.jp>',
      KPO_WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    expect(config.mail).toEqual({ smtpUrl: 'smtp://user:p%40ss@mail.example.jp:587', from: 'kpo <noreply@example.jp>' });
    expect(config.webhookAllowPrivate).toBe(true);
    expect(loadConfig({ KPO_SMTP_URL: 'smtps://mail.example.jp', KPO_MAIL_FROM: 'noreply@example.jp' }).mail?.smtpUrl).toBe(
      'smtps://mail.example.jp',
    );
  });

  it('refuse a non-SMTP URL, an SMTP URL without a sender, and a bad flag, without echoing the URL', () => {
    for (const env of [
      { KPO_SMTP_URL: 'https://user:hunter2@mail.example.jp', KPO_MAIL_FROM: 'a@b.c' },
      { KPO_SMTP_URL: 'smtp://user:hunter2@mail.example.jp' },
      { KPO_WEBHOOK_ALLOW_PRIVATE: 'yes' },
    ]) {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'invalid_input', reason: 'bad_config' });
      expect(JSON.stringify(error)).not.toContain('hunter2');
    }
  });
});
