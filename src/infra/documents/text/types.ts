import type { TextEdit } from '../../../core/documents/pii/pseudonymise.js';

export const documentKinds = ['txt', 'csv', 'xlsx', 'docx', 'pdf'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** A piece of a document's text and where it stands, so that a finding can be shown in place. */
export interface Segment {
  text: string;
  /** For people: "line 3", "Sheet1!B2", "word/document.xml ¶4", "page 2". */
  where: string;
}

/** Given a segment's text, the edits to make in it (pseudonymisation tokens). */
export type Replace = (text: string, where: string) => readonly TextEdit[];
