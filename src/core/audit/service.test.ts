import { describe, expect, it } from 'vitest';
import { auditQuerySchema, decodeAuditCursor, encodeAuditCursor } from '../../shared/contracts/audit.js';
import { auditActorOf } from './service.js';

describe('the audit page cursor', () => {
  it('round-trips time and position, and is opaque and URL-safe', () => {
    const cursor = { occurredAt: '2026-10-08T01:02:03.456Z', pos: 4711 };
    const encoded = encodeAuditCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encoded).not.toContain('4711');
    expect(decodeAuditCursor(encoded)).toEqual(cursor);
  });

  it('refuses what it did not give out', () => {
    const good = encodeAuditCursor({ occurredAt: '2026-10-08T01:02:03.456Z', pos: 5 });
    for (const bad of [
      '',
      '12',
      'abc',
      `${good}x`,
      `${good}==`,
      btoa('1.0'),
      btoa('x.5'),
      btoa('1.2.3'),
      btoa(`${'9'.repeat(16)}.1`),
      '%%%',
    ]) {
      expect(decodeAuditCursor(bad), bad).toBeNull();
    }
  });

  it('is validated by the query schema, with the issue on before', () => {
    const parsed = auditQuerySchema.safeParse({ before: 'not-a-cursor' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['before']);
    const good = encodeAuditCursor({ occurredAt: '2026-10-08T01:02:03.456Z', pos: 5 });
    expect(auditQuerySchema.parse({ before: good }).before).toEqual({ occurredAt: '2026-10-08T01:02:03.456Z', pos: 5 });
  });
});

describe('auditActorOf', () => {
  const people = new Map([['u1', { displayName: '山田 花子', email: 'hanako@example.jp' }]]);

  it('shows a person by their name now, with the e-mail; the label when the person is unknown', () => {
    expect(auditActorOf({ actorUserId: 'u1', actorLabel: 'hanako@example.jp' }, people)).toEqual({
      kind: 'user',
      userId: 'u1',
      displayName: '山田 花子',
      email: 'hanako@example.jp',
    });
    expect(auditActorOf({ actorUserId: 'u9', actorLabel: 'gone@example.jp' }, people)).toEqual({
      kind: 'user',
      userId: 'u9',
      displayName: 'gone@example.jp',
      email: 'gone@example.jp',
    });
  });

  it('names each kind of system actor', () => {
    const of = (actorLabel: string) => auditActorOf({ actorUserId: null, actorLabel }, people);
    expect(of('seed')).toEqual({ kind: 'system', system: 'seed', detail: '' });
    expect(of('anonymous')).toEqual({ kind: 'system', system: 'anonymous', detail: '' });
    expect(of('cli:root@host')).toEqual({ kind: 'system', system: 'cli', detail: 'root@host' });
    expect(of('job:sla-check')).toEqual({ kind: 'system', system: 'job', detail: 'sla-check' });
    expect(of('login:someone@example.jp')).toEqual({ kind: 'system', system: 'login', detail: 'someone@example.jp' });
    expect(of('restore')).toEqual({ kind: 'system', system: 'other', detail: 'restore' });
    expect(of(':odd')).toEqual({ kind: 'system', system: 'other', detail: ':odd' });
  });
});
