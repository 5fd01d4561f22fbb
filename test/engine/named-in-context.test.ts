// A well-known feature name inside a long sentence (issue 10: "a known entity inside a long sentence is lost"):
// the words around it are context, not a search, unless a distinctive word stands right beside the name.
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot.ts';
import { loadDataset } from '../../src/data/load.ts';

let bot: Bot;
beforeAll(() => {
  bot = new Bot(loadDataset());
});
const ask = (question: string) => bot.handle(question, { now: new Date('2026-11-21T12:00:00Z') });

describe('a named feature amid context', () => {
  it.each([
    [
      "I'm evaluating DRA for GPU sharing on our 1.32 clusters; what stage is it at in that release?",
      'In 1.32, KEP-4381 was beta.',
    ],
    [
      'We are on 1.33 in prod and want to use in-place pod resize for our JVM workloads — is it usable there?',
      'In 1.33, KEP-1287 was beta.',
    ],
    [
      'Our security team asks whether user namespaces can be turned on in 1.31, we are on a vanilla kubeadm install',
      'In 1.31, KEP-127 was alpha.',
    ],
  ])('%s → its stage in that release first', async (question, first) => {
    const answer = await ask(question);
    expect(answer.intent).toBe('kep');
    expect(answer.summary.startsWith(first)).toBe(true);
  });

  it('anyone know if user namespaces went GA? need it for a rootless setup → Yes, KEP-127', async () => {
    const answer = await ask('anyone know if user namespaces went GA? need it for a rootless setup');
    expect(answer.intent).toBe('kep');
    expect(answer.summary).toMatch(/^Yes — KEP-127 “Support User Namespaces” is stable \(GA\) since 1\.36/);
  });

  it('a distinctive word right beside the name may be part of another name: left to the search', async () => {
    // Read by the full-text search (which reads every word), not as the alias's KEP-4381.
    const answer = await ask('zorblax DRA gizmos');
    expect(answer.title.startsWith('KEP-4381')).toBe(false);
  });
});
