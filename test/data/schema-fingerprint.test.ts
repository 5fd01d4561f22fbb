import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, loadDataset } from '../../src/data/load.ts';
import { BUNDLED_DATA_DIR } from '../../src/data/paths.ts';
import { DATASET_SCHEMA_FINGERPRINT, datasetSchemaFingerprint } from '../../src/data/schema-fingerprint.ts';

/** A copy of the bundled dataset with keps.json edited by `edit` and its checksum (and `manifestEdit`) written back. */
function tamperedCopy(
  edit: (keps: Array<Record<string, unknown>>) => void,
  manifestEdit: (m: Record<string, unknown>) => void,
) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'k8s-release-bot-fingerprint-'));
  cpSync(BUNDLED_DATA_DIR, dir, { recursive: true });
  const keps = JSON.parse(readFileSync(path.join(dir, 'keps.json'), 'utf8'));
  edit(keps);
  const text = `${JSON.stringify(keps, null, 1)}\n`;
  writeFileSync(path.join(dir, 'keps.json'), text);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.files['keps.json'] = {
    sha256: createHash('sha256').update(text).digest('hex'),
    bytes: Buffer.byteLength(text),
  };
  manifestEdit(manifest);
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe('the dataset schema fingerprint', () => {
  it('is the fingerprint of the schemas as they are now (update DATASET_SCHEMA_FINGERPRINT and run `npm run sync` when this fails)', () => {
    expect(datasetSchemaFingerprint()).toBe(DATASET_SCHEMA_FINGERPRINT);
  });

  it('is recorded by the bundled manifest, so the bundled dataset loads without a second validation', () => {
    const manifest = JSON.parse(readFileSync(path.join(BUNDLED_DATA_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.validatedWith).toBe(DATASET_SCHEMA_FINGERPRINT);
  });

  it('the trusted load gives the same dataset as validating every file', () => {
    expect(loadDataset()).toStrictEqual(loadDataset(BUNDLED_DATA_DIR, { validate: 'always' }));
  });

  it('a manifest without the current fingerprint gets every file validated: the bad field is named', () => {
    const dir = tamperedCopy(
      (keps) => {
        keps[0]!.stage = 'gamma';
      },
      (manifest) => {
        manifest.validatedWith = 'an older schema';
      },
    );
    expect(() => loadDataset(dir)).toThrow(DatasetError);
    expect(() => loadDataset(dir)).toThrow(/keps\.json: \[0\] \(KEP-\d+\)\.stage/);
  });

  it("validate: 'always' validates even a dataset whose manifest records the current fingerprint", () => {
    const dir = tamperedCopy(
      (keps) => {
        keps[0]!.number = 'twenty-four';
      },
      () => {},
    );
    expect(() => loadDataset(dir, { validate: 'always' })).toThrow(/keps\.json: \[0\].*\.number: Invalid input/);
  });
});
