import { applyCodeNames, restoreCodeNames } from '../../core/documents/pii/code-names.js';
import { detectPii } from '../../core/documents/pii/detect.js';
import { pseudonymise, reidentify } from '../../core/documents/pii/pseudonymise.js';
import type { JaTokenizer, PiiType } from '../../core/documents/pii/types.js';
import type { PiiEngine, PseudonymState } from '../../core/documents/ports.js';
import { loadKuromojiTokenizer } from './kuromoji.js';
import { type DocumentKind, documentKinds, extractText, writeRedacted } from './text/index.js';

const isScannable = (kind: string): kind is DocumentKind => (documentKinds as readonly string[]).includes(kind);

/** The detector over each format's text; kuromoji is loaded with the first scan (about a second) and kept. */
export function createPiiEngine(): PiiEngine {
  let tokenizer: Promise<JaTokenizer> | null = null;
  const tokenize = () => {
    tokenizer ??= loadKuromojiTokenizer();
    return tokenizer;
  };
  const kindOf = (kind: string): DocumentKind => {
    if (!isScannable(kind)) throw new Error(`not scannable: ${kind}`);
    return kind;
  };
  return {
    scannable: isScannable,

    async scan(bytes, kind) {
      const t = await tokenize();
      const segments = await extractText(bytes, kindOf(kind));
      return segments.flatMap((s) =>
        detectPii(s.text, { tokenizer: t }).map((f) => ({ type: f.type, text: f.text, start: f.start, end: f.end, where: s.where })),
      );
    },

    async pseudonymise(bytes, kind, state, types) {
      const t = await tokenize();
      let mapping = state.mapping;
      let replaced = 0;
      // Each segment's text becomes its pseudonymised text (tokens, then code names) in one edit.
      const out = await writeRedacted(bytes, kindOf(kind), (text) => {
        const findings = detectPii(text, { tokenizer: t, ...(types ? { types: types as PiiType[] } : {}) });
        const done = pseudonymise(text, findings, mapping);
        mapping = done.mapping;
        replaced += findings.length;
        const result = applyCodeNames(done.text, state.codeNames);
        return result === text ? [] : [{ start: 0, end: text.length, text: result }];
      });
      const next: PseudonymState = { mapping, codeNames: state.codeNames };
      return { bytes: out, state: next, replaced };
    },

    async reidentify(bytes, kind, state) {
      return writeRedacted(bytes, kindOf(kind), (text) => {
        const result = restoreCodeNames(reidentify(text, state.mapping), state.codeNames);
        return result === text ? [] : [{ start: 0, end: text.length, text: result }];
      });
    },
  };
}
