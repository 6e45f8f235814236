import { AppError } from '../../../shared/errors.js';
import { docxSegments, redactDocx } from './docx.js';
import { pdfSegments, redactPdf } from './pdf.js';
import { csvSegments, redactCsv, redactText, textSegments } from './plain.js';
import { type DocumentKind, documentKinds, type Replace, type Segment } from './types.js';
import { redactXlsx, xlsxSegments } from './xlsx.js';

export { PDF_NOTICE } from './pdf.js';
export { type DocumentKind, documentKinds, type Replace, type Segment } from './types.js';

/** The kind of a file by its name's extension (.text/.tsv read as text). */
export function kindOfFile(name: string): DocumentKind {
  const ext = /\.([^.]+)$/.exec(name.toLowerCase())?.[1] ?? '';
  const kind = ext === 'text' || ext === 'md' || ext === 'log' ? 'txt' : ext === 'tsv' ? 'csv' : ext;
  if ((documentKinds as readonly string[]).includes(kind)) return kind as DocumentKind;
  throw new AppError('invalid_input', `Files of type ".${ext}" cannot be scanned. Allowed: ${documentKinds.join(', ')}.`, {
    reason: 'unsupported_file_type',
    params: { extension: ext, allowed: documentKinds.join(', ') },
  });
}

/** The text of a document in segments with where each stands (line, cell, paragraph, page). */
export async function extractText(bytes: Uint8Array, kind: DocumentKind): Promise<Segment[]> {
  switch (kind) {
    case 'txt':
      return textSegments(bytes);
    case 'csv':
      return csvSegments(bytes);
    case 'xlsx':
      return xlsxSegments(bytes);
    case 'docx':
      return docxSegments(bytes);
    case 'pdf':
      return pdfSegments(bytes);
  }
}

/** A copy of the document with each segment's text edited by `replace`, in the same format (PDF: a new text PDF). */
export async function writeRedacted(bytes: Uint8Array, kind: DocumentKind, replace: Replace): Promise<Uint8Array> {
  switch (kind) {
    case 'txt':
      return redactText(bytes, replace);
    case 'csv':
      return redactCsv(bytes, replace);
    case 'xlsx':
      return redactXlsx(bytes, replace);
    case 'docx':
      return redactDocx(bytes, replace);
    case 'pdf':
      return redactPdf(bytes, replace);
  }
}
