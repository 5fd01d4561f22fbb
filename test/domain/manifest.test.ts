import { describe, expect, it } from 'vitest';
import { dataFooter, type Manifest } from '../../src/domain/manifest.ts';

describe('the data footer', () => {
  const manifest = (commit: string | null): Pick<Manifest, 'dataDate' | 'sources'> => ({
    dataDate: '2026-08-22',
    sources: [
      { folder: 'x', repository: 'kubernetes/website', commit: 'ffffffff', commitDate: null, license: null },
      { folder: 'y', repository: 'kubernetes/enhancements', commit, commitDate: null, license: null },
    ],
  });

  it('names the data date and the kubernetes/enhancements commit, shortened', () => {
    expect(dataFooter(manifest('64765b4c0ffee'))).toBe('Data as of 2026-08-22 (kubernetes/enhancements 64765b4)');
  });

  it('names only the date when the commit is unknown', () => {
    expect(dataFooter(manifest(null))).toBe('Data as of 2026-08-22');
  });
});
