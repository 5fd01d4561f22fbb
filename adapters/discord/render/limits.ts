/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsPerMessage: 10,
  /** Sum of every title, description, field name and value, footer text and author name in one message. */
  totalCharacters: 6000,
} as const;

/** Autocomplete limits (https://discord.com/developers/docs/interactions/receiving-and-responding#autocomplete). */
export const AUTOCOMPLETE_LIMITS = {
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;
