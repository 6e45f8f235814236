import { faker } from '@faker-js/faker/locale/ja';
import type { RequestContext } from '../../core/access/actor.js';
import type { RecordAudit } from '../../core/audit/recorder.js';
import type { AdminService } from '../../core/identity/admin.js';
import type { Store } from '../../core/store.js';
import type { OrgKind, Role } from '../../shared/roles.js';

/**
 * The demo world: the seed's three clients (a startup, a medical-device maker, an investment
 * bank), two KPO providers and the operator, with people in every role. Names of people come
 * from faker's Japanese locale with a fixed seed, so every demo instance looks the same.
 * Seeding again changes nothing.
 */
export const DEFAULT_DEMO_PASSWORD = 'kpo-demo-2026!';

interface DemoOrg {
  key: string;
  name: string;
  kind: OrgKind;
  domain: string;
  people: { local: string; roles: Role[]; locale?: 'ja' | 'en' }[];
  /** People of another demo organisation who also work here (the organisation switcher). */
  guests?: { email: string; roles: Role[] }[];
}

export const demoOrganizations: DemoOrg[] = [
  {
    key: 'operator',
    name: 'kpo 運営事務局',
    kind: 'operator',
    domain: 'operator.kpo.example',
    people: [
      { local: 'admin', roles: ['platform_admin'] },
      { local: 'auditor', roles: ['auditor'] },
    ],
  },
  {
    key: 'startup',
    name: '株式会社ミライリンク',
    kind: 'client',
    domain: 'mirai-link.example',
    people: [
      { local: 'admin', roles: ['client_admin'] },
      { local: 'owner', roles: ['engagement_owner'] },
      { local: 'reviewer', roles: ['reviewer'] },
      { local: 'finance', roles: ['finance'] },
    ],
  },
  {
    key: 'meddevice',
    name: '東和メディカル株式会社',
    kind: 'client',
    domain: 'towa-medical.example',
    people: [
      { local: 'admin', roles: ['client_admin'] },
      { local: 'owner', roles: ['engagement_owner'] },
      { local: 'reviewer', roles: ['reviewer'] },
      { local: 'ip-reviewer', roles: ['reviewer'] },
      { local: 'auditor', roles: ['auditor'] },
    ],
  },
  {
    key: 'bank',
    name: '丸の内キャピタル証券株式会社',
    kind: 'client',
    domain: 'marunouchi-capital.example',
    people: [
      { local: 'admin', roles: ['client_admin'] },
      { local: 'owner', roles: ['engagement_owner', 'reviewer'] },
      { local: 'reviewer', roles: ['reviewer'] },
      { local: 'finance', roles: ['finance'] },
      { local: 'auditor', roles: ['auditor'] },
    ],
  },
  {
    key: 'provider1',
    name: 'ナレッジブリッジ・リサーチ株式会社',
    kind: 'provider',
    domain: 'knowledge-bridge.example',
    people: [
      { local: 'admin', roles: ['provider_admin'] },
      { local: 'manager', roles: ['delivery_manager'] },
      { local: 'analyst1', roles: ['analyst'] },
      { local: 'analyst2', roles: ['analyst'] },
      { local: 'analyst3', roles: ['analyst'], locale: 'en' },
    ],
  },
  {
    key: 'provider2',
    name: 'アジア知財アナリティクス株式会社',
    kind: 'provider',
    domain: 'asia-ip-analytics.example',
    people: [
      { local: 'admin', roles: ['provider_admin'] },
      { local: 'manager', roles: ['delivery_manager'] },
      { local: 'analyst1', roles: ['analyst'] },
      { local: 'analyst2', roles: ['analyst'] },
    ],
    guests: [{ email: 'manager@knowledge-bridge.example', roles: ['delivery_manager'] }],
  },
];

export interface DemoLogin {
  email: string;
  organization: string;
  roles: Role[];
}

export const demoLogins = (): DemoLogin[] =>
  demoOrganizations.flatMap((o) => o.people.map((p) => ({ email: `${p.local}@${o.domain}`, organization: o.name, roles: p.roles })));

export async function seedDemo(
  deps: { admin: AdminService; store: Store; audit: RecordAudit },
  ctx: RequestContext,
  password: string,
): Promise<{ organizations: number; users: number }> {
  faker.seed(20261127);
  let organizations = 0;
  let users = 0;
  for (const spec of demoOrganizations) {
    const existed = await deps.store.read.orgs.findByName(spec.kind, spec.name);
    const org = existed ?? (await deps.admin.ensureOrganization(ctx, { name: spec.name, kind: spec.kind }));
    if (!existed) organizations++;
    for (const person of spec.people) {
      // Draw the name even when the person exists, so names do not shift between runs.
      const displayName = `${faker.person.lastName()} ${faker.person.firstName()}`;
      const email = `${person.local}@${spec.domain}`;
      if (await deps.store.read.users.getByEmail(email)) continue;
      await deps.admin.createUser(ctx, {
        email,
        displayName,
        password,
        orgId: org.id,
        roles: person.roles,
        ...(person.locale && { locale: person.locale }),
      });
      users++;
    }
  }
  for (const spec of demoOrganizations) {
    const org = await deps.store.read.orgs.findByName(spec.kind, spec.name);
    for (const guest of spec.guests ?? []) {
      const user = await deps.store.read.users.getByEmail(guest.email);
      if (org && user && !(await deps.store.read.memberships.get(user.id, org.id))) {
        await deps.admin.addMember(ctx, org.id, guest.email, guest.roles);
      }
    }
  }
  if (organizations + users > 0) {
    await deps.store.transaction((tx) =>
      deps.audit(tx, ctx, {
        type: 'system.demo_seeded',
        orgId: null,
        resource: { type: 'system', id: 'demo' },
        data: { organisations: organizations, users },
      }),
    );
  }
  return { organizations, users };
}
