import { createHash, createPrivateKey, createPublicKey, hkdfSync, type KeyObject, sign, verify } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import {
  AFRelationship,
  type Color,
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  type PDFObject,
  type PDFPage,
  PDFRawStream,
  PDFString,
  rgb,
} from 'pdf-lib';
import { z } from 'zod';
import { canonicalJson as chainCanonicalJson } from '../../core/audit/chain.js';
import { classificationSchema } from '../../shared/contracts/engagements.js';
import { AppError, parseOrThrow } from '../../shared/errors.js';
import { notoSansJp, oneLine, tokyoTime } from './watermark/mark.js';

/**
 * The destruction certificate: a PDF, in Japanese or English, stating which documents of an
 * engagement were destroyed, when, by whom and how (crypto-shredding: the engagement's data key
 * destroyed, the encrypted blobs deleted), with the provider's attestation when it has come in.
 *
 * The PDF carries its own proof, so anyone can check it offline: an attached file
 * `kpo-certificate.json` = { payload, signature, publicKey, keyId }, where
 *   payload   = the certificate data as canonical JSON (object keys sorted by UTF-16 code unit, no
 *               whitespace, integers only — what canonicalJson writes; the verifier refuses any other spelling),
 *   signature = Ed25519 over "kpo/destruction-certificate/v1\n" + payload (the prefix keeps a
 *               signature over any other kpo text from passing as a certificate), base64url,
 *   publicKey = the raw 32-byte Ed25519 public key, base64url,
 *   keyId     = the first 16 hex digits of SHA-256(raw public key).
 * The signed data is what the certificate says: the pages show it, but a changed page is not
 * detected — the verifier reports the signed data, and that is what counts.
 */

export const CERTIFICATE_ATTACHMENT = 'kpo-certificate.json';
const SIGNING_CONTEXT = 'kpo/destruction-certificate/v1\n';
const HKDF_INFO = 'kpo/certificate-signing';
/** PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): node:crypto takes the key in this form. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const isoDateTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().min(1).max(max);

export const certificateDataSchema = z.strictObject({
  certificateId: text(100),
  engagementId: text(100),
  engagementName: text(500),
  clientOrgName: text(500),
  destroyedAt: isoDateTime,
  destroyedBy: z.strictObject({ name: text(200), email: z.string().max(320) }),
  documents: z
    .array(
      z.strictObject({
        id: text(100),
        name: text(500),
        version: z.number().int().positive(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        classification: classificationSchema,
        sizeBytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      }),
    )
    .max(100_000),
  /** The destroyed data key's id; null when the engagement never stored a document (no key existed). */
  dataKeyId: z.string().min(1).max(200).nullable(),
  providerAttestation: z.strictObject({ by: text(200), at: isoDateTime, statement: text(5000) }).nullable(),
  locale: z.enum(['ja', 'en']),
});
export type DestructionCertificateData = z.infer<typeof certificateDataSchema>;

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

export const certificateProblems = [
  'not_a_pdf',
  'no_signed_data',
  'several_signed_data',
  'signed_data_unreadable',
  'bad_public_key',
  'key_id_mismatch',
  'bad_signature',
  'payload_invalid',
  'payload_not_canonical',
  'untrusted_key',
] as const;
export type CertificateProblem = (typeof certificateProblems)[number];

export interface CertificateVerification {
  /** The signature over the data checks out with the key the certificate names, and the data is well-formed. */
  valid: boolean;
  /** Whether that key is one of the trusted ones; null when no trusted keys were given. */
  signedByTrustedKey: boolean | null;
  /** The signed data (when it parses), whether or not the signature holds: read it with `valid`. */
  data: DestructionCertificateData | null;
  keyId: string | null;
  problems: CertificateProblem[];
}

// ---- keys and canonical JSON --------------------------------------------------------------------

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new AppError('internal', 'Not an Ed25519 key.');
  return Buffer.from(jwk.x, 'base64url');
}

export const keyIdOf = (raw: Uint8Array): string => createHash('sha256').update(raw).digest('hex').slice(0, 16);

/** The platform's certificate-signing key, derived from the master key: the same secret gives the same key on every server. */
export function platformSigningKey(masterKeySeed: Buffer): SigningKey {
  if (masterKeySeed.length < 32)
    throw new AppError('internal', 'The master key is too short to derive a signing key.', { reason: 'bad_master_key' });
  const seed = Buffer.from(hkdfSync('sha256', masterKeySeed, Buffer.alloc(0), HKDF_INFO, 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(rawPublicKey(publicKey)) };
}

/** The signed payload's JSON: sorted keys, no white space, integers only — one spelling per value. */
export const canonicalJson = (value: unknown): string => chainCanonicalJson(value, 'integers');

const signedMessage = (payload: string) => Buffer.from(SIGNING_CONTEXT + payload, 'utf8');

// ---- the PDF ------------------------------------------------------------------------------------

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const BOTTOM = 56;
const INK = rgb(0.13, 0.15, 0.2);
const MUTED = rgb(0.42, 0.45, 0.5);
const RULE = rgb(0.82, 0.84, 0.88);
const HEAD_FILL = rgb(0.94, 0.95, 0.97);

const LABELS = {
  ja: {
    title: 'データ消去証明書',
    number: '証明書番号',
    intro: (org: string, engagement: string, n: number) =>
      `${org} の案件「${engagement}」で kpo に保管されていた下記 ${n} 件の文書のデータを、下記の日時に、下記の方法で消去したことを証明します。`,
    engagement: '案件',
    client: 'クライアント',
    destroyedAt: '消去日時',
    destroyedBy: '実施者',
    method: '消去方法',
    methodText: (key: string | null) =>
      key
        ? `各文書は案件ごとのデータ鍵（AES-256-GCM）で暗号化して保管されていました。このデータ鍵（ID: ${key}）を破棄したため、暗号文がどこかに残っていても復号できません（暗号学的消去、クリプトシュレッディング）。暗号化されたファイル本体も削除しました。`
        : 'この案件には暗号化して保管された文書がなく、破棄すべきデータ鍵はありませんでした。',
    attestation: '受託先の確認',
    attestationMissing: '未受領（受託先からの消去確認はまだ届いていません）',
    attestationBy: (by: string, at: string) => `${by}（${at}）`,
    documents: (n: number) => `消去した文書（${n} 件）`,
    noDocuments: '保管されていた文書はありません。',
    columns: ['#', '文書名 / ID', '版', '機密区分', 'サイズ', 'SHA-256（消去前の内容）'],
    classification: { public: '公開', internal: '社内', confidential: '機密', strictly_confidential: '極秘' },
    verification: '検証',
    keyId: (id: string) => `署名鍵 ID: ${id}（Ed25519）`,
    verifyText:
      'この PDF には、上記の内容を正規化した JSON（kpo-certificate.json）、その Ed25519 署名と公開鍵が添付されています。次のコマンドでオフラインで検証できます: kpo vault verify-certificate FILE 。表示と添付データが食い違う場合は、署名された添付データが正です。',
    page: (n: number, total: number) => `${n} / ${total} ページ`,
  },
  en: {
    title: 'Certificate of Data Destruction',
    number: 'Certificate no.',
    intro: (org: string, engagement: string, n: number) =>
      `This certifies that the data of the ${n} document${n === 1 ? '' : 's'} listed below, kept in kpo for the engagement "${engagement}" of ${org}, was destroyed at the time and by the method stated below.`,
    engagement: 'Engagement',
    client: 'Client',
    destroyedAt: 'Destroyed at',
    destroyedBy: 'Destroyed by',
    method: 'Method',
    methodText: (key: string | null) =>
      key
        ? `Each document was stored encrypted under the engagement's data key (AES-256-GCM). That data key (id ${key}) has been destroyed, so any copy of the ciphertext left anywhere can no longer be decrypted (crypto-shredding). The encrypted files themselves have been deleted as well.`
        : 'The engagement stored no encrypted documents, so there was no data key to destroy.',
    attestation: 'Provider attestation',
    attestationMissing: 'Not yet received (the provider has not yet confirmed its own deletion).',
    attestationBy: (by: string, at: string) => `${by} (${at})`,
    documents: (n: number) => `Documents destroyed (${n})`,
    noDocuments: 'No documents were stored.',
    columns: ['#', 'Document / id', 'Ver.', 'Class', 'Size', 'SHA-256 (content before destruction)'],
    classification: {
      public: 'Public',
      internal: 'Internal',
      confidential: 'Confidential',
      strictly_confidential: 'Strictly confidential',
    },
    verification: 'Verification',
    keyId: (id: string) => `Signing key id: ${id} (Ed25519)`,
    verifyText:
      'Attached to this PDF are the certificate data above as canonical JSON (kpo-certificate.json), its Ed25519 signature and the public key. Verify it offline with: kpo vault verify-certificate FILE. Should the pages and the attached data differ, the signed data is what counts.',
    page: (n: number, total: number) => `Page ${n} of ${total}`,
  },
};

function formatSize(bytes: number, locale: 'ja' | 'en'): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const n = v.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB', { maximumFractionDigits: u === 0 ? 0 : 1 });
  return `${n} ${units[u]}`;
}

const NO_LINE_START = /^[、。，．・：；？！）」』】〕〉》ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.;:!?)\]]/u;

/** Lines of at most `width`: Latin text breaks at spaces, Japanese between any two characters (no closing mark starts a line, no opening one ends it). */
export function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const ch of paragraph) {
      const candidate = line + ch;
      if (font.widthOfTextAtSize(candidate, size) <= width || line === '' || NO_LINE_START.test(ch)) {
        line = candidate;
        continue;
      }
      const space = line.lastIndexOf(' ');
      const latin = /[\p{Script=Latin}\d]/u.test(ch) && /[\p{Script=Latin}\d]$/u.test(line);
      if (latin && space > 0) {
        lines.push(line.slice(0, space));
        line = line.slice(space + 1) + ch;
      } else {
        // An opening bracket does not end a line: it moves down with what it opens.
        const opening = /[（「『【〔〈《([]+$/u.exec(line)?.[0] ?? '';
        if (opening.length < line.length) {
          lines.push(line.slice(0, line.length - opening.length).trimEnd());
          line = opening + (ch === ' ' && !opening ? '' : ch);
        } else line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}

class Layout {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
  ) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = A4.height - MARGIN;
  }
  /** Starts a new page unless `height` more fits on this one. */
  need(height: number): boolean {
    if (this.y - height >= BOTTOM) return false;
    this.newPage();
    return true;
  }
  text(s: string, x: number, y: number, size: number, color: Color = INK): void {
    this.page.drawText(s, { x, y, size, font: this.font, color });
  }
  paragraph(s: string, x: number, width: number, size: number, color: Color = INK): void {
    for (const line of wrap(this.font, s, size, width)) {
      this.need(size * 1.5);
      this.text(line, x, this.y - size, size, color);
      this.y -= size * 1.5;
    }
  }
  /** Cuts text to a width, with an ellipsis. */
  fitted(s: string, width: number, size: number): string {
    if (this.font.widthOfTextAtSize(s, size) <= width) return s;
    let t = s;
    while (t.length > 1 && this.font.widthOfTextAtSize(`${t}…`, size) > width) t = t.slice(0, -1);
    return `${t}…`;
  }
  rule(y: number): void {
    this.page.drawLine({ start: { x: MARGIN, y }, end: { x: A4.width - MARGIN, y }, thickness: 0.5, color: RULE });
  }
}

type L = (typeof LABELS)['ja'] | (typeof LABELS)['en'];

function drawFacts(w: Layout, rows: [string, string][]): void {
  const labelWidth = 110;
  const x = MARGIN + labelWidth;
  const width = A4.width - MARGIN - x;
  for (const [label, value] of rows) {
    const lines = wrap(w.font, value, 9.5, width);
    w.need(Math.min(lines.length, 3) * 14 + 6);
    w.text(label, MARGIN, w.y - 9.5, 9.5, MUTED);
    for (const line of lines) {
      w.need(14);
      w.text(line, x, w.y - 9.5, 9.5);
      w.y -= 14;
    }
    w.y -= 6;
  }
}

const COLUMNS = [
  { x: 0, width: 24 },
  { x: 24, width: 186 },
  { x: 212, width: 26 },
  { x: 240, width: 52 },
  { x: 294, width: 54 },
  { x: 350, width: 149 },
];

function drawTableHead(w: Layout, L: L): void {
  w.page.drawRectangle({ x: MARGIN, y: w.y - 16, width: A4.width - 2 * MARGIN, height: 16, color: HEAD_FILL });
  L.columns.forEach((c, i) => {
    const col = COLUMNS[i];
    if (col) w.text(w.fitted(c, col.width - 2, 7.5), MARGIN + col.x + 2, w.y - 11, 7.5, MUTED);
  });
  w.y -= 18;
}

function drawDocuments(w: Layout, L: L, data: DestructionCertificateData): void {
  w.need(60);
  w.y -= 6;
  w.text(L.documents(data.documents.length), MARGIN, w.y - 12, 12);
  w.y -= 22;
  if (data.documents.length === 0) {
    w.paragraph(L.noDocuments, MARGIN, A4.width - 2 * MARGIN, 9.5, MUTED);
    return;
  }
  drawTableHead(w, L);
  const rowHeight = 24;
  data.documents.forEach((d, i) => {
    if (w.need(rowHeight)) drawTableHead(w, L);
    const top = w.y;
    const at = (c: number) => MARGIN + (COLUMNS[c]?.x ?? 0) + 2;
    const widthOf = (c: number) => (COLUMNS[c]?.width ?? 0) - 4;
    w.text(String(i + 1), at(0), top - 9, 7.5, MUTED);
    w.text(w.fitted(oneLine(d.name), widthOf(1), 8), at(1), top - 9, 8);
    w.text(w.fitted(d.id, widthOf(1), 6.5), at(1), top - 18, 6.5, MUTED);
    w.text(String(d.version), at(2), top - 9, 8);
    w.text(w.fitted(L.classification[d.classification], widthOf(3), 7.5), at(3), top - 9, 7.5);
    w.text(formatSize(d.sizeBytes, data.locale), at(4), top - 9, 7.5);
    w.text(d.sha256.slice(0, 32), at(5), top - 9, 6.5);
    w.text(d.sha256.slice(32), at(5), top - 18, 6.5);
    w.y -= rowHeight;
    w.rule(w.y + 2);
  });
}

async function render(data: DestructionCertificateData, keyId: string): Promise<PDFDocument> {
  const L = LABELS[data.locale];
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(notoSansJp(), { subset: true });
  const issued = new Date(data.destroyedAt);
  doc.setTitle(`${L.title} — ${oneLine(data.engagementName)}`);
  doc.setSubject(data.certificateId);
  doc.setLanguage(data.locale === 'ja' ? 'ja-JP' : 'en');
  doc.setProducer('kpo');
  doc.setCreator('kpo');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);

  const w = new Layout(doc, font);
  const contentWidth = A4.width - 2 * MARGIN;
  w.text(L.title, MARGIN, w.y - 20, 20);
  w.y -= 30;
  w.text(`${L.number} ${data.certificateId}`, MARGIN, w.y - 9, 9, MUTED);
  w.y -= 22;
  w.paragraph(L.intro(oneLine(data.clientOrgName), oneLine(data.engagementName), data.documents.length), MARGIN, contentWidth, 10.5);
  w.y -= 8;
  w.rule(w.y);
  w.y -= 10;
  const attestation = data.providerAttestation;
  const aside = (s: string) => (data.locale === 'ja' ? `（${s}）` : ` (${s})`);
  drawFacts(w, [
    [L.engagement, `${oneLine(data.engagementName)}${aside(data.engagementId)}`],
    [L.client, oneLine(data.clientOrgName)],
    [L.destroyedAt, `${tokyoTime(data.destroyedAt, data.locale)}${aside(data.destroyedAt)}`],
    [
      L.destroyedBy,
      data.destroyedBy.email ? `${oneLine(data.destroyedBy.name)} <${data.destroyedBy.email}>` : oneLine(data.destroyedBy.name),
    ],
    [L.method, L.methodText(data.dataKeyId)],
    [
      L.attestation,
      attestation
        ? `${L.attestationBy(oneLine(attestation.by), tokyoTime(attestation.at, data.locale))}\n${attestation.statement
            .split(/\r\n|\r|\n/)
            .map(oneLine)
            .join('\n')}`
        : L.attestationMissing,
    ],
  ]);
  drawDocuments(w, L, data);
  w.need(90);
  w.y -= 14;
  w.text(L.verification, MARGIN, w.y - 12, 12);
  w.y -= 22;
  w.paragraph(L.keyId(keyId), MARGIN, contentWidth, 9.5);
  w.paragraph(L.verifyText, MARGIN, contentWidth, 9, MUTED);

  w.pages.forEach((page, i) => {
    const footer = `${data.certificateId} · ${L.page(i + 1, w.pages.length)}`;
    page.drawText(footer, { x: A4.width - MARGIN - font.widthOfTextAtSize(footer, 7.5), y: 28, size: 7.5, font, color: MUTED });
  });
  return doc;
}

export async function createDestructionCertificate(data: DestructionCertificateData, signingKey: SigningKey): Promise<Uint8Array> {
  const parsed = parseOrThrow(certificateDataSchema, data);
  const payload = canonicalJson(parsed);
  const signature = sign(null, signedMessage(payload), signingKey.privateKey);
  const publicKey = rawPublicKey(signingKey.publicKey);
  const doc = await render(parsed, signingKey.keyId);
  const envelope = {
    payload,
    signature: signature.toString('base64url'),
    publicKey: publicKey.toString('base64url'),
    keyId: signingKey.keyId,
  };
  await doc.attach(new TextEncoder().encode(JSON.stringify(envelope, null, 1)), CERTIFICATE_ATTACHMENT, {
    mimeType: 'application/json',
    description: 'kpo destruction certificate: signed data (kpo vault verify-certificate)',
    creationDate: new Date(parsed.destroyedAt),
    modificationDate: new Date(parsed.destroyedAt),
    afRelationship: AFRelationship.Data,
  });
  return doc.save({ useObjectStreams: false });
}

// ---- verification -------------------------------------------------------------------------------

/** Every embedded file named `name` in the document's EmbeddedFiles name tree. */
function attachments(doc: PDFDocument, name: string): Uint8Array[] {
  const found: Uint8Array[] = [];
  const names = doc.catalog.lookup(PDFName.of('Names'));
  const root = names instanceof PDFDict ? names.lookup(PDFName.of('EmbeddedFiles')) : undefined;
  const textOf = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);
  const walk = (node: PDFObject | undefined, depth: number) => {
    if (!(node instanceof PDFDict) || depth > 20) return;
    const entries = node.lookup(PDFName.of('Names'));
    if (entries instanceof PDFArray) {
      for (let i = 0; i + 1 < entries.size(); i += 2) {
        const spec = entries.lookup(i + 1);
        if (!(spec instanceof PDFDict)) continue;
        const key = textOf(entries.lookup(i)) ?? textOf(spec.lookup(PDFName.of('UF'))) ?? textOf(spec.lookup(PDFName.of('F')));
        if (key !== name) continue;
        const ef = spec.lookup(PDFName.of('EF'));
        const stream = ef instanceof PDFDict ? (ef.lookup(PDFName.of('F')) ?? ef.lookup(PDFName.of('UF'))) : undefined;
        if (stream instanceof PDFRawStream) found.push(decodePDFRawStream(stream).decode());
      }
    }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walk(kids.lookup(i), depth + 1);
  };
  walk(root, 0);
  return found;
}

const envelopeSchema = z.object({ payload: z.string(), signature: z.string(), publicKey: z.string(), keyId: z.string() });

export async function verifyDestructionCertificate(
  pdfBytes: Uint8Array,
  trusted?: { publicKeys: KeyObject[] },
): Promise<CertificateVerification> {
  const result = (problems: CertificateProblem[], rest: Partial<CertificateVerification> = {}): CertificateVerification => ({
    valid: problems.every((p) => p === 'untrusted_key'),
    signedByTrustedKey: null,
    data: null,
    keyId: null,
    ...rest,
    problems,
  });
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdfBytes, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    return result(['not_a_pdf']);
  }
  let files: Uint8Array[];
  try {
    files = attachments(doc, CERTIFICATE_ATTACHMENT);
  } catch {
    return result(['signed_data_unreadable']);
  }
  if (files.length === 0) return result(['no_signed_data']);
  if (files.length > 1) return result(['several_signed_data']);
  let envelope: z.infer<typeof envelopeSchema>;
  try {
    envelope = envelopeSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(files[0])));
  } catch {
    return result(['signed_data_unreadable']);
  }

  const problems: CertificateProblem[] = [];
  const raw = Buffer.from(envelope.publicKey, 'base64url');
  let publicKey: KeyObject | null = null;
  try {
    if (raw.length !== 32 || raw.toString('base64url') !== envelope.publicKey) throw new Error('not 32 bytes');
    publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: envelope.publicKey }, format: 'jwk' });
  } catch {
    problems.push('bad_public_key');
  }
  if (publicKey && keyIdOf(raw) !== envelope.keyId) problems.push('key_id_mismatch');
  const signature = Buffer.from(envelope.signature, 'base64url');
  if (publicKey && !verify(null, signedMessage(envelope.payload), publicKey, signature)) problems.push('bad_signature');

  let data: DestructionCertificateData | null = null;
  try {
    const parsed = certificateDataSchema.safeParse(JSON.parse(envelope.payload));
    if (parsed.success) {
      data = parsed.data;
      if (canonicalJson(parsed.data) !== envelope.payload) problems.push('payload_not_canonical');
    } else problems.push('payload_invalid');
  } catch {
    problems.push('payload_invalid');
  }

  let signedByTrustedKey: boolean | null = null;
  if (trusted) {
    const matches = (k: KeyObject) => {
      try {
        return rawPublicKey(k).equals(raw);
      } catch {
        return false;
      }
    };
    signedByTrustedKey = publicKey !== null && trusted.publicKeys.some(matches);
    if (!signedByTrustedKey) problems.push('untrusted_key');
  }
  return result(problems, { data, keyId: envelope.keyId, signedByTrustedKey });
}
