// Ranges in every form people write them ("1.30 - 1.33", "1.30–1.33", "1.30 — 1.33", "between 1.30 and 1.33",
// "1.30..1.33", "from 1.29 thru 1.32"), through the real Bot on the bundled dataset: each kind that answers over a
// span (upgrade, stage lists, deprecations, compare) gets both ends, and a dash that is no range stays one release.
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot.ts';
import { loadDataset } from '../../src/data/load.ts';
import type { Answer } from '../../src/domain/answer.ts';
import { renderText } from '../../src/render/text.ts';

let bot: Bot;
beforeAll(() => {
  bot = new Bot(loadDataset());
});
const ask = (question: string): Promise<Answer> => bot.handle(question, { now: new Date('2026-11-21T12:00:00Z') });

const SEPARATORS = [' - ', '-', '–', ' — ', '..', ' to ', ' thru ', ' through '];

describe('a range reads as both ends, whatever joins them', () => {
  it.each(SEPARATORS)('stable graduations 1.31%s1.33: every release of the span', async (separator) => {
    const answer = await ask(`stable graduations 1.31${separator}1.33`);
    expect(answer.intent).toBe('stage-list');
    expect(answer.title).toBe('Graduated to stable in Kubernetes 1.31 to 1.33');
    const text = renderText(answer);
    // KEP-24 AppArmor went stable in 1.31, KEP-753 sidecars in 1.33: both ends are in.
    expect(text).toContain('KEP-24 ');
    expect(text).toContain('KEP-753 ');
    expect(answer.summary).toMatch(/1\.31: .* 1\.32: .* 1\.33: /);
  });

  it('"everything that went stable between 1.31 and 1.33" is the lists of the span, not a comparison', async () => {
    const answer = await ask('everything that went stable between 1.31 and 1.33');
    expect(answer.intent).toBe('stage-list');
    expect(renderText(answer)).toContain('KEP-753 ');
  });

  it.each(['upgrade 1.30–1.33', 'upgrade 1.30 - 1.33', 'upgrade 1.30..1.33', 'upgrade from 1.30 thru 1.33'])(
    '%s is the upgrade across the span',
    async (question) => {
      const answer = await ask(question);
      expect(answer.intent).toBe('upgrade');
      expect(answer.summary).toContain('Upgrading 1.30 → 1.33 crosses 3 minor releases');
    },
  );

  it.each(['deprecations 1.22 - 1.25', 'deprecations 1.22–1.25', 'deprecations 1.22 through 1.25'])(
    '%s lists what each release of the span deprecated',
    async (question) => {
      const answer = await ask(question);
      expect(answer.intent).toBe('deprecations');
      expect(answer.title).toBe('Deprecations in Kubernetes 1.22 to 1.25');
      const text = renderText(answer);
      expect(text).toContain('autoscaling/v2beta2'); // deprecated in 1.23
      expect(text).toContain('CSIStorageCapacity'); // storage.k8s.io/v1beta1, deprecated in 1.24
    },
  );

  it('"deprecations between 1.22 and 1.25" is what the upgrade across the span meets', async () => {
    const answer = await ask('deprecations between 1.22 and 1.25');
    expect(answer.intent).toBe('upgrade');
    expect(answer.summary).toContain('Upgrading 1.22 → 1.25 crosses 3 minor releases');
  });

  it('which apis go away between 1.24 and 1.27: the removals of each release', async () => {
    const answer = await ask('which apis go away between 1.24 and 1.27');
    expect(answer.intent).toBe('deprecations');
    expect(renderText(answer)).toContain('policy/v1beta1'); // no longer served from 1.25
  });

  it.each(['compare 1.30 — 1.31', 'compare 1.30–1.31', 'compare 1.30 and 1.31'])(
    '%s compares both',
    async (question) => {
      const answer = await ask(question);
      expect(answer.intent).toBe('compare');
      expect(answer.title).toBe('Kubernetes 1.30 vs 1.31');
    },
  );

  it.each([
    ['release leads 1.30 - 1.33', 'team', ['Kat Cosgrove', 'Nina Polshakova']],
    ['release leads from 1.33 to 1.36', 'team', ['Nina Polshakova', 'Ryota Sawada']],
    ['release dates 1.30–1.33', 'schedule', ['2024-04-17', '2025-04-23']],
    ['code freeze dates for 1.34 through 1.36', 'schedule', ['2026-03-19']],
    ['EOL dates for 1.33..1.36', 'support', ['2026-06-28', '2027-06-28']],
    ['codenames 1.30 — 1.33', 'release-summary', ['Uwubernetes', 'Elli', 'Penelope', 'Octarine']],
    ['which k8s.io/api tags for 1.34 to 1.36', 'support-policy', ['v0.34.', 'v0.35.', 'v0.36.']],
    ['sig network work from 1.31 to 1.33', 'sig', ['SIG Network in Kubernetes 1.31 to 1.33']],
  ])('%s answers every release of the span', async (question, intent, facts) => {
    const answer = await ask(question);
    expect(answer.intent).toBe(intent);
    const text = renderText(answer);
    for (const fact of facts) expect(text).toContain(fact);
  });

  it('a dash that joins no second version is no range: "1.30 - is it out?"', async () => {
    const answer = await ask('1.30 - is it out?');
    expect(answer.intent).toBe('release-summary');
    expect(answer.summary).toMatch(/^Yes — Kubernetes 1\.30 “Uwubernetes” was released on 2024-04-17/);
  });

  it('a span of one release is that release: "GA features in 1.31 - 1.31"', async () => {
    const answer = await ask('GA features in 1.31 - 1.31');
    expect(answer.intent).toBe('stage-list');
    expect(answer.title).toBe('Graduated to stable in Kubernetes 1.31');
  });
});
