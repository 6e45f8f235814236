import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/contracts/audit';
import { en } from '../../i18n/en';
import { ja } from '../../i18n/ja';
import { actorDisplay } from './actor';

const row = (actorLabel: string, actor: AuditEvent['actor']) => ({ actorLabel, actor });

describe('actorDisplay', () => {
  it('shows a person by name, with the e-mail on hover', () => {
    expect(
      actorDisplay(row('hanako@example.jp', { kind: 'user', userId: 'u1', displayName: '山田 花子', email: 'hanako@example.jp' })),
    ).toEqual({ kind: 'user', name: '山田 花子', title: 'hanako@example.jp' });
  });

  it('shows the system by its kind, with the recorded label on hover', () => {
    expect(actorDisplay(row('cli:root@host', { kind: 'system', system: 'cli', detail: 'root@host' }))).toEqual({
      kind: 'system',
      system: 'cli',
      title: 'cli:root@host',
    });
    expect(actorDisplay(row('login:someone@example.jp', { kind: 'system', system: 'login', detail: 'someone@example.jp' }))).toEqual({
      kind: 'system',
      system: 'login',
      title: 'login:someone@example.jp',
    });
  });

  it('has a label for every kind of system actor in both languages', () => {
    for (const system of ['seed', 'cli', 'job', 'login', 'anonymous', 'other'] as const) {
      expect(en.audit.systemActor[system]).toBeTruthy();
      expect(ja.audit.systemActor[system]).toBeTruthy();
    }
    expect(ja.audit.systemActor.seed).toMatch(/^システム/);
  });
});
