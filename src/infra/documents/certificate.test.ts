import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import {
  CERTIFICATE_ATTACHMENT,
  canonicalJson,
  createDestructionCertificate,
  type DestructionCertificateData,
  keyIdOf,
  platformSigningKey,
  rawPublicKey,
  verifyDestructionCertificate,
} from './certificate.js';

const master = Buffer.alloc(32, 0x42);
const key = platformSigningKey(master);
const otherKey = platformSigningKey(Buffer.alloc(32, 0x43));

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function certificate(documents = 3, overrides: Partial<DestructionCertificateData> = {}): DestructionCertificateData {
  return {
    certificateId: 'cert-2026-0042',
    engagementId: '0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b',
    engagementName: 'プロジェクト・サクラ 特許調査',
    clientOrgName: '株式会社サクラ製作所',
    destroyedAt: '2026-12-04T08:05:00Z',
    destroyedBy: { name: '佐藤 花子', email: 'hanako.sato@sakura.example' },
    documents: Array.from({ length: documents }, (_, i) => ({
      id: `doc-${String(i + 1).padStart(4, '0')}`,
      name: `先行技術調査 資料 ${i + 1}.pdf`,
      version: (i % 3) + 1,
      sha256: sha(`doc ${i}`),
      classification: (['internal', 'confidential', 'strictly_confidential'] as const)[i % 3] ?? 'internal',
      sizeBytes: 1_234 * (i + 1) ** 3,
    })),
    dataKeyId: 'dk-7f3e9a',
    providerAttestation: null,
    locale: 'ja',
    ...overrides,
  };
}

async function pagesText(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await pdf.destroy();
  return pages;
}

/** The attached envelope's stream, to tamper with. */
async function envelopeOf(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const names = doc.catalog
    .lookup(PDFName.of('Names'), PDFDict)
    .lookup(PDFName.of('EmbeddedFiles'), PDFDict)
    .lookup(PDFName.of('Names'), PDFArray);
  const spec = names.lookup(1, PDFDict);
  const ef = spec.lookup(PDFName.of('EF'), PDFDict);
  const stream = ef.lookup(PDFName.of('F'));
  if (!(stream instanceof PDFRawStream)) throw new Error('no embedded file stream');
  const envelope = JSON.parse(new TextDecoder().decode(decodePDFRawStream(stream).decode())) as Record<string, string>;
  /** The same PDF with another envelope in place of this one. */
  const withEnvelope = async (next: Record<string, string>) => {
    ef.set(
      PDFName.of('F'),
      doc.context.register(doc.context.flateStream(new TextEncoder().encode(JSON.stringify(next)), { Type: 'EmbeddedFile' })),
    );
    return doc.save();
  };
  return { envelope, withEnvelope };
}

describe('platform signing key', () => {
  it('derives the same Ed25519 key from the same secret and another from another', () => {
    const again = platformSigningKey(master);
    expect(again.keyId).toBe(key.keyId);
    expect(rawPublicKey(again.publicKey).equals(rawPublicKey(key.publicKey))).toBe(true);
    expect(otherKey.keyId).not.toBe(key.keyId);
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(key.keyId).toBe(keyIdOf(rawPublicKey(key.publicKey)));
    expect(key.privateKey.asymmetricKeyType).toBe('ed25519');
    const message = Buffer.from('署名のテスト');
    expect(verify(null, message, key.publicKey, sign(null, message, key.privateKey))).toBe(true);
  });

  it('refuses a secret too short to derive from', () => {
    expect(() => platformSigningKey(Buffer.alloc(8))).toThrow(AppError);
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined, and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], e: undefined, é: true })).toBe('{"a":[{"c":null,"d":"x"}],"b":1,"é":true}');
  });

  it('refuses a number that is not a safe integer', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow();
  });
});

describe('destruction certificate', () => {
  it('verifies, and returns the signed data and key id', async () => {
    const data = certificate();
    const pdf = await createDestructionCertificate(data, key);
    const result = await verifyDestructionCertificate(pdf);
    expect(result).toEqual({ valid: true, signedByTrustedKey: null, data, keyId: key.keyId, problems: [] });
    expect(await verifyDestructionCertificate(pdf, { publicKeys: [otherKey.publicKey, key.publicKey] })).toMatchObject({
      valid: true,
      signedByTrustedKey: true,
      problems: [],
    });
  });

  it('is valid but untrusted when signed by a key that is not among the trusted ones', async () => {
    const pdf = await createDestructionCertificate(certificate(), otherKey);
    expect(await verifyDestructionCertificate(pdf, { publicKeys: [key.publicKey] })).toMatchObject({
      valid: true,
      signedByTrustedKey: false,
      keyId: otherKey.keyId,
      problems: ['untrusted_key'],
    });
  });

  it('fails after a one-byte change of the payload or of the signature', async () => {
    const { envelope, withEnvelope } = await envelopeOf(await createDestructionCertificate(certificate(), key));
    const payload = envelope.payload ?? '';
    const at = payload.indexOf('"sizeBytes":') + '"sizeBytes":'.length;
    const changed = payload.slice(0, at) + (payload[at] === '9' ? '8' : '9') + payload.slice(at + 1);
    expect(changed).toHaveLength(payload.length);
    const tampered = await verifyDestructionCertificate(await withEnvelope({ ...envelope, payload: changed }), {
      publicKeys: [key.publicKey],
    });
    expect(tampered.valid).toBe(false);
    expect(tampered.problems).toEqual(['bad_signature']);

    const signature = Buffer.from(envelope.signature ?? '', 'base64url');
    signature[10] = (signature[10] ?? 0) ^ 0x01;
    const badSignature = await verifyDestructionCertificate(
      await withEnvelope({ ...envelope, signature: signature.toString('base64url') }),
    );
    expect(badSignature.valid).toBe(false);
    expect(badSignature.problems).toEqual(['bad_signature']);
  });

  it('fails when the signer swaps in its own key but keeps the key id, or re-spells the payload', async () => {
    const { envelope, withEnvelope } = await envelopeOf(await createDestructionCertificate(certificate(), key));
    const swapped = await verifyDestructionCertificate(
      await withEnvelope({ ...envelope, publicKey: rawPublicKey(otherKey.publicKey).toString('base64url') }),
    );
    expect(swapped.problems).toEqual(['key_id_mismatch', 'bad_signature']);
    // Same meaning, other spelling, properly signed: refused, so that one certificate has one payload.
    const respelled = JSON.stringify(JSON.parse(envelope.payload ?? ''), null, 2);
    const signature = sign(null, Buffer.from(`kpo/destruction-certificate/v1\n${respelled}`), key.privateKey).toString('base64url');
    const result = await verifyDestructionCertificate(await withEnvelope({ ...envelope, payload: respelled, signature }));
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual(['payload_not_canonical']);
  });

  it('says what is wrong with a file that is no certificate', async () => {
    expect(await verifyDestructionCertificate(new TextEncoder().encode('hello'))).toMatchObject({ valid: false, problems: ['not_a_pdf'] });
    const plain = await PDFDocument.create();
    plain.addPage();
    expect(await verifyDestructionCertificate(await plain.save())).toMatchObject({ valid: false, problems: ['no_signed_data'] });
    const { envelope, withEnvelope } = await envelopeOf(await createDestructionCertificate(certificate(), key));
    const { payload: _, ...noPayload } = envelope;
    expect(await verifyDestructionCertificate(await withEnvelope(noPayload))).toMatchObject({
      valid: false,
      problems: ['signed_data_unreadable'],
    });
  });

  it('is written in Japanese: title, method, the missing attestation, the key id and how to verify', async () => {
    const [page] = await pagesText(await createDestructionCertificate(certificate(), key));
    for (const s of [
      'データ消去証明書',
      '株式会社サクラ製作所 の案件「プロジェクト・サクラ 特許調査」',
      '2026年12月4日 17:05 JST',
      '佐藤 花子 <hanako.sato@sakura.example>',
      'AES-256-GCM',
      '暗号学的消去',
      '未受領',
      `署名鍵 ID: ${key.keyId}`,
      'kpo vault verify-certificate FILE',
      '先行技術調査 資料 1.pdf',
      '極秘',
    ])
      expect(page, s).toContain(s);
  });

  it('is written in English with the provider attestation when there is one', async () => {
    const data = certificate(1, {
      locale: 'en',
      providerAttestation: {
        by: 'Ravi Kumar, Acme KPO',
        at: '2026-12-05T01:00:00Z',
        statement: 'All local copies deleted.\nBackups expire on 2027-01-05.',
      },
    });
    const text = (await pagesText(await createDestructionCertificate(data, key))).join('\n');
    for (const s of [
      'Certificate of Data Destruction',
      'crypto-shredding',
      'Ravi Kumar, Acme KPO (5 Dec 2026 10:00 JST)',
      'All local copies deleted.',
      'kpo vault verify-certificate FILE',
    ])
      expect(text, s).toContain(s);
    expect(text).not.toContain('Not yet received');
  });

  it('paginates a long list of documents, every one listed once, each page numbered', async () => {
    const data = certificate(120);
    const pdf = await createDestructionCertificate(data, key);
    const pages = await pagesText(pdf);
    expect(pages.length).toBeGreaterThan(3);
    const all = pages.join('\n');
    for (const d of data.documents) expect(all.split(d.id).length - 1, d.id).toBe(1);
    pages.forEach((p, i) => {
      expect(p).toContain(`${i + 1} / ${pages.length} ページ`);
      if (i > 0 && i < pages.length - 1) expect(p).toContain('SHA-256（消去前の内容）');
    });
    expect((await verifyDestructionCertificate(pdf)).valid).toBe(true);
  });

  it('refuses data that is not valid, listing the fields', async () => {
    const bad = { ...certificate(1), destroyedAt: 'last week' };
    bad.documents = [{ ...(bad.documents[0] as DestructionCertificateData['documents'][number]), sha256: 'xyz' }];
    const e = await createDestructionCertificate(bad, key).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).issues?.map((i) => i.path.join('.')).sort()).toEqual(['destroyedAt', 'documents.0.sha256']);
  });

  it('attaches the signed data as a file any PDF reader lists', async () => {
    const pdf = await createDestructionCertificate(certificate(), key);
    const loaded = await getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
    const files = (await loaded.getAttachments()) as Record<string, { filename: string; content: Uint8Array }>;
    await loaded.destroy();
    const file = Object.values(files).find((f) => f.filename === CERTIFICATE_ATTACHMENT);
    expect(file).toBeDefined();
    const envelope = JSON.parse(new TextDecoder().decode(file?.content)) as Record<string, string>;
    expect(Object.keys(envelope).sort()).toEqual(['keyId', 'payload', 'publicKey', 'signature']);
    expect(JSON.parse(envelope.payload ?? '')).toEqual(certificate());
  });

  it('accepts only Ed25519 keys among the trusted ones without failing on others', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const pdf = await createDestructionCertificate(certificate(), key);
    expect(await verifyDestructionCertificate(pdf, { publicKeys: [rsa, key.publicKey] })).toMatchObject({
      valid: true,
      signedByTrustedKey: true,
    });
  });
});
