// The entity pass: everything the data can name, found once, against the bundled dataset's vocabulary.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { buildIndex } from '../../src/engine/engine-index.ts';
import { recognizeEntities } from '../../src/engine/index.ts';
import { CUE_WORDS } from '../../src/engine/kinds/registry.ts';
import { extractEntities } from '../../src/engine/understand/entities.ts';
import { FEATURE_ALIASES } from '../../src/engine/understand/vocabulary.ts';

const index = buildIndex(loadDataset());
const now = new Date('2024-09-01T12:00:00Z');
const found = (text: string) => recognizeEntities(text, index, now);

describe('recognizeEntities', () => {
  it('finds versions in every form, a range as both ends in order, and relative words', () => {
    expect(found('what changed 1.27 - 1.32').versions).toEqual(['1.27', '1.32']);
    expect(found('upgrade from v1.24 to 1.26.3').versions).toEqual(['1.24', '1.26.3']);
    expect(found('1,31 vs the previous release').versions).toEqual(['1.31', 'previous']);
    expect(found('when is the next release').versions).toEqual(['next']);
  });

  it('reads a version written once as that one version, whatever words beside it hold "ver0"', () => {
    const extraction = (text: string) =>
      extractEntities(text, index, { corrections: [], truncated: false, stripped: false }, CUE_WORDS, now);
    expect(extraction('what went GA in 1.31').versions).toEqual([{ kind: 'exact', minor: '1.31', patch: null }]);
    expect(extraction('what went GA in 1.31').text).toBe('what went ga in ver');
    // Words that contain the placeholder's letters are no placeholder, and leave the one version as it is.
    expect(extraction('server0 and driver01 on 1.31').versions).toEqual([
      { kind: 'exact', minor: '1.31', patch: null },
    ]);
    expect(extraction('server0 and driver01 on 1.31').text).toBe('server0 and driver01 on ver');
    // Two versions keep the order they were written in.
    expect(found('1.31 or the previous one').versions).toEqual(['1.31', 'previous']);
  });

  it.each([
    ['1.30 - 1.33', ['1.30', '1.33']],
    ['1.30-1.33', ['1.30', '1.33']],
    ['1.30–1.33', ['1.30', '1.33']],
    ['1.30 — 1.33', ['1.30', '1.33']],
    ['between 1.30 and 1.33', ['1.30', '1.33']],
    ['1.30..1.33', ['1.30', '1.33']],
    ['from 1.29 thru 1.32', ['1.29', '1.32']],
    ['v1.30 - v1.32.4', ['1.30', '1.32.4']],
    ['stable graduations 1.34-1.36', ['1.34', '1.36']],
  ])('reads %j as a range, both ends in order', (text, versions) => {
    const notes = { corrections: [], truncated: false, stripped: false };
    const extraction = extractEntities(text, index, notes, CUE_WORDS, now);
    expect(extraction.range).toBe(true);
    expect(found(text).versions).toEqual(versions);
  });

  it.each([
    ['1.30 - is it out?', ['1.30']],
    ['1.33 - 1.30', ['1.33', '1.30']],
    ['1.30 - 1.31 - 1.32', ['1.30', '1.31', '1.32']],
    ['1.31.0-rc.1 notes', ['1.31']],
    ['is 1.30 or 1.31 bigger', ['1.30', '1.31']],
  ])('does not read %j as a range', (text, versions) => {
    const notes = { corrections: [], truncated: false, stripped: false };
    expect(extractEntities(text, index, notes, CUE_WORDS, now).range).toBe(false);
    expect(found(text).versions).toEqual(versions);
  });

  it('reads a word spelled like its own version placeholder ("ver2") as a word, not as a version', () => {
    expect(found('ver2 schedule').versions).toEqual([]);
    expect(found('ver7 and 1.31').versions).toEqual(['1.31']);
  });

  it('finds KEP numbers, feature gates case-insensitively (spelled as the data does) and well-known names', () => {
    expect(found('KEP-3836 and #24').keps).toEqual([3836, 24]);
    const gate = found('We run 1.32 — is contextuallogging enabled by default there?');
    expect(gate.gates).toEqual(['ContextualLogging']);
    expect(gate.versions).toEqual(['1.32']);
    expect(found('is DRA GA yet').keps).toEqual([4381]);
    expect(found('did sidecars make it').keps).toEqual([753]);
    expect(found('when was Docker support removed').keps).toEqual([2221]);
  });

  it('names only KEPs the data has, none of them withdrawn', () => {
    for (const [alias, number] of FEATURE_ALIASES) {
      const kep = index.kepByNumber.get(number);
      expect(kep, alias).toBeDefined();
      expect(kep!.status, alias).not.toBe('withdrawn');
    }
  });

  it('finds SIGs, components, platforms and APIs', () => {
    const entities = found(
      'does SIG Node change the kubelet or kube-apiserver on EKS and GKE for PodSecurityPolicy in policy/v1beta1',
    );
    expect(entities.sigs).toEqual(['sig-node']);
    expect(entities.components).toEqual(expect.arrayContaining(['kubelet', 'kube-apiserver']));
    expect(entities.platforms).toEqual(expect.arrayContaining(['eks', 'gke']));
    expect(entities.apis).toEqual(expect.arrayContaining(['policy/v1beta1', 'PodSecurityPolicy']));
  });

  it('reads dates written "Aug 13, 2024", "13/08/24", "Aug 13th", "13 August 2024" and ISO', () => {
    expect(found('Kubernetes 1.31 shipped on Aug 13, 2024').dates).toEqual(['2024-08-13']);
    expect(found('released 13/08/24').dates).toEqual(['2024-08-13']);
    expect(found('is it out by Aug 13th?').dates).toEqual(['2024-08-13']);
    expect(found('13 August 2024').dates).toEqual(['2024-08-13']);
    expect(found('on 2024-08-13').dates).toEqual(['2024-08-13']);
    expect(found('which release shipped 2024/08/13').dates).toEqual(['2024-08-13']);
    expect(found('31/02/24').dates).toEqual([]);
    expect(found('2024/02/31').dates).toEqual([]);
  });

  it('reads "1.33.0" as the minor release itself, and other patch numbers as patches', () => {
    expect(found('what went GA in 1.33.0').versions).toEqual(['1.33']);
    expect(found('is ContextualLogging on in k8s v1.33.0?').versions).toEqual(['1.33']);
    expect(found('is 1.33.1 affected').versions).toEqual(['1.33.1']);
    expect(found('1.33.0-rc.1').versions).toEqual(['1.33']);
  });

  it('reads months and years without a day as periods, and a month in which one release shipped as that release', () => {
    const periods = (text: string) =>
      extractEntities(text, index, { corrections: [], truncated: false, stripped: false }, CUE_WORDS, now).periods;
    expect(periods('which versions went EOL in 2024')).toEqual([
      { from: '2024-01-01', to: '2024-12-31', label: '2024' },
    ]);
    expect(periods('what goes out of support in Feb 2027')).toEqual([
      { from: '2027-02-01', to: '2027-02-28', label: 'Feb 2027' },
    ]);
    expect(periods('we run 2024 clusters')).toEqual([]);
    expect(found('who led the Dec 2024 release').versions).toEqual(['1.32']);
    expect(found('anything on Dec 11, 2024').dates).toEqual(['2024-12-11']);
  });

  it('reads a series ("k8s 1.3x") as the span of its releases the data has', () => {
    const notes = { corrections: [], truncated: false, stripped: false };
    const series = extractEntities('k8s 1.2x GA features', index, notes, CUE_WORDS, now);
    expect(series.range).toBe(true);
    expect(found('k8s 1.2x GA features').versions).toEqual(['1.20', '1.29']);
    // The data's newest release bounds a series still under way.
    expect(found('anything in 1.3x').versions).toEqual(['1.30', index.newest]);
    expect(found('is 1.22.x still supported').versions).toEqual(['1.22']);
  });

  it('reads SIG and component names through a typo, hyphenated or not', () => {
    expect(found('sig-netwrok 1.33').sigs).toEqual(['sig-network']);
    expect(found('sig storgae 1.34').sigs).toEqual(['sig-storage']);
    expect(found('kubelte 1.31 with apiserver 1.33').components).toEqual(
      expect.arrayContaining(['kubelet', 'kube-apiserver']),
    );
    // An ordinary word one letter from a keyword is meant as written.
    expect(found('networks in 1.33').sigs).toEqual([]);
  });
});
