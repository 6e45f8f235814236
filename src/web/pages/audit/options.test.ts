import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/contracts/audit';
import type { MemberView } from '../../../shared/contracts/identity';
import { actorOptions, organizationOptions } from './options';

const member = (userId: string, displayName: string): MemberView => ({
  userId,
  displayName,
  email: `${userId}@example.jp`,
  roles: ['auditor'],
  status: 'active',
  joinedAt: '2026-11-01T00:00:00Z',
});

const event = (over: Partial<AuditEvent>): AuditEvent => ({
  seq: 1,
  id: 'e1',
  occurredAt: '2026-11-27T00:00:00Z',
  type: 'auth.logout',
  actorUserId: null,
  actorLabel: 'seed',
  actor: { kind: 'system', system: 'seed', detail: '' },
  orgId: null,
  partyOrgId: null,
  resourceType: 'session',
  resourceId: 's1',
  data: {},
  ip: null,
  requestId: null,
  hash: 'h',
  ...over,
});

describe('actorOptions', () => {
  it('offers members, people seen in events and the current choice, each once, by name', () => {
    const options = actorOptions(
      [member('u2', '山田 花子'), member('u1', 'Abe')],
      [
        event({
          actorUserId: 'u1',
          actorLabel: 'u1@example.jp',
          actor: { kind: 'user', userId: 'u1', displayName: 'Abe', email: 'u1@example.jp' },
        }),
        event({
          actorUserId: 'gone',
          actorLabel: 'left@example.jp',
          actor: { kind: 'user', userId: 'gone', displayName: '退職 太郎', email: 'left@example.jp' },
        }),
        event({}),
      ],
      'picked',
    );
    expect(options.map((o) => o.value).sort()).toEqual(['gone', 'picked', 'u1', 'u2']);
    expect(options.find((o) => o.value === 'u1')?.label).toBe('Abe (u1@example.jp)');
    expect(options.find((o) => o.value === 'gone')?.label).toBe('退職 太郎 (left@example.jp)');
  });
});

describe('organizationOptions', () => {
  it('names organisations it knows and labels the others by id', () => {
    const options = organizationOptions(
      undefined,
      [
        {
          orgId: 'op',
          orgName: 'kpo 運営事務局',
          orgKind: 'operator',
          roles: ['auditor'],
          permissions: ['audit.read', 'audit.read_instance'],
        },
      ],
      [event({ orgId: 'c1' })],
      undefined,
      (id) => `org ${id}`,
    );
    expect(options).toEqual([
      { value: 'op', label: 'kpo 運営事務局' },
      { value: 'c1', label: 'org c1' },
    ]);
  });
});
