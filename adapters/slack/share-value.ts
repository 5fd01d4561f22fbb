import { z } from 'zod';
import { jsonString } from './render/json-string.ts';
import { SLACK_LIMITS } from './render/limits.ts';

/**
 * What the Share button carries: the question and the moment it was answered, so the shared
 * copy is re-asked at that moment and says exactly what the user saw in the preview.
 */
const ShareValue = z.object({ v: z.literal(1), q: z.string().min(1), t: z.number().int().nonnegative() });

export interface SharedQuestion {
  question: string;
  now: Date;
}

/** The button value, or null when the question is too long to fit Slack's 2,000-character value. */
export function encodeShareValue(question: string, now: Date): string | null {
  // JSON.stringify({ v: 1, q: question, t }) written out: this runs for every slash command answered.
  const value = `{"v":1,"q":${jsonString(question)},"t":${now.getTime()}}`;
  return value.length <= SLACK_LIMITS.buttonValue ? value : null;
}

export function decodeShareValue(value: string | undefined): SharedQuestion | null {
  if (!value) return null;
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = ShareValue.safeParse(data);
  return parsed.success ? { question: parsed.data.q, now: new Date(parsed.data.t) } : null;
}
