import type { Answer } from './domain/answer.ts';
import { type Catalogue, catalogueOf } from './domain/catalogue.ts';
import type { Dataset } from './domain/dataset.ts';
import type { Engine, Query } from './engine/index.ts';
import { DIGESTS_DISABLED, type SubscriptionQuery } from './engine/kinds/subscription.ts';
import { fixedSnapshot, type SnapshotSource } from './live/snapshot.ts';
import type { BotPort, Conversation } from './port.ts';
import { TurnBatch } from './turn-batch.ts';

/** Re-exported for callers that take the channel from the bot's own module (the corpus harness). */
export type { ChannelRef } from './domain/channel.ts';
export type { BotPort, Conversation } from './port.ts';

/** Handles `subscribe …`, `unsubscribe …`, `subscriptions`; supplied by the digest feature. */
export interface SubscriptionCommands {
  handle(
    command: SubscriptionQuery['command'],
    args: string,
    conversation: Required<Pick<Conversation, 'channel'>> & Conversation,
  ): Promise<Answer>;
}

const isSnapshotSource = (data: Dataset | SnapshotSource): data is SnapshotSource => 'current' in data;

/** What the Bot reports about each answer (metrics). */
export type AnswerObserver = (answer: Answer, elapsedMs: number) => void;

/**
 * The one entry point adapters call, through the BotPort. `handle` reads chat text through the engine's one router;
 * `ask` answers a Query built directly (Discord options, buttons). Subscription queries go to the
 * digest feature, everything else to the engine. Each question is understood and answered from the
 * snapshot current when it arrived, so a data refresh never splits one answer across two datasets.
 */
export class Bot implements BotPort {
  private readonly data: SnapshotSource;
  private readonly catalogues = new WeakMap<Dataset, Catalogue>();
  /** The engine's work of the questions that arrive in one turn, done back to back (see TurnBatch). */
  private readonly turn = new TurnBatch();

  constructor(
    data: Dataset | SnapshotSource,
    private readonly options: {
      clock?: () => Date;
      subscriptions?: SubscriptionCommands;
      onAnswer?: AnswerObserver;
    } = {},
  ) {
    this.data = isSnapshotSource(data) ? data : fixedSnapshot(data);
  }

  /** The engine of the current snapshot. */
  get engine(): Engine {
    return this.data.current().engine;
  }

  /** The current dataset. */
  get dataset(): Dataset {
    return this.data.current().dataset;
  }

  now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  notice(message: string): Answer {
    return this.engine.notice(message, this.now());
  }

  /** Built once per dataset, so adapters can rebuild what they derive from it only when the data changed. */
  catalogue(): Catalogue {
    const dataset = this.dataset;
    let catalogue = this.catalogues.get(dataset);
    if (!catalogue) {
      catalogue = catalogueOf(dataset);
      this.catalogues.set(dataset, catalogue);
    }
    return catalogue;
  }

  /** How chat text is read: the Query `handle` would answer. */
  understand(text: string, conversation: Conversation = {}): Query {
    return this.engine.understand(text, conversation.now ?? this.now());
  }

  async handle(text: string, conversation: Conversation = {}): Promise<Answer> {
    const engine = this.engine;
    const now = conversation.now ?? this.now();
    const query = await this.turn.run(() => engine.understand(text, now));
    return this.ask(query, { ...conversation, now }, engine);
  }

  async ask(query: Query, conversation: Conversation = {}, engine: Engine = this.engine): Promise<Answer> {
    const started = performance.now();
    const answer = await this.answer(query, conversation, engine);
    this.options.onAnswer?.(answer, performance.now() - started);
    return answer;
  }

  private async answer(query: Query, conversation: Conversation, engine: Engine): Promise<Answer> {
    const now = conversation.now ?? this.now();
    if (query.kind === 'subscription') {
      if (!this.options.subscriptions) return engine.notice(DIGESTS_DISABLED, now);
      if (!conversation.channel) return engine.notice('Subscriptions need a channel to post to.', now);
      return this.options.subscriptions.handle(query.command, query.args, {
        ...conversation,
        channel: conversation.channel,
        now,
      });
    }
    return this.turn.run(() => engine.ask(query, now));
  }
}
