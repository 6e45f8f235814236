import { z } from 'zod';
import { AppError, parseOrThrow } from '../../../shared/errors.js';
import { isUuid, TOKEN_CHARACTERS } from './token.js';

export const documentKinds = ['pdf', 'xlsx', 'docx', 'csv', 'txt', 'image'] as const;
export type WatermarkKind = (typeof documentKinds)[number];

export const markSchema = z.object({
  userName: z.string().min(1).max(200),
  orgName: z.string().min(1).max(200),
  at: z.iso.datetime({ offset: true }),
  documentId: z.string().min(1).max(100),
  downloadId: z.string().refine(isUuid, { message: 'Must be a UUID.' }),
  locale: z.enum(['ja', 'en']),
});
export type Mark = z.infer<typeof markSchema>;

/** One line of plain text: no controls, line breaks, direction overrides or token characters. */
export function oneLine(text: string): string {
  return text
    .replace(TOKEN_CHARACTERS, '')
    .replace(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseMark(mark: unknown): Mark {
  const m = parseOrThrow(markSchema, mark);
  return { ...m, userName: oneLine(m.userName), orgName: oneLine(m.orgName), documentId: oneLine(m.documentId) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Japan Standard Time is UTC+9 all year (no daylight saving since 1951), so no time-zone database is needed. */
export function tokyoTime(iso: string, locale: 'ja' | 'en'): string {
  const t = new Date(Date.parse(iso) + 9 * 3600_000);
  const hm = `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
  return locale === 'ja'
    ? `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${hm} JST`
    : `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()} ${hm} JST`;
}

/** The texts of a mark, in the reader's language. */
export function markTexts(m: Mark) {
  const time = tokyoTime(m.at, m.locale);
  const who = m.locale === 'ja' ? `${m.userName}（${m.orgName}）` : `${m.userName} (${m.orgName})`;
  const document = m.locale === 'ja' ? `文書 ${m.documentId}` : `document ${m.documentId}`;
  return {
    /** The short, repeated mark: who and when. */
    tile: `${who}  ${time}`,
    /** The full line: who, when, which document. */
    line:
      m.locale === 'ja'
        ? `${who} が ${time} にダウンロード · ${document} · 無断転載・再配布禁止`
        : `Downloaded by ${who} on ${time} · ${document} · do not redistribute`,
    who,
    time,
    document,
  };
}

export { notoSansJp } from '../../exports/japanese-font.js';

/** A file the watermark cannot be applied to: password-protected, or damaged. */
export function refused(reason: 'encrypted_file' | 'malformed_file', kind: string, message: string): AppError {
  return new AppError('invalid_input', message, { reason, params: { kind } });
}
