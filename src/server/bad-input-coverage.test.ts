import { describe, expect, it, vi } from 'vitest';
import { routeOf } from '../testing/naughty.js';
import { useTestKit } from '../testing/runtime.js';
import { adminCases } from './bad-input-admin.test.js';
import { capacityCases } from './bad-input-capacity.test.js';
import { codingCases } from './bad-input-coding.test.js';
import { conflictCases } from './bad-input-conflicts.test.js';
import { deliverableCases } from './bad-input-deliverables.test.js';
import { documentCases } from './bad-input-documents.test.js';
import { engagementCases } from './bad-input-engagements.test.js';
import { modelCases } from './bad-input-models.test.js';
import { patentCases } from './bad-input-patents.test.js';
import { sessionCases } from './bad-input-session.test.js';
import { sizingCases } from './bad-input-sizing.test.js';
import { surveyCases } from './bad-input-surveys.test.js';
import { timeCases } from './bad-input-time.test.js';

// The case tables are read from the bad-input files; their suites run there, not here.
vi.mock('../testing/db.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../testing/db.js')>()),
  describeEachDatabase: () => {},
}));

/** Write routes with no naughty-string case, each with the reason. */
const exceptions: Record<string, string> = {
  'DELETE /api/session': 'signing out reads no input at all (no body, no path id), and would end the session the cases run on',
  'POST /api/test/clock': 'registered only with KPO_TEST_CLOCK=true for end-to-end tests (not in this app); its one field is a number',
};

const cases = [
  ...adminCases,
  ...sessionCases,
  ...engagementCases,
  ...modelCases,
  ...documentCases,
  ...conflictCases,
  ...deliverableCases,
  ...surveyCases,
  ...codingCases,
  ...sizingCases,
  ...patentCases,
  ...timeCases,
  ...capacityCases,
];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('bad input: every write route has a naughty-string case', () => {
  const kit = useTestKit('pglite');
  const registered = () => [
    ...new Set(
      kit()
        .app.app.routes.filter((r) => r.path.startsWith('/api') && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`),
    ),
  ];

  it('every POST, PUT, PATCH and DELETE route under /api is called by a case, or is an exception with a reason', () => {
    const covered = new Set(cases.map((c) => c.route));
    const writes = registered().filter((key) => WRITES.has(key.split(' ')[0] ?? ''));
    expect(writes.length).toBeGreaterThan(40);
    const missing = writes.filter((key) => !covered.has(key) && !(key in exceptions));
    expect(missing, 'write routes no naughty-string case calls (add one to a bad-input file)').toEqual([]);
  });

  it('each case names a registered route in the form "METHOD /api/path/:param", and no exception has a case', () => {
    const routes = new Set(registered());
    const unknown = cases.filter((c) => !routes.has(c.route)).map((c) => `${c.name}: ${c.route}`);
    expect(unknown, 'cases naming a route the app does not register').toEqual([]);
    for (const c of cases) expect(() => routeOf(c)).not.toThrow();
    expect(cases.filter((c) => c.route in exceptions).map((c) => c.name)).toEqual([]);
    expect(new Set(cases.map((c) => c.name)).size, 'case names are unique').toBe(cases.length);
  });
});
