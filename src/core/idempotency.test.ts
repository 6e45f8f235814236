import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/db.js';
import { useTestKit } from '../testing/runtime.js';
import { IDEMPOTENCY_CLAIM_LEASE_MS } from './idempotency.js';

/**
 * A server killed mid-request (kill -9, a crash, a lost container) must not make a request's
 * Idempotency-Key unusable, nor let a retry do the work twice. Found by the reliability suite
 * (reliability/kill9.test.ts): a retry after the restart was refused "in progress" for a day.
 */
describeEachDatabase('idempotency keys across a crash', (backend) => {
  const kit = useTestKit(backend);
  const principal = () => `session:${randomUUID()}@${randomUUID()}`;
  /** The request's work: one audited organisation, in one store transaction. */
  const work = (name: string) => kit().rt.services.admin.ensureOrganization(kit().rt.system('test'), { name, kind: 'client' });
  const orgsNamed = async (name: string) => (await kit().rt.store.read.orgs.list()).filter((o) => o.name === name).length;

  it('a claim whose server died before the work committed is taken over after the lease, and the dead claim can never commit', async () => {
    const { rt, clock } = kit();
    const idem = rt.services.idempotency;
    const [who, key, name] = [principal(), randomUUID(), `Crash ${randomUUID()}`];
    const first = await idem.start(who, key, 'fp');
    if (first.kind !== 'proceed') throw new Error(first.kind);
    // The server dies here: the key stays claimed. A retry at once is told to wait…
    expect(await idem.start(who, key, 'fp')).toEqual({ kind: 'pending' });
    // …and after the lease it goes through.
    clock.advance(IDEMPOTENCY_CLAIM_LEASE_MS + 1000);
    const retry = await idem.start(who, key, 'fp');
    if (retry.kind !== 'proceed') throw new Error(retry.kind);
    // Had the first request only been slow, its late commit is refused: the work is done once.
    await expect(idem.run({ principal: who, key, claimedAt: first.claimedAt }, () => work(name))).rejects.toMatchObject({
      reason: 'idempotency_in_progress',
    });
    expect(await orgsNamed(name)).toBe(0);
    await idem.run({ principal: who, key, claimedAt: retry.claimedAt }, () => work(name));
    await idem.complete(who, key, 201, '{"ok":true}');
    expect(await orgsNamed(name)).toBe(1);
    expect(await idem.start(who, key, 'fp')).toEqual({ kind: 'replay', status: 201, body: '{"ok":true}' });
  });

  it('work that committed before the server died is never done again: a retry is told it was done, its answer lost', async () => {
    const { rt, clock } = kit();
    const idem = rt.services.idempotency;
    const [who, key, name] = [principal(), randomUUID(), `Done ${randomUUID()}`];
    const first = await idem.start(who, key, 'fp');
    if (first.kind !== 'proceed') throw new Error(first.kind);
    await idem.run({ principal: who, key, claimedAt: first.claimedAt }, () => work(name));
    // The server dies before it stores the answer (no complete). The key was marked done in the work's commit.
    expect(await idem.start(who, key, 'fp')).toEqual({ kind: 'pending' });
    clock.advance(IDEMPOTENCY_CLAIM_LEASE_MS + 1000);
    expect(await idem.start(who, key, 'fp')).toEqual({ kind: 'replay', status: null, body: null });
    expect(await orgsNamed(name)).toBe(1);
  });
});
