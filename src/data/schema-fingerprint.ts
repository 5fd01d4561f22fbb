import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DATASET_FILES } from '../domain/dataset.ts';

/**
 * The fingerprint of the dataset schemas this code validates with (see datasetSchemaFingerprint).
 * The importer records the fingerprint it validated with in manifest.json; a dataset whose files
 * match their checksums and whose manifest records this fingerprint was validated by these schemas
 * when it was written, so loading it skips validating it again. Computing the fingerprint costs
 * more than a start-up can spare, hence the constant; test/data/schema-fingerprint.test.ts fails
 * with the new value when a schema changes.
 */
export const DATASET_SCHEMA_FINGERPRINT = 'b6aa5bf94ee0cbd67caed1ea6f07228be28f7f4c61b1ebbdab38d660f3e84a9f';

/**
 * sha256 of the JSON Schema of every dataset file's zod schema: changes when a field, type, enum or
 * bound changes. Custom refinements have no JSON Schema form; changing one alone needs a schema
 * change elsewhere or a new `npm run sync` to be re-checked.
 */
export function datasetSchemaFingerprint(): string {
  const schemas = Object.fromEntries(
    Object.entries(DATASET_FILES).map(([name, schema]) => [
      name,
      z.toJSONSchema(schema as z.ZodType, { unrepresentable: 'any' }),
    ]),
  );
  return createHash('sha256').update(JSON.stringify(schemas)).digest('hex');
}
