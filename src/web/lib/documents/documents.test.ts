import { describe, expect, it } from 'vitest';
import type { ClassificationPolicy, DocumentView } from '../../../shared/contracts/documents';
import { defaultGrantDays, expiryAfter, formatBytes, granteeChoices, sameNameDocument, shortHash, viewerKind } from './documents';

const policy = (over: Partial<ClassificationPolicy> = {}): ClassificationPolicy => ({
  classification: 'confidential',
  grantees: ['team', 'user'],
  maxAccess: 'download',
  watermark: true,
  maxGrantDays: 30,
  ...over,
});

const team = [
  { userId: 'u-owner', displayName: '丸の内 花子', side: 'client' as const, role: 'owner' as const },
  { userId: 'u-analyst', displayName: '佐藤 健', side: 'provider' as const, role: 'analyst' as const },
];

describe('the vault in the browser', () => {
  it('says sizes as people read them', () => {
    expect(formatBytes(0, 'ja')).toBe('0 B');
    expect(formatBytes(532, 'en')).toBe('532 B');
    expect(formatBytes(12_700, 'en')).toBe('12.4 KB');
    expect(formatBytes(50 * 1024 * 1024, 'ja')).toBe('50 MB');
    expect(formatBytes(1536 * 1024, 'en')).toBe('1.5 MB');
  });

  it('shortens a hash and knows what the viewer shows', () => {
    expect(shortHash('a'.repeat(64))).toHaveLength(12);
    expect(viewerKind('pdf')).toBe('pdf');
    expect(viewerKind('webp')).toBe('image');
    expect(viewerKind('csv')).toBe('text');
    expect(viewerKind('xlsx')).toBeNull();
  });

  it('offers the grantees the class allows: the team, and the provider’s people on the engagement', () => {
    expect(granteeChoices(policy(), team).map((c) => c.value)).toEqual(['team', 'u-analyst']);
    expect(granteeChoices(policy({ grantees: ['user'] }), team).map((c) => c.value)).toEqual(['u-analyst']);
  });

  it('grants for a week unless the class allows less, and previews the end', () => {
    expect(defaultGrantDays(policy())).toBe(7);
    expect(defaultGrantDays(policy({ maxGrantDays: 5 }))).toBe(5);
    expect(expiryAfter(7, new Date('2026-04-01T00:00:00Z')).toISOString()).toBe('2026-04-08T00:00:00.000Z');
  });

  it('finds the document an upload of the same name (any case or width) adds a version to, on the uploader’s side', () => {
    const doc = { name: '顧客リスト.csv', uploadedSide: 'client' } as DocumentView;
    expect(sameNameDocument([doc], '顧客リスト.CSV', 'client')).toBe(doc);
    expect(sameNameDocument([doc], '顧客リスト．ｃｓｖ', 'client')).toBe(doc);
    expect(sameNameDocument([doc], '顧客リスト.csv', 'provider')).toBeUndefined();
    expect(sameNameDocument([doc], '  ', 'client')).toBeUndefined();
  });
});
