import type { APIEmbed } from 'discord.js';

/**
 * Every way a message's embeds could break Discord's limits, checked independently of the renderer's own
 * bookkeeping (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
 */
export function embedLimitProblems(embeds: APIEmbed[]): string[] {
  const problems: string[] = [];
  if (embeds.length === 0) problems.push('no embeds');
  if (embeds.length > 10) problems.push(`${embeds.length} embeds > 10`);
  let total = 0;
  embeds.forEach((embed, index) => {
    const at = `embed ${index}`;
    const check = (what: string, text: string | undefined, max: number) => {
      if (text === undefined) return;
      total += text.length;
      if (text.length > max) problems.push(`${at} ${what} ${text.length} > ${max}`);
      if (text.trim() === '' && what.startsWith('field')) problems.push(`${at} ${what} empty`);
    };
    check('title', embed.title, 256);
    check('description', embed.description, 4096);
    check('footer', embed.footer?.text, 2048);
    check('author', embed.author?.name, 256);
    if ((embed.fields?.length ?? 0) > 25) problems.push(`${at} has ${embed.fields!.length} fields > 25`);
    for (const field of embed.fields ?? []) {
      check('field name', field.name, 256);
      check('field value', field.value, 1024);
    }
    if (!embed.title && !embed.description && !embed.fields?.length && !embed.footer) problems.push(`${at} is empty`);
  });
  if (total > 6000) problems.push(`total ${total} > 6000`);
  return problems;
}

/** All visible text of the embeds, for content assertions. */
export function embedText(embeds: APIEmbed[]): string {
  return embeds
    .flatMap((embed) => [
      embed.title,
      embed.description,
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
      embed.footer?.text,
    ])
    .filter(Boolean)
    .join('\n');
}
