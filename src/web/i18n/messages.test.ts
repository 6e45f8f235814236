import { describe, expect, it } from 'vitest';
import { auditEventTypes, resourceTypes } from '../../shared/contracts/audit';
import { errorCodes } from '../../shared/errors';
import { orgKinds, roles } from '../../shared/roles';
import { en } from './en';
import { ja } from './ja';

/** Every leaf of a message tree as "dotted.key" → value. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const languages = { ja: leaves(ja), en: leaves(en) };

describe('UI messages', () => {
  it('have the same keys in Japanese and English', () => {
    expect([...languages.ja.keys()].sort()).toEqual([...languages.en.keys()].sort());
  });

  it.each(Object.entries(languages))('has no empty value in %s', (_, messages) => {
    for (const [key, value] of messages) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it.each(Object.entries(languages))('uses the same placeholders in %s as in English', (_, messages) => {
    const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of languages.en) expect(placeholders(messages.get(key)), key).toEqual(placeholders(value));
  });

  it.each(Object.entries(languages))('names every role, organisation kind, audit event, resource and error code in %s', (_, messages) => {
    const needed = [
      ...roles.map((r) => `roles.${r}`),
      ...orgKinds.map((k) => `orgKind.${k}`),
      ...auditEventTypes.map((t) => `auditEvent.${t}`),
      ...resourceTypes.map((t) => `resourceType.${t}`),
      ...errorCodes.map((c) => `errors.code.${c}`),
    ];
    for (const key of needed) expect(messages.has(key), key).toBe(true);
  });
});
