import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
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
 * Makes sure one Slack event is answered once: repeated event_ids, the app_mention and message.im
 * copies of one message, and retries Slack sent only because our ack was slow are all dropped.
 */
export class DeliveryDedupe {
  private readonly recent: RecentKeys;
  /** Deliveries dropped so far (observable in tests and logs). */
  dropped = 0;

  constructor(options: { ttlMs?: number; maxEntries?: number; clock?: () => number } = {}) {
    this.recent = new RecentKeys(options.ttlMs ?? DEFAULT_TTL_MS, options.maxEntries ?? DEFAULT_MAX_ENTRIES, options.clock);
  }

  readonly middleware: Middleware<AnyMiddlewareArgs> = async ({ body, context, next, logger }) => {
    const envelope = body as EventEnvelope;
    if (envelope.type !== 'event_callback') return next();
    const keys = [
      envelope.event_id ? `event:${envelope.event_id}` : null,
      envelope.event?.channel && envelope.event.ts ? `message:${envelope.event.channel}:${envelope.event.ts}` : null,
    ].filter((key): key is string => key !== null);
    // Claim every key (not just until the first repeat) so a later copy is caught by either.
    const repeated = keys.map((key) => this.recent.claim(key)).includes(false);
    // A retry after our ack timed out means the first delivery reached us (maybe a previous process).
    const retriedAfterTimeout = context.retryNum !== undefined && context.retryReason === 'http_timeout';
    if (repeated || retriedAfterTimeout) {
      this.dropped += 1;
      logger.debug(`dropped repeated Slack delivery ${envelope.event_id ?? ''} (retry ${String(context.retryNum ?? 0)})`);
      return;
    }
    await next();
  };
}
