import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { DeliveryKeyStore } from '../../src/storage/store.ts';
import { RecentKeys } from './recent-keys.ts';

/** Slack retries for up to ~5 minutes (immediately, after 1 min, after 5 min); keep keys a little longer. */
const DEFAULT_TTL_MS = 10 * 60_000;
const DEFAULT_MAX_ENTRIES = 10_000;

interface EventEnvelope {
  type?: string;
  event_id?: string;
  event?: { channel?: string; ts?: string };
}

/**
 * The one key a delivery is claimed under: the message (channel and ts) when the event has one, so the
 * app_mention and message.im copies of one message and every retry of either share it; the event_id
 * otherwise. One key, because a delivery claimed under two keys one at a time can lose a different key to
 * each of two replicas receiving it at once, and then neither answers.
 */
function deliveryKey(envelope: EventEnvelope): string | null {
  const { channel, ts } = envelope.event ?? {};
  if (channel && ts) return `message:${channel}:${ts}`;
  return envelope.event_id ? `event:${envelope.event_id}` : null;
}

export interface DeliveryDedupeOptions {
  ttlMs?: number;
  maxEntries?: number;
  clock?: () => number;
  /**
   * The database every replica shares: a retry Slack delivers to another replica is answered once. Without it
   * (tests), repeats are caught within this process only.
   */
  shared?: DeliveryKeyStore;
  /** Told when the shared store could not be asked (the delivery is then answered: twice beats never). */
  onSharedError?: (error: unknown) => void;
}

/**
 * Makes sure one Slack event is answered once: repeated event_ids, the app_mention and message.im
 * copies of one message, and retries Slack sent only because our ack was slow are all dropped.
 */
export class DeliveryDedupe {
  private readonly recent: RecentKeys;
  private readonly ttlMs: number;
  private readonly clock: () => number;
  private lastPrune = 0;
  /** Deliveries dropped so far (observable in tests and logs). */
  dropped = 0;

  constructor(private readonly options: DeliveryDedupeOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.clock = options.clock ?? Date.now;
    this.recent = new RecentKeys(this.ttlMs, options.maxEntries ?? DEFAULT_MAX_ENTRIES, this.clock);
  }

  readonly middleware: Middleware<AnyMiddlewareArgs> = async ({ body, context, next, logger }) => {
    const envelope = body as EventEnvelope;
    if (envelope.type !== 'event_callback') return next();
    const key = deliveryKey(envelope);
    // A retry after our ack timed out means the first delivery reached us (maybe a previous process).
    const retriedAfterTimeout = context.retryNum !== undefined && context.retryReason === 'http_timeout';
    if (retriedAfterTimeout || (key !== null && !(await this.claim(key)))) {
      this.dropped += 1;
      logger.debug(
        `dropped repeated Slack delivery ${envelope.event_id ?? ''} (retry ${String(context.retryNum ?? 0)})`,
      );
      return;
    }
    await next();
  };

  /** Claims the key in this process first (cheap), then in the shared store. */
  private async claim(key: string): Promise<boolean> {
    if (!this.recent.claim(key)) return false;
    if (!this.options.shared) return true;
    const now = new Date(this.clock());
    try {
      const won = await this.options.shared.claimDeliveryKey(key, this.ttlMs, now);
      this.pruneNowAndThen(now);
      return won;
    } catch (error) {
      this.options.onSharedError?.(error);
      return true;
    }
  }

  private pruneNowAndThen(now: Date): void {
    if (now.getTime() - this.lastPrune < this.ttlMs) return;
    this.lastPrune = now.getTime();
    this.options.shared!.pruneDeliveryKeys(now).catch((error: unknown) => this.options.onSharedError?.(error));
  }
}
