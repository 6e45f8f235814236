import { AppError } from '../../shared/errors.js';
import { type ImageFormat, imageFormat, readImageFingerprints, watermarkImage } from './watermark/image.js';
import { parseMark } from './watermark/mark.js';
import { readZipFingerprints, watermarkDocx, watermarkXlsx } from './watermark/ooxml.js';
import { readPdfFingerprints, watermarkPdf } from './watermark/pdf.js';
import { readTextFingerprints, watermarkText } from './watermark/text.js';
import { tokenBytes, visibleToken, zeroWidthToken } from './watermark/token.js';

/**
 * Download watermarks: a visible mark saying who downloaded the file and when, and an invisible
 * fingerprint naming the download, so that a leaked copy can be traced to it. The fingerprint's
 * token (format in watermark/token.ts) carries the download id and an HMAC under the fingerprint
 * key: a forged or altered token reads as invalid. Where each kind keeps it: watermark/pdf.ts,
 * ooxml.ts, text.ts, image.ts.
 */

export type WatermarkKind = 'pdf' | 'xlsx' | 'docx' | 'csv' | 'txt' | 'image' | ImageFormat;

export interface WatermarkMark {
  userName: string;
  orgName: string;
  /** ISO 8601 with an offset; shown in Japan time. */
  at: string;
  documentId: string;
  /** The download's id, a UUID: what the fingerprint names. */
  downloadId: string;
  locale: 'ja' | 'en';
}

export interface Fingerprint {
  downloadId: string;
  /** The token's HMAC checks out under the key: kpo wrote it for this download. */
  valid: boolean;
  /** Where in the file it was found, e.g. "pdf:page 3", "docx:docProps/custom.xml", "text:line 1 (zero-width)". */
  where: string;
}

const KINDS = new Set<WatermarkKind>(['pdf', 'xlsx', 'docx', 'csv', 'txt', 'image', 'png', 'jpeg', 'gif', 'webp']);

export async function watermark(bytes: Uint8Array, kind: WatermarkKind, mark: WatermarkMark, fingerprintKey: Buffer): Promise<Uint8Array> {
  if (!KINDS.has(kind))
    throw new AppError('invalid_input', `kpo cannot watermark files of kind ${String(kind)}.`, { reason: 'unsupported_file_type' });
  if (fingerprintKey.length < 16) throw new AppError('internal', 'The fingerprint key is too short.');
  const m = parseMark(mark);
  const token = tokenBytes(m.downloadId, fingerprintKey);
  const visible = visibleToken(token);
  switch (kind) {
    case 'pdf':
      return watermarkPdf(bytes, m, visible);
    case 'xlsx':
      return watermarkXlsx(bytes, m, visible);
    case 'docx':
      return watermarkDocx(bytes, m, { visible, zeroWidth: zeroWidthToken(token) });
    case 'csv':
    case 'txt':
      return watermarkText(bytes, kind, m, { visible, zeroWidth: zeroWidthToken(token) });
    default:
      return watermarkImage(bytes, visible);
  }
}

const startsWith = (b: Uint8Array, ascii: string) => Buffer.from(b.subarray(0, ascii.length)).toString('latin1') === ascii;

/**
 * Every fingerprint in a file, each checked against the key. The kind comes from the bytes (a
 * leaked copy has lost its name): PDF, zip (XLSX, DOCX), PNG, JPEG, GIF, WebP; anything else is read
 * as text — which also finds a token in text pasted out of a PDF.
 */
export async function readFingerprints(bytes: Uint8Array, fingerprintKey: Buffer): Promise<Fingerprint[]> {
  let found: Fingerprint[];
  const image = imageFormat(bytes);
  if (Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) found = await readPdfFingerprints(bytes, fingerprintKey);
  else if (startsWith(bytes, 'PK\x03\x04')) found = await readZipFingerprints(bytes, fingerprintKey);
  else if (image) found = readImageFingerprints(bytes, image, fingerprintKey);
  else found = readTextFingerprints(bytes, fingerprintKey);
  const unique = new Map(found.map((f) => [`${f.where}\0${f.downloadId}\0${f.valid}`, f]));
  return [...unique.values()];
}
