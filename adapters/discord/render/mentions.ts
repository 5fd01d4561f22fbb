import { PLAIN_MASS_MENTION } from '../../../src/domain/mentions.ts';

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Breaks every mention syntax Discord would resolve (@everyone, @here, <@&role>, <@user>) with a zero-width
 * space. allowedMentions already stops pings; this keeps a hostile question from rendering as a mention at all.
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(PLAIN_MASS_MENTION, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<@([!&]?\d+)>/g, `<@${ZERO_WIDTH_SPACE}$1>`);
}
