import type { Answer } from './domain/answer.ts';
import type { Catalogue } from './domain/catalogue.ts';
import type { ChannelRef } from './domain/channel.ts';
import type { Query } from './engine/index.ts';

export type { Catalogue } from './domain/catalogue.ts';
export type { Query } from './engine/index.ts';

/** Where a question comes from; `now` answers as of another moment (the Share button re-asks at its own). */
export interface Conversation {
  channel?: ChannelRef;
  userId?: string;
  now?: Date;
}

/**
 * The one port every platform adapter (Slack, Discord, console) talks to: questions in, answers out,
 * plus what an adapter may list of the current data. Adapters never see the engine or the dataset, so a
 * data refresh, the digest feature or the engine's insides can change without touching a platform.
 */
export interface BotPort {
  /** Chat text, read by the engine's one router. */
  handle(text: string, conversation?: Conversation): Promise<Answer>;
  /** A Query built directly (Discord options, buttons). */
  ask(query: Query, conversation?: Conversation): Promise<Answer>;
  /** A plain informational answer with the data footer (bad input, a missing permission, a failure). */
  notice(message: string): Answer;
  /** The moment answers are computed at. */
  now(): Date;
  /** The current data's releases, schedules, KEPs and data date; the same object until the data changes. */
  catalogue(): Catalogue;
}
