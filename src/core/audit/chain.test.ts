import { describe, expect, it } from 'vitest';
import { type ChainedEvent, canonicalJson, eventHash, GENESIS_HASH, verifyChain, verifyChainFor } from './chain.js';

function chain(n: number, orgOf: (seq: number) => string | null = () => null): ChainedEvent[] {
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
      orgId: orgOf(seq),
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

  describe("an organisation's check", () => {
    // Events 1, 3, 5 and 6 are A's; 2 and 4 are B's.
    const orgOf = (seq: number) => (seq === 2 || seq === 4 ? 'B' : 'A');
    const isA = (e: ChainedEvent) => e.orgId === 'A';

    it('counts its own events and ends at its last one', async () => {
      const events = chain(6, orgOf);
      expect(await verifyChainFor(iterate(events), headOf(events), isA)).toEqual({
        ok: true,
        count: 4,
        lastSeq: 6,
        lastHash: events[5]?.hash,
      });
      const onlyB = await verifyChainFor(iterate(events), headOf(events), (e) => e.orgId === 'B');
      expect(onlyB).toMatchObject({ ok: true, count: 2, lastSeq: 4 });
      expect(await verifyChainFor(iterate(events), headOf(events), () => false)).toEqual({ ok: true, count: 0 });
    });

    it('names its own changed event in full', async () => {
      const events = chain(6, orgOf).map((e) => (e.seq === 5 ? { ...e, data: { name: 'changed' } } : e));
      expect(await verifyChainFor(iterate(events), headOf(events), isA)).toMatchObject({
        ok: false,
        count: 2,
        broken: { seq: 5, id: events[4]?.id, problem: 'content_changed', ownEvent: true },
      });
    });

    it("names another organisation's changed event by position only", async () => {
      const events = chain(6, orgOf).map((e) => (e.seq === 4 ? { ...e, type: 'secret.type', data: { name: 'changed' } } : e));
      const result = await verifyChainFor(iterate(events), headOf(events), isA);
      expect(result).toEqual({
        ok: false,
        count: 2,
        broken: {
          seq: 4,
          id: null,
          problem: 'content_changed',
          message: 'Event #4, which your organisation cannot see, was changed after it was written.',
          ownEvent: false,
        },
      });
      const text = JSON.stringify(result);
      for (const hidden of ['secret', '"B"', events[3]?.id ?? '?', events[3]?.hash ?? '?']) expect(text).not.toContain(hidden);
    });

    it('reports a deleted event, whoever it belonged to, and events deleted from the end', async () => {
      const events = chain(6, orgOf);
      expect(await verifyChainFor(iterate(events.filter((e) => e.seq !== 3)), headOf(events), isA)).toMatchObject({
        ok: false,
        count: 1,
        broken: { seq: 3, id: null, problem: 'missing_event', ownEvent: false },
      });
      expect(await verifyChainFor(iterate(events.slice(0, 4)), headOf(events), isA)).toMatchObject({
        ok: false,
        count: 2,
        broken: { seq: 5, problem: 'missing_event' },
      });
    });
  });
});
