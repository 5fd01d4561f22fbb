import { FileError } from '../data/validation.ts';

/** An import failure that names the source file and, where known, the field. */
export class ImportError extends FileError {
  override name = 'ImportError';
}
