import { describe, expect, it } from 'vitest';
import { notificationKinds } from '../../shared/contracts/notifications.js';
import { renderEmail } from './messages.js';

describe('notification e-mail', () => {
  it('has a subject and body for every kind in Japanese and English', () => {
    for (const kind of notificationKinds) {
      for (const locale of ['ja', 'en'] as const) {
        const m = renderEmail({
          kind,
          locale,
          displayName: '山田 太郎',
          engagementId: null,
          data: { engagementName: 'X' },
          publicUrl: null,
        });
        expect(m.subject).toMatch(/^\[kpo\] \S.*: X$/);
        expect(m.text.split('\n')[2]?.length).toBeGreaterThan(3);
      }
    }
  });

  it('links to the engagement when the public URL is known, and keeps header-breaking text out of the subject', () => {
    const m = renderEmail({
      kind: 'sla.breached',
      locale: 'ja',
      displayName: 'Hanako\r\nBcc: x@example.com',
      engagementId: 'eng-1',
      data: {
        engagementName: 'Alpha\r\nBcc: victim@example.com',
        decision: 'send_back',
        to: 'in_progress',
        progressPct: 40,
        version: 2,
        ignored: 'secret internal note',
      },
      publicUrl: 'https://kpo.example.jp/base/',
    });
    expect(m.subject).toBe('[kpo] SLA違反: Alpha Bcc: victim@example.com');
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.text).toContain('Hanako Bcc: x@example.com 様');
    expect(m.text).toContain('結果: 差し戻し');
    expect(m.text).toContain('新しいステータス: 進行中');
    expect(m.text).toContain('進捗: 40%');
    expect(m.text).toContain('SOW: 第2版');
    expect(m.text).not.toContain('secret internal note');
    expect(m.text).toContain('https://kpo.example.jp/base/engagements/eng-1');
  });

  it('leaves the link out without a public URL', () => {
    const m = renderEmail({ kind: 'team.assigned', locale: 'en', displayName: 'Ann', engagementId: 'e', data: {}, publicUrl: null });
    expect(m.subject).toBe('[kpo] Assigned to a team');
    expect(m.text).not.toContain('http');
  });
});
