import { describe, expect, it } from 'vitest';
import { currentAutocomplete } from '../adapters/discord/autocomplete/index.ts';
import { versionChoices } from '../adapters/discord/autocomplete/versions.ts';
import { Bot } from '../src/bot.ts';
import { loadDataset } from '../src/data/load.ts';
import { LiveData } from '../src/live/snapshot.ts';
import type { BotPort } from '../src/port.ts';

const dataset = loadDataset();
const NOW = new Date('2026-09-01T12:00:00Z');

describe('the Bot as the adapters’ port', () => {
  const port: BotPort = new Bot(dataset, { clock: () => NOW });

  it('notice wraps a message with the data footer, as of the bot’s clock', () => {
    const answer = port.notice('The time option takes a 24-hour time like 09:00 or 17:30.');
    expect(answer.summary).toBe('The time option takes a 24-hour time like 09:00 or 17:30.');
    expect(answer.footer).toContain(`Data as of ${dataset.manifest.dataDate}`);
    expect(port.now()).toEqual(NOW);
  });

  it('the catalogue lists the dataset’s releases, schedules and KEPs with the data date', () => {
    const catalogue = port.catalogue();
    expect(catalogue.dataDate).toBe(dataset.manifest.dataDate);
    expect(catalogue.releases.map((release) => release.version)).toEqual(dataset.releases.map((r) => r.version));
    expect(catalogue.releases.find((release) => release.version === '1.31')).toEqual({
      version: '1.31',
      codename: 'Elli',
      gaDate: '2024-08-13',
    });
    expect(catalogue.schedules.find((schedule) => schedule.version === '1.31')?.releaseDate).toBe('2024-08-13');
    const kep = catalogue.keps.find((entry) => entry.number === 3836);
    expect(kep?.featureGates).toEqual(['KubeProxyDrainingTerminatingNodes']);
    expect(catalogue.keps).toHaveLength(dataset.keps.length);
  });

  it('hands out the same catalogue until the data changes, then the new data’s', () => {
    const live = new LiveData(dataset, 'bundled');
    const bot = new Bot(live);
    const first = bot.catalogue();
    expect(bot.catalogue()).toBe(first);
    const withoutNewest = { ...dataset, releases: dataset.releases.filter((release) => release.version !== '1.37') };
    live.swap(withoutNewest, 'refresh');
    expect(bot.catalogue()).not.toBe(first);
    expect(bot.catalogue().releases.map((release) => release.version)).not.toContain('1.37');
  });
});

describe('Discord autocomplete follows the port’s catalogue', () => {
  it('offers what the current data holds, after a refresh too, and reuses its index in between', () => {
    const live = new LiveData(dataset, 'bundled');
    const autocomplete = currentAutocomplete(new Bot(live));
    const before = autocomplete();
    expect(autocomplete()).toBe(before);
    expect(versionChoices(before.releases, '1.37').map((choice) => choice.value)).toEqual(['1.37']);
    live.swap({ ...dataset, releases: dataset.releases.filter((release) => release.version !== '1.37') }, 'refresh');
    expect(versionChoices(autocomplete().releases, '1.37')).toEqual([]);
  });
});
