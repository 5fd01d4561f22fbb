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
 * Keys are checked in this process first (cheap), then claimed in the shared store.
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
    const keys = [
      envelope.event_id ? `event:${envelope.event_id}` : null,
      envelope.event?.channel && envelope.event.ts ? `message:${envelope.event.channel}:${envelope.event.ts}` : null,
    ].filter((key): key is string => key !== null);
    // A retry after our ack timed out means the first delivery reached us (maybe a previous process).
    const retriedAfterTimeout = context.retryNum !== undefined && context.retryReason === 'http_timeout';
    if (retriedAfterTimeout || !(await this.claimAll(keys))) {
      this.dropped += 1;
      logger.debug(
        `dropped repeated Slack delivery ${envelope.event_id ?? ''} (retry ${String(context.retryNum ?? 0)})`,
      );
      return;
    }
    await next();
  };

  /** Claims every key (not just until the first repeat) so a later copy is caught by either. */
  private async claimAll(keys: string[]): Promise<boolean> {
    const locallyNew = keys.map((key) => this.recent.claim(key)).every(Boolean);
    if (!locallyNew || !this.options.shared) return locallyNew;
    const now = new Date(this.clock());
    try {
      const won = await Promise.all(keys.map((key) => this.options.shared!.claimDeliveryKey(key, this.ttlMs, now)));
      this.pruneNowAndThen(now);
      return won.every(Boolean);
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
