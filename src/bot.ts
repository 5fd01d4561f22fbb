import type { Answer } from './domain/answer.ts';
import type { ChannelRef } from './domain/channel.ts';
import type { Dataset } from './domain/dataset.ts';
import { createEngine, type Engine } from './engine/index.ts';


export interface Conversation {
  channel?: ChannelRef;
  userId?: string;
  now?: Date;
}

/** Handles `subscribe …`, `unsubscribe …`, `subscriptions`; supplied by the digest feature. */
export interface SubscriptionCommands {
  handle(command: 'subscribe' | 'unsubscribe' | 'subscriptions', args: string, conversation: Required<Pick<Conversation, 'channel'>> & Conversation): Promise<Answer>;
}

const SUBSCRIPTION_COMMAND = /^\s*(subscribe|unsubscribe|subscriptions)\b\s*(.*)$/is;

/**
 * The one entry point adapters call: chat text in, an Answer out. Routes subscription
 * management to the digest feature and everything else to the engine.
 */
export class Bot {
  readonly engine: Engine;

  constructor(
    readonly dataset: Dataset,
    private readonly options: { clock?: () => Date; subscriptions?: SubscriptionCommands } = {},
  ) {
    this.engine = createEngine(dataset);
  }

  now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  async handle(text: string, conversation: Conversation = {}): Promise<Answer> {
    const now = conversation.now ?? this.now();
    const match = SUBSCRIPTION_COMMAND.exec(text);
    if (match) {
      const command = match[1]!.toLowerCase() as 'subscribe' | 'unsubscribe' | 'subscriptions';
      const args = match[2] ?? '';
      if (!this.options.subscriptions) return this.engine.notice('Digests are not enabled on this bot.', now);
      if (!conversation.channel) return this.engine.notice('Subscriptions need a channel to post to.', now);
      return this.options.subscriptions.handle(command, args, { ...conversation, channel: conversation.channel, now });
    }
    return this.engine.answer(text, now);
  }
}
