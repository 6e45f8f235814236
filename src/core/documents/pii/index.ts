export { applyCodeNames, type CodeNameTerm, restoreCodeNames } from './code-names.js';
export { detectPii } from './detect.js';
export {
  applyEdits,
  emptyMapping,
  type MappingEntry,
  type PseudonymMapping,
  parseMapping,
  pseudonymEdits,
  pseudonymise,
  reidentify,
  type TextEdit,
} from './pseudonymise.js';
export { type DetectOptions, type Finding, type JaToken, type JaTokenizer, type PiiType, piiTypes } from './types.js';
