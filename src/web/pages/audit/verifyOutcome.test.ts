import { describe, expect, it } from 'vitest';
import { verifyOutcome } from './verifyOutcome';

const HASH = 'a'.repeat(64);

describe('verifyOutcome', () => {
  it("reports the operator's whole-chain check with its count and last hash", () => {
    expect(verifyOutcome({ ok: true, count: 120, lastSeq: 120, lastHash: HASH })).toEqual({
      ok: true,
      lines: [
        { key: 'audit.verifyOk', values: { count: 120 } },
        { key: 'audit.verifyLastEvent', values: { seq: 120, hash: HASH } },
      ],
    });
  });

  it('says how many events written during the check are still being sealed', () => {
    expect(verifyOutcome({ ok: true, count: 120, lastSeq: 120, lastHash: HASH, unsealed: { count: 3, oldestAt: null } }).lines).toEqual([
      { key: 'audit.verifyOk', values: { count: 120 } },
      { key: 'audit.verifyLastEvent', values: { seq: 120, hash: HASH } },
      { key: 'audit.verifyUnsealed', values: { count: 3 } },
    ]);
    expect(verifyOutcome({ ok: true, count: 1, lastSeq: 1, lastHash: HASH, unsealed: { count: 0, oldestAt: null } }).lines).toHaveLength(2);
  });

  it("reports an organisation's check by its own events, and no last event when it has none", () => {
    expect(verifyOutcome({ ok: true, count: 7, lastSeq: 90, lastHash: HASH, orgId: 'o1' }).lines[0]).toEqual({
      key: 'audit.verifyOrgOk',
      values: { count: 7 },
    });
    expect(verifyOutcome({ ok: true, count: 0, orgId: 'o1' }).lines).toEqual([{ key: 'audit.verifyOrgOk', values: { count: 0 } }]);
  });

  it("names the organisation's own broken event, and another's by position only", () => {
    const own = verifyOutcome({
      ok: false,
      count: 3,
      orgId: 'o1',
      broken: { seq: 12, id: 'e12', problem: 'content_changed', message: '…', ownEvent: true },
    });
    expect(own).toEqual({
      ok: false,
      lines: [{ key: 'audit.verifyBrokenOwn', values: { seq: 12, count: 3 }, problem: 'content_changed' }],
    });
    const other = verifyOutcome({
      ok: false,
      count: 3,
      orgId: 'o1',
      broken: { seq: 10, id: null, problem: 'link_broken', message: '…', ownEvent: false },
    });
    expect(other.lines[0]).toMatchObject({ key: 'audit.verifyBrokenOther', problem: 'link_broken' });
    expect(
      verifyOutcome({ ok: false, count: 9, broken: { seq: 10, id: 'x', problem: 'missing_event', message: '…' } }).lines[0],
    ).toMatchObject({
      key: 'audit.verifyBrokenAt',
      values: { seq: 10, count: 9 },
    });
  });
});
