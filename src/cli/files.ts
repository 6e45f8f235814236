import { readFileSync } from 'node:fs';
import { AppError } from '../shared/errors.js';

/** A file named on the command line, or a clear error naming it (not found: exit 5; unreadable: exit 2). */
export function readFileBytes(path: string, what = 'file'): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('not_found', `No ${what} at ${path}.`, { reason: 'file_not_found' });
    throw new AppError('invalid_input', `Cannot read the ${what} ${path}: ${(e as Error).message}`, { reason: 'file_unreadable' });
  }
}

export const readFileText = (path: string, what = 'file'): string => new TextDecoder().decode(readFileBytes(path, what));
