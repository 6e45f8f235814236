import { describe, expect, it } from 'vitest';
import { type ChainedEvent, canonicalJson, eventHash, GENESIS_HASH, verifyChain } from './chain.js';

function chain(n: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq,
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      occurredAt: new Date(Date.UTC(2026, 3, 1, 0, seq)).toISOString(),
      type: 'org.created',
      actorUserId: null,
      actorLabel: 'test',
      orgId: null,
      resourceType: 'organization',
      resourceId: `org-${seq}`,
      data: { name: `組織 ${seq}`, kind: 'client' },
      ip: null,
      requestId: null,
    };
    const hash = eventHash(prev, content);
    events.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

async function* iterate(events: ChainedEvent[]) {
  yield* events;
}

const headOf = (events: ChainedEvent[]) => ({ seq: events.at(-1)?.seq ?? 0, hash: events.at(-1)?.hash ?? GENESIS_HASH });

describe('audit hash chain', () => {
  it('canonical JSON sorts keys at every level and is stable', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
  });

  it('verifies an intact chain', async () => {
    const events = chain(5);
    expect(await verifyChain(iterate(events), headOf(events))).toMatchObject({ ok: true, count: 5, lastSeq: 5 });
  });

  it('names a changed event', async () => {
    const events = chain(5);
    const tampered = events.map((e) => (e.seq === 3 ? { ...e, data: { ...e.data, name: 'changed' } } : e));
    expect(await verifyChain(iterate(tampered), headOf(events))).toMatchObject({
      ok: false,
      broken: { seq: 3, problem: 'content_changed' },
    });
  });

  it('names the gap left by a deleted event', async () => {
    const events = chain(5);
    const deleted = events.filter((e) => e.seq !== 2);
    expect(await verifyChain(iterate(deleted), headOf(events))).toMatchObject({ ok: false, broken: { seq: 2, problem: 'missing_event' } });
  });

  it('catches a changed event whose hash was recomputed, at the next link', async () => {
    const events = chain(5);
    const e3 = events[2];
    if (!e3) throw new Error('fixture');
    const forged = { ...e3, data: { name: 'forged' } };
    forged.hash = eventHash(forged.prevHash, forged);
    const tampered = events.map((e) => (e.seq === 3 ? forged : e));
    expect(await verifyChain(iterate(tampered), headOf(events))).toMatchObject({ ok: false, broken: { seq: 4, problem: 'link_broken' } });
  });

  it('catches events deleted from the end, against the recorded head', async () => {
    const events = chain(5);
    expect(await verifyChain(iterate(events.slice(0, 3)), headOf(events))).toMatchObject({
      ok: false,
      broken: { seq: 4, problem: 'missing_event' },
    });
  });
});
