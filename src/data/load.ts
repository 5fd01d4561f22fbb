import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATASET_FILES, type Dataset } from '../domain/dataset.ts';
import { Manifest } from '../domain/manifest.ts';
import { BUNDLED_DATA_DIR } from './paths.ts';
import { DATASET_SCHEMA_FINGERPRINT } from './schema-fingerprint.ts';
import { FileError, validateWith } from './validation.ts';

/** The bundled (or DATASET_DIR) dataset is missing, torn or invalid. */
export class DatasetError extends FileError {
  override name = 'DatasetError';
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new DatasetError(
      file,
      null,
      `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)}); run \`npm run sync\``,
    );
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DatasetError(file, null, `not valid JSON: ${(error as Error).message}`);
  }
}

export interface LoadOptions {
  /**
   * 'untrusted' (the default): validate unless the manifest records that these schemas validated the
   * files when they were written (and every file matches its checksum, so they are those bytes).
   * 'always': validate every file whatever the manifest says.
   */
  validate?: 'untrusted' | 'always';
}

/**
 * Loads the dataset; throws a DatasetError naming the file and field. Each file must match the
 * checksum the manifest recorded, so a half-finished copy is caught. A dataset written by this
 * code's importer (the manifest records DATASET_SCHEMA_FINGERPRINT) was validated then and is not
 * validated again; any other is validated file by file.
 */
export function loadDataset(dir: string = BUNDLED_DATA_DIR, { validate = 'untrusted' }: LoadOptions = {}): Dataset {
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = validateWith(Manifest, parseJson(manifestFile, readText(manifestFile)), manifestFile, DatasetError);
  const trusted = validate === 'untrusted' && manifest.validatedWith === DATASET_SCHEMA_FINGERPRINT;
  const collections = Object.fromEntries(
    Object.entries(DATASET_FILES).map(([name, schema]) => {
      const file = path.join(dir, `${name}.json`);
      const text = readText(file);
      const expected = manifest.files[`${name}.json`]?.sha256;
      const actual = createHash('sha256').update(text).digest('hex');
      if (expected !== actual) {
        throw new DatasetError(
          file,
          null,
          `does not match manifest.json (sha256 ${actual.slice(0, 12)}, expected ${expected?.slice(0, 12) ?? 'none'}); run \`npm run sync\` again`,
        );
      }
      const data = parseJson(file, text);
      return [name, trusted ? data : validateWith(schema, data, file, DatasetError)];
    }),
  ) as Omit<Dataset, 'manifest'>;
  return { manifest, ...collections };
}
