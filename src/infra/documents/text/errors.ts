import { AppError } from '../../../shared/errors.js';

/** Office files saved with a password are OLE compound files (D0 CF 11 E0), not zip packages. */
export const isCompoundFile = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export const encrypted = (what: string) =>
  new AppError('invalid_input', `The ${what} is password-protected: remove the protection and save it again.`, {
    reason: 'encrypted_file',
  });

export const malformed = (what: string, detail: string) =>
  new AppError('invalid_input', `The ${what} is damaged or not a ${what}: ${detail}`, { reason: 'malformed_file' });
