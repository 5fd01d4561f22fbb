import { describe, expect, it } from 'vitest';
import { kepQuestion } from '../../../../adapters/discord/commands/kep.ts';
import { releaseQuestion } from '../../../../adapters/discord/commands/release.ts';
import { scheduleQuestion } from '../../../../adapters/discord/commands/schedule.ts';
import { spacedOptionProblem, subscribeText } from '../../../../adapters/discord/commands/subscribe.ts';
import { unsubscribeText } from '../../../../adapters/discord/commands/unsubscribe.ts';
import { stripBotMention } from '../../../../adapters/discord/events/messageCreate.ts';
import { loadDataset } from '../../../../src/data/load.ts';
import { buildIndex } from '../../../../src/engine/context.ts';
import { parse } from '../../../../src/engine/parse.ts';

const none = { kind: null, time: null, timezone: null, weekday: null };

describe('subcommand options → the text the bot understands', () => {
  it('composes the digest grammar, skipping absent options', () => {
    expect(subscribeText(none)).toBe('subscribe');
    expect(subscribeText({ kind: 'weekly', time: '08:30', timezone: 'Europe/Berlin', weekday: 'friday' })).toBe('subscribe weekly 08:30 Europe/Berlin friday');
    expect(subscribeText({ ...none, timezone: ' America/New_York ' })).toBe('subscribe America/New_York');
    expect(unsubscribeText(null)).toBe('unsubscribe');
    expect(unsubscribeText('milestones')).toBe('unsubscribe milestones');
  });

  it('refuses option values with spaces, which would shift the words of the command', () => {
    expect(spacedOptionProblem({ ...none, timezone: 'UTC monday' })).toMatch(/timezone .*without spaces/);
    expect(spacedOptionProblem({ ...none, time: '9 00' })).toMatch(/time option/);
    expect(spacedOptionProblem({ ...none, time: '09:00', timezone: 'Asia/Tokyo' })).toBeNull();
  });

  it('turns KEP numbers in any spelling into KEP-N and leaves names alone', () => {
    expect(kepQuestion('3836')).toBe('KEP-3836');
    expect(kepQuestion('KEP-3836')).toBe('KEP-3836');
    expect(kepQuestion('kep 24')).toBe('KEP-24');
    expect(kepQuestion('#24')).toBe('KEP-24');
    expect(kepQuestion(' sidecar containers ')).toBe('sidecar containers');
  });

  it('asks the engine questions it parses as the intended kind', () => {
    const now = new Date('2026-09-01T00:00:00Z');
    const index = buildIndex(loadDataset());
    expect(parse(releaseQuestion('1.31'), index, now)).toMatchObject({ kind: 'release-summary', version: { kind: 'exact', minor: '1.31' } });
    expect(parse(releaseQuestion('latest'), index, now)).toMatchObject({ kind: 'release-summary', version: { kind: 'relative', which: 'latest' } });
    expect(parse(scheduleQuestion('1.31'), index, now)).toMatchObject({ kind: 'schedule', version: { kind: 'exact', minor: '1.31' } });
    expect(parse(scheduleQuestion('next'), index, now)).toMatchObject({ kind: 'schedule', version: { kind: 'relative', which: 'next' } });
    expect(parse(kepQuestion('3836'), index, now)).toMatchObject({ kind: 'kep', ref: { kind: 'number', number: 3836 } });
  });

  it("strips only the bot's own mention from a message", () => {
    expect(stripBotMention('<@1283746512039485762> what went GA', '1283746512039485762')).toBe('what went GA');
    expect(stripBotMention('hey <@!1283746512039485762>   1.31 ', '1283746512039485762')).toBe('hey 1.31');
    expect(stripBotMention('<@1283746512039485762> ask <@309827561984032769>', '1283746512039485762')).toBe('ask <@309827561984032769>');
  });
});
