/** An import failure that names the source file and, where known, the field. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | null,
    message: string,
  ) {
    super(field ? `${file}: ${field}: ${message}` : `${file}: ${message}`);
    this.name = 'ImportError';
  }
}
