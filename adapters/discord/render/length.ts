import type { APIEmbed } from 'discord.js';

/** Characters Discord counts towards the 6,000 per-message embed total. */
export function embedsLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((total, embed) => total + embedLength(embed), 0);
}

export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}
