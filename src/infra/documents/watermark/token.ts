import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The download fingerprint: which download a leaked copy came from.
 *
 * Token format, version 1 (27 bytes):
 *
 *   0x01 ‖ downloadId (16 bytes: the UUID's bytes) ‖ tag (10 bytes)
 *   tag = first 10 bytes of HMAC-SHA256(fingerprintKey, "kpo/download-fingerprint/v1" ‖ 0x01 ‖ downloadId)
 *
 * Written in one of two forms:
 *   visible      "kpo1." + base64url(27 bytes, no padding) — 36 characters after the dot, ASCII only
 *                (PDF Info/XMP/invisible text, OOXML properties, image metadata);
 *   zero-width   U+2062 ‖ 108 characters, 2 bits each, most significant first
 *                (00 U+200B, 01 U+200C, 10 U+200D, 11 U+2060) ‖ U+2063
 *                (plain text and DOCX headers, where a visible token would be noise).
 *
 * The downloadId is readable by anyone; the tag says whether kpo wrote it. 80 bits of tag make a
 * forged token for a chosen download a 2^-80 guess; an altered byte anywhere fails the check.
 */

const VERSION = 0x01;
const ID_BYTES = 16;
const TAG_BYTES = 10;
const TOKEN_BYTES = 1 + ID_BYTES + TAG_BYTES;
const CONTEXT = Buffer.from('kpo/download-fingerprint/v1');
export const VISIBLE_PREFIX = 'kpo1.';

const ZW_DIGITS = ['\u200b', '\u200c', '\u200d', '\u2060'] as const;
const ZW_START = '\u2062';
const ZW_END = '\u2063';
const ZW_LENGTH = (TOKEN_BYTES * 8) / 2;

const VISIBLE_RE = /kpo1\.([A-Za-z0-9_-]{36})(?![A-Za-z0-9_-])/g;
const ZW_RE = new RegExp(`${ZW_START}([${ZW_DIGITS.join('')}]{${ZW_LENGTH}})${ZW_END}`, 'gu');

/** Characters a user-supplied text must not carry into a mark (they could fake or hide a token). */
export const TOKEN_CHARACTERS = /[\u200b-\u200d\u2060-\u2064\ufeff]/g;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: string): boolean => UUID_RE.test(s);

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

function uuidString(bytes: Uint8Array): string {
  const h = Buffer.from(bytes).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function tag(key: Buffer, id: Uint8Array): Buffer {
  return createHmac('sha256', key).update(CONTEXT).update(Uint8Array.of(VERSION)).update(id).digest().subarray(0, TAG_BYTES);
}

/** The token's 27 bytes for a download (its id a UUID). */
export function tokenBytes(downloadId: string, key: Buffer): Buffer {
  const id = uuidBytes(downloadId);
  return Buffer.concat([Uint8Array.of(VERSION), id, tag(key, id)]);
}

export const visibleToken = (bytes: Buffer): string => `${VISIBLE_PREFIX}${bytes.toString('base64url')}`;

export function zeroWidthToken(bytes: Buffer): string {
  let out = ZW_START;
  for (const byte of bytes) for (let shift = 6; shift >= 0; shift -= 2) out += ZW_DIGITS[(byte >> shift) & 3];
  return out + ZW_END;
}

export interface FoundToken {
  downloadId: string;
  valid: boolean;
  form: 'visible' | 'zero-width';
  /** Offset of the token in the text searched. */
  index: number;
}

function check(bytes: Buffer, key: Buffer): { downloadId: string; valid: boolean } | null {
  if (bytes.length !== TOKEN_BYTES) return null;
  const id = bytes.subarray(1, 1 + ID_BYTES);
  const valid = bytes[0] === VERSION && timingSafeEqual(bytes.subarray(1 + ID_BYTES), tag(key, id));
  return { downloadId: uuidString(id), valid };
}

/** Every token in a text, in either form, each checked against the key. */
export function findTokens(text: string, key: Buffer): FoundToken[] {
  const found: FoundToken[] = [];
  for (const m of text.matchAll(VISIBLE_RE)) {
    const r = check(Buffer.from(m[1] ?? '', 'base64url'), key);
    if (r) found.push({ ...r, form: 'visible', index: m.index });
  }
  for (const m of text.matchAll(ZW_RE)) {
    const digits = [...(m[1] ?? '')].map((c) => ZW_DIGITS.indexOf(c as (typeof ZW_DIGITS)[number]));
    const bytes = Buffer.alloc(TOKEN_BYTES);
    digits.forEach((d, i) => {
      bytes[i >> 2] = ((bytes[i >> 2] ?? 0) | (d << (6 - 2 * (i & 3)))) & 0xff;
    });
    const r = check(bytes, key);
    if (r) found.push({ ...r, form: 'zero-width', index: m.index });
  }
  return found;
}
