import { describe, expect, it } from 'vitest';
import { kepQuery, releaseQuery, scheduleQuery } from '../../../../adapters/discord/commands/queries.ts';
import { spacedOptionProblem, subscribeText } from '../../../../adapters/discord/commands/subscribe.ts';
import { unsubscribeText } from '../../../../adapters/discord/commands/unsubscribe.ts';
import { stripBotMention } from '../../../../adapters/discord/events/messageCreate.ts';
import { loadDataset } from '../../../../src/data/load.ts';
import { buildIndex } from '../../../../src/engine/engine-index.ts';
import { parse } from '../../../../src/engine/parse.ts';
import { Query } from '../../../../src/engine/query.ts';

const none = { kind: null, time: null, timeZone: null, weekday: null };

describe('subcommand options → the text the bot understands', () => {
  it('composes the digest grammar, skipping absent options', () => {
    expect(subscribeText(none)).toBe('subscribe');
    expect(subscribeText({ kind: 'weekly', time: '08:30', timeZone: 'Europe/Berlin', weekday: 'friday' })).toBe(
      'subscribe weekly 08:30 Europe/Berlin friday',
    );
    expect(subscribeText({ ...none, timeZone: ' America/New_York ' })).toBe('subscribe America/New_York');
    expect(unsubscribeText(null)).toBe('unsubscribe');
    expect(unsubscribeText('milestones')).toBe('unsubscribe milestones');
  });

  it('refuses option values with spaces, which would shift the words of the command', () => {
    expect(spacedOptionProblem({ ...none, timeZone: 'UTC monday' })).toMatch(/timezone .*without spaces/);
    expect(spacedOptionProblem({ ...none, time: '9 00' })).toMatch(/time option/);
    expect(spacedOptionProblem({ ...none, time: '09:00', timeZone: 'Asia/Tokyo' })).toBeNull();
  });

  it('turns KEP numbers in any spelling into a KEP query and leaves names for the router', () => {
    for (const spelling of ['3836', 'KEP-3836', 'kep 3836', '#3836']) {
      expect(kepQuery(spelling)).toMatchObject({ kind: 'kep', ref: { kind: 'number', number: 3836 } });
    }
    expect(kepQuery(' sidecar containers ')).toBe('sidecar containers');
  });

  it('builds release and schedule queries from the version option, valid for the engine', () => {
    const release = releaseQuery('1.31');
    expect(release).toMatchObject({ kind: 'release-summary', version: { kind: 'exact', minor: '1.31' } });
    expect(Query.safeParse(release).success).toBe(true);
    expect(releaseQuery('latest')).toMatchObject({
      kind: 'release-summary',
      version: { kind: 'relative', which: 'latest' },
    });
    expect(scheduleQuery('v1.31')).toMatchObject({
      kind: 'schedule',
      version: { kind: 'exact', minor: '1.31' },
      target: null,
    });
    expect(scheduleQuery('next')).toMatchObject({ kind: 'schedule', version: { kind: 'relative', which: 'next' } });
    expect(Query.safeParse(kepQuery('24')).success).toBe(true);
    // Anything else is text the router reads, as typed.
    const now = new Date('2026-09-01T00:00:00Z');
    const index = buildIndex(loadDataset());
    expect(parse(releaseQuery('one point thirty') as string, index, now).kind).toBe('release-summary');
  });

  it("strips only the bot's own mention from a message", () => {
    expect(stripBotMention('<@1283746512039485762> what went GA', '1283746512039485762')).toBe('what went GA');
    expect(stripBotMention('hey <@!1283746512039485762>   1.31 ', '1283746512039485762')).toBe('hey 1.31');
    expect(stripBotMention('<@1283746512039485762> ask <@309827561984032769>', '1283746512039485762')).toBe(
      'ask <@309827561984032769>',
    );
  });
});
