import { describe, expect, it } from 'vitest';
import { buildAutocompleteIndex } from '../../../../adapters/discord/autocomplete/index.ts';
import { kepChoices } from '../../../../adapters/discord/autocomplete/keps.ts';
import { timeZoneChoices } from '../../../../adapters/discord/autocomplete/timezones.ts';
import { versionChoices } from '../../../../adapters/discord/autocomplete/versions.ts';
import type { Choice } from '../../../../adapters/discord/autocomplete/choice.ts';
import { loadDataset } from '../../../../src/data/load.ts';
import { catalogueOf } from '../../../../src/domain/catalogue.ts';

const dataset = loadDataset();
const index = buildAutocompleteIndex(catalogueOf(dataset));

function withinLimits(choices: Choice[]): void {
  expect(choices.length).toBeLessThanOrEqual(25);
  for (const choice of choices) {
    expect(choice.name.length).toBeGreaterThan(0);
    expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(choice.value.length).toBeLessThanOrEqual(100);
  }
}

describe('release version autocomplete', () => {
  it('offers the 25 newest releases first when nothing is typed', () => {
    const choices = versionChoices(index.releases, '');
    withinLimits(choices);
    expect(choices).toHaveLength(25);
    const newest = [...dataset.releases]
      .map((release) => release.version)
      .sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]));
    expect(choices.map((choice) => choice.value)).toEqual(newest.slice(0, 25));
    expect(choices[0]!.value).toBe('1.37');
  });

  it('labels releases with codename and date and narrows by prefix or codename', () => {
    const byPrefix = versionChoices(index.releases, 'v1.3');
    expect(byPrefix.map((choice) => choice.value)).toEqual([
      '1.37',
      '1.36',
      '1.35',
      '1.34',
      '1.33',
      '1.32',
      '1.31',
      '1.30',
      '1.3',
    ]);
    expect(byPrefix.find((choice) => choice.value === '1.31')!.name).toBe('1.31 · Elli · released 2024-08-13');
    expect(versionChoices(index.releases, 'elli').map((choice) => choice.value)).toEqual(['1.31']);
    expect(versionChoices(index.releases, 'no such release')).toEqual([]);
  });

  it('offers schedule versions newest first', () => {
    const choices = versionChoices(index.schedules, '');
    withinLimits(choices);
    expect(choices[0]).toEqual({ name: '1.37 · release 2026-08-26', value: '1.37' });
  });
});

describe('KEP autocomplete', () => {
  const entries = index.keps;

  it('finds a KEP by number, exact match first', () => {
    const choices = kepChoices(entries, '3836');
    expect(choices[0]).toEqual({
      name: 'KEP-3836 · Kube-proxy improved ingress connectivity reliability',
      value: '3836',
    });
    const prefix = kepChoices(entries, 'KEP-24');
    withinLimits(prefix);
    expect(prefix[0]!.value).toBe('24');
    expect(prefix.every((choice) => choice.value.startsWith('24'))).toBe(true);
  });

  it('finds KEPs by title words and by feature gate', () => {
    expect(kepChoices(entries, 'sidecar containers')[0]).toMatchObject({
      value: '753',
      name: 'KEP-753 · Sidecar Containers',
    });
    expect(kepChoices(entries, 'KubeProxyDrainingTerminatingNodes').map((choice) => choice.value)).toContain('3836');
    expect(kepChoices(entries, 'qqqq zzzz')).toEqual([]);
  });

  it('offers 25 recently active KEPs when nothing is typed, every name within 100 characters', () => {
    const choices = kepChoices(entries, '');
    expect(choices).toHaveLength(25);
    for (const query of ['', 'a', 'e', 'kube', '1', 'support for']) withinLimits(kepChoices(entries, query));
  });
});

describe('time zone autocomplete', () => {
  it('offers UTC first and finds zones by city with spaces or underscores', () => {
    expect(timeZoneChoices('')[0]).toEqual({ name: 'UTC', value: 'UTC' });
    withinLimits(timeZoneChoices(''));
    expect(timeZoneChoices('berlin').map((choice) => choice.value)).toContain('Europe/Berlin');
    expect(timeZoneChoices('new york').map((choice) => choice.value)).toContain('America/New_York');
    expect(timeZoneChoices('America/New_').map((choice) => choice.value)).toEqual(['America/New_York']);
  });
});
