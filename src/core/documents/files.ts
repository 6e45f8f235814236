import { DOCUMENT_NAME_MAX, type DocumentKind } from '../../shared/contracts/documents.js';
import { AppError } from '../../shared/errors.js';

/**
 * What a file is, decided from its bytes, never from what the uploader says: the name's extension
 * declares a kind, the first and last bytes must show it. Pure: the vault hands over the head and
 * the tail of the stream it stored.
 */

const EXTENSIONS: Record<string, DocumentKind> = {
  pdf: 'pdf',
  xlsx: 'xlsx',
  docx: 'docx',
  csv: 'csv',
  txt: 'txt',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  gif: 'gif',
  webp: 'webp',
};

export const MEDIA_TYPES: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv',
  txt: 'text/plain',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** How many bytes of the start and of the end the checks read. */
export const SNIFF_BYTES = 64 * 1024;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const RESERVED = /[/\\<>:"|?*]/;

const nameIssue = (code: 'invalid_file_name', message: string) =>
  new AppError('invalid_input', message, {
    reason: 'invalid_file_name',
    issues: [{ path: ['name'], code, message }],
  });

/**
 * A document name as kept: NFC, no folders, no control or direction-override characters, no
 * characters Windows cannot save, an extension of a kind the vault keeps.
 */
export function checkDocumentName(raw: string): { name: string; nameKey: string; declared: DocumentKind } {
  const name = raw.normalize('NFC');
  if (name.length === 0 || name.trim() !== name)
    throw nameIssue('invalid_file_name', 'A file name must not be empty or begin or end with a space.');
  if (name.length > DOCUMENT_NAME_MAX) throw nameIssue('invalid_file_name', `A file name has at most ${DOCUMENT_NAME_MAX} characters.`);
  if (CONTROL.test(name)) throw nameIssue('invalid_file_name', 'A file name must not contain control characters.');
  if (RESERVED.test(name) || name.startsWith('.') || name.endsWith('.'))
    throw nameIssue('invalid_file_name', 'A file name must not contain / \\ < > : " | ? * or begin or end with a dot.');
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const declared = EXTENSIONS[extension];
  if (!declared) {
    throw new AppError('invalid_input', `Files of type “.${extension}” are not kept in the vault.`, {
      reason: 'unsupported_file_type',
      params: { extension: extension || '—', allowed: Object.keys(EXTENSIONS).join(', ') },
      issues: [{ path: ['name'], code: 'invalid_file_name', message: 'Not a kind of file the vault keeps.' }],
    });
  }
  // One document per name regardless of case and full-/half-width forms.
  return { name, nameKey: name.normalize('NFKC').toLowerCase(), declared };
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const contains = (bytes: Uint8Array, text: string) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** A Compound File: a password-protected Office file (or the old .doc/.xls formats). */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function binaryKind(head: Uint8Array): DocumentKind | 'zip' | 'cfb' | null {
  if (head.length >= 5 && Buffer.from(head.subarray(0, 1024)).includes('%PDF-', 0, 'latin1')) return 'pdf';
  if (startsWith(head, CFB)) return 'cfb';
  if (startsWith(head, ZIP)) return 'zip';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
  return null;
}

/** Text in UTF-8 (with or without BOM), UTF-16 with a BOM, or Shift_JIS, with no NUL bytes. */
function isText(head: Uint8Array): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    try {
      new TextDecoder('shift_jis', { fatal: true }).decode(head, { stream: true });
      return true;
    } catch {
      return false;
    }
  }
}

const contentRefused = (reason: 'file_content_mismatch' | 'encrypted_file' | 'malformed_file', message: string, declared: DocumentKind) =>
  new AppError('invalid_input', message, { reason, params: { kind: declared } });

/**
 * The kind of the stored bytes, which must be the declared one. Refused: contents of another kind,
 * password-protected (encrypted) PDFs and Office files — kpo could neither check, watermark nor
 * scan them — and PDFs cut short.
 */
export function checkContent(declared: DocumentKind, head: Uint8Array, tail: Uint8Array): { kind: DocumentKind; mediaType: string } {
  const found = binaryKind(head);
  if (declared === 'csv' || declared === 'txt') {
    if (found !== null || !isText(head))
      throw contentRefused('file_content_mismatch', `The file is named .${declared} but its content is not text.`, declared);
    return { kind: declared, mediaType: MEDIA_TYPES[declared] };
  }
  if (found === 'cfb' && (declared === 'xlsx' || declared === 'docx'))
    throw contentRefused(
      'encrypted_file',
      'The file is password-protected (or in the old .xls/.doc format). Save it without a password as .xlsx or .docx.',
      declared,
    );
  if (declared === 'xlsx' || declared === 'docx') {
    const part = declared === 'xlsx' ? 'xl/' : 'word/';
    if (found !== 'zip' || !contains(head, part))
      throw contentRefused('file_content_mismatch', `The file is named .${declared} but its content is not a ${declared} file.`, declared);
    return { kind: declared, mediaType: MEDIA_TYPES[declared] };
  }
  if (found !== declared)
    throw contentRefused('file_content_mismatch', `The file is named .${declared} but its content is not a ${declared} file.`, declared);
  if (declared === 'pdf') {
    if (!contains(tail, '%%EOF'))
      throw contentRefused('malformed_file', 'The PDF is incomplete or damaged (it has no end marker).', declared);
    if (contains(tail, '/Encrypt'))
      throw contentRefused('encrypted_file', 'The PDF is password-protected. Upload it without the password protection.', declared);
  }
  return { kind: declared, mediaType: MEDIA_TYPES[declared] };
}
