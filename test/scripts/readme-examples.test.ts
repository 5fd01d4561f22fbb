// The README's "What it answers" section is the real bot's output (scripts/readme-examples.ts): regenerated, it
// equals what the README says, and its one-question-per-kind list covers every registered kind.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/engine/kinds/registry.ts';
import {
  answersOf,
  BEGIN,
  END,
  ONE_PER_KIND,
  README_FILE,
  readmeTranscript,
  withTranscript,
} from '../../scripts/readme-examples.ts';

describe('README "What it answers"', () => {
  it('is what the bot answers today (run `npm run readme:examples` after changing an answer)', async () => {
    const readme = readFileSync(README_FILE, 'utf8');
    const section = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END) + END.length);
    expect(section).toBe(await readmeTranscript());
  });

  it('asks one question of every registered kind, and each gets that kind', async () => {
    expect(new Set(ONE_PER_KIND.map((example) => example.intent))).toEqual(new Set(KINDS.map((kind) => kind.intent)));
    const answers = await answersOf(ONE_PER_KIND.map((example) => example.q));
    expect(answers.map((answer) => answer.intent)).toEqual(ONE_PER_KIND.map((example) => example.intent));
  });

  it('replaces only the section between the markers, and names the file when they are missing', () => {
    const readme = `intro\n${BEGIN}\nold\n${END}\noutro\n`;
    expect(withTranscript(readme, `${BEGIN}\nnew\n${END}`)).toBe(`intro\n${BEGIN}\nnew\n${END}\noutro\n`);
    expect(() => withTranscript('no markers', 'x')).toThrow(/README\.md.*markers are missing/);
  });
});
