import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import { clip } from '../render/clip.ts';
import { AUTOCOMPLETE_LIMITS } from '../render/limits.ts';

export type Choice = ApplicationCommandOptionChoiceData<string>;

/** A choice within Discord's limits: name and value at most 100 characters. */
export function choice(name: string, value: string): Choice {
  return {
    name: clip(name.replace(/\s+/g, ' ').trim(), AUTOCOMPLETE_LIMITS.choiceName),
    value: value.slice(0, AUTOCOMPLETE_LIMITS.choiceValue),
  };
}

/** Lower-cased, trimmed, inner whitespace collapsed: how typed text and candidates are compared. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
