import type { Answer } from './domain/answer.ts';
import type { Dataset } from './domain/dataset.ts';
import { fixedSnapshot, type SnapshotSource } from './live/snapshot.ts';
import type { Engine } from './engine/index.ts';

export type Platform = 'slack' | 'discord' | 'console';

/** Where a message came from; a subscription is keyed by all three. */
export interface ChannelRef {
  platform: Platform;
  /** Slack team ID, Discord guild ID, or "local" for the console. */
  workspace: string;
  channel: string;
}

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

const isSnapshotSource = (data: Dataset | SnapshotSource): data is SnapshotSource => 'current' in data;

/** What the Bot reports about each answer (metrics). */
export type AnswerObserver = (answer: Answer, elapsedMs: number) => void;

/**
 * The one entry point adapters call: chat text in, an Answer out. Routes subscription
 * management to the digest feature and everything else to the engine. Each question is answered from
 * the snapshot current when it arrived, so a data refresh never splits one answer across two datasets.
 */
export class Bot {
  private readonly data: SnapshotSource;

  constructor(
    data: Dataset | SnapshotSource,
    private readonly options: { clock?: () => Date; subscriptions?: SubscriptionCommands; onAnswer?: AnswerObserver } = {},
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

  async handle(text: string, conversation: Conversation = {}): Promise<Answer> {
    const started = performance.now();
    const answer = await this.route(text, conversation);
    this.options.onAnswer?.(answer, performance.now() - started);
    return answer;
  }

  private async route(text: string, conversation: Conversation): Promise<Answer> {
    const now = conversation.now ?? this.now();
    const { engine } = this.data.current();
    const match = SUBSCRIPTION_COMMAND.exec(text);
    if (match) {
      const command = match[1]!.toLowerCase() as 'subscribe' | 'unsubscribe' | 'subscriptions';
      const args = match[2] ?? '';
      if (!this.options.subscriptions) return engine.notice('Digests are not enabled on this bot.', now);
      if (!conversation.channel) return engine.notice('Subscriptions need a channel to post to.', now);
      return this.options.subscriptions.handle(command, args, { ...conversation, channel: conversation.channel, now });
    }
    return engine.answer(text, now);
  }
}
