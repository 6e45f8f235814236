import { describe, expect, it } from 'vitest';
import { checkCodes } from '../../shared/check-messages';
import { auditEventTypes, resourceTypes } from '../../shared/contracts/audit';
import { engagementStatuses, transitionActions } from '../../shared/contracts/engagements';
import { errorCodes } from '../../shared/errors';
import { apiReasons, issueCodes, stateReasons } from '../../shared/reasons';
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

  // The registry in shared/reasons.ts lists every reason AppError may carry (the compiler refuses
  // any other); each one a person can meet must be worded in every language.
  it.each(Object.entries(languages))('words every reason the API answers with in %s', (_, messages) => {
    const missing = [...apiReasons, ...stateReasons.filter((r) => !r.startsWith('cannot_'))].filter(
      (r) => !messages.has(`errors.reason.${r}`),
    );
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(languages))('words a refused lifecycle move by its action and state in %s', (_, messages) => {
    const needed = [
      'errors.reason.cannot_move',
      ...transitionActions.map((a) => `transition.${a}`),
      ...engagementStatuses.map((s) => `engagementStatus.${s}`),
    ];
    expect(needed.filter((key) => !messages.has(key))).toEqual([]);
  });

  it.each(Object.entries(languages))('words every validation issue code in %s', (_, messages) => {
    expect(issueCodes.filter((c) => !messages.has(`issues.generic.${c}`))).toEqual([]);
    expect(messages.has('issues.generic.unknown')).toBe(true);
  });

  it.each(Object.entries(languages))('titles every model check in %s', (_, messages) => {
    expect(checkCodes.filter((c) => !messages.has(`models.checks.code.${c.replaceAll('.', '_')}`))).toEqual([]);
  });
});
