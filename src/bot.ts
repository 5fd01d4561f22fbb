import type { Answer } from './domain/answer.ts';
import type { ChannelRef } from './domain/channel.ts';
import type { Dataset } from './domain/dataset.ts';
import { createEngine, type Engine, type Query } from './engine/index.ts';
import { DIGESTS_DISABLED, type SubscriptionQuery } from './engine/kinds/subscription.ts';


export interface Conversation {
  channel?: ChannelRef;
  userId?: string;
  now?: Date;
}

/** Handles `subscribe …`, `unsubscribe …`, `subscriptions`; supplied by the digest feature. */
export interface SubscriptionCommands {
  handle(command: SubscriptionQuery['command'], args: string, conversation: Required<Pick<Conversation, 'channel'>> & Conversation): Promise<Answer>;
}

/**
 * The one entry point adapters call. `handle` reads chat text through the engine's one router;
 * `ask` answers a Query built directly (Discord options, buttons). Subscription queries go to the
 * digest feature, everything else to the engine.
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

  /** How chat text is read: the Query `handle` would answer. */
  understand(text: string, conversation: Conversation = {}): Query {
    return this.engine.understand(text, conversation.now ?? this.now());
  }

  async handle(text: string, conversation: Conversation = {}): Promise<Answer> {
    return this.ask(this.understand(text, conversation), conversation);
  }

  async ask(query: Query, conversation: Conversation = {}): Promise<Answer> {
    const now = conversation.now ?? this.now();
    if (query.kind === 'subscription') {
      if (!this.options.subscriptions) return this.engine.notice(DIGESTS_DISABLED, now);
      if (!conversation.channel) return this.engine.notice('Subscriptions need a channel to post to.', now);
      return this.options.subscriptions.handle(query.command, query.args, { ...conversation, channel: conversation.channel, now });
    }
    return this.engine.ask(query, now);
  }
}
