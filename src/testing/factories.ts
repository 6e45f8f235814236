import { randomBytes } from 'node:crypto';
import type { Runtime } from '../runtime.js';
import type { OrgKind, Role } from '../shared/roles.js';

export const TEST_PASSWORD = 'correct horse battery staple';

const suffix = () => randomBytes(3).toString('hex');

export async function makeOrg(rt: Runtime, kind: OrgKind, name = `${kind} ${suffix()}`) {
  return rt.services.admin.ensureOrganization(rt.system('test'), { name, kind });
}

export async function makeUser(rt: Runtime, orgId: string, roles: Role[], email = `${roles[0] ?? 'user'}-${suffix()}@example.test`) {
  const created = await rt.services.admin.createUser(rt.system('test'), {
    email,
    displayName: `Test ${roles.join('+')}`,
    password: TEST_PASSWORD,
    orgId,
    roles,
  });
  return { ...created, password: TEST_PASSWORD };
}
