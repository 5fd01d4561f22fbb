import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import { clip } from '../render/clip.ts';
import { AUTOCOMPLETE_LIMITS } from '../render/limits.ts';
import { singleSpaced } from '../../../src/domain/plain-text.ts';

export type Choice = ApplicationCommandOptionChoiceData<string>;

/** A choice within Discord's limits: name and value at most 100 characters. */
export function choice(name: string, value: string): Choice {
  return {
    name: clip(singleSpaced(name), AUTOCOMPLETE_LIMITS.choiceName),
    value: value.slice(0, AUTOCOMPLETE_LIMITS.choiceValue),
  };
}

/** Lower-cased, trimmed, inner whitespace collapsed: how typed text and candidates are compared. */
export function normalise(text: string): string {
  return singleSpaced(text.toLowerCase());
}
