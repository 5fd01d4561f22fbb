import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Answer } from './domain/answer.ts';
import type { Platform } from './domain/channel.ts';
import type { RefreshAttempt } from './live/refresh.ts';
import type { SnapshotSource } from './live/snapshot.ts';
import { dataAgeSeconds } from './live/status.ts';

export const METRICS_PATH = '/metrics';

/** An answer that says the bot could not answer: the engine's failure reply, or search's "No match for …". */
const isUnanswered = (answer: Answer): boolean =>
  answer.intent === 'unknown' || answer.title.startsWith('No match for');

/**
 * The bot's Prometheus metrics, on a registry of its own (no global state, so tests and several apps in
 * one process never share counters). Observations come from the Bot, the digest scheduler and the refresh.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly questions = new Counter({
    name: 'k8s_release_bot_questions_total',
    help: 'Questions answered, by the kind (answer intent) they were answered as.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly unanswered = new Counter({
    name: 'k8s_release_bot_unanswered_total',
    help: 'Questions the bot found no match for.',
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'k8s_release_bot_answer_duration_seconds',
    help: 'Time to answer a question, from text in to Answer out.',
    labelNames: ['kind'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  private readonly digests = new Counter({
    name: 'k8s_release_bot_digest_posts_total',
    help: 'Digest and alert posts, by platform and outcome (posted or failed).',
    labelNames: ['platform', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly refreshes = new Counter({
    name: 'k8s_release_bot_refresh_attempts_total',
    help: 'Data refresh attempts, by result (updated, unchanged, failed).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor(data: SnapshotSource, clock: () => Date = () => new Date()) {
    new Gauge({
      name: 'k8s_release_bot_data_age_seconds',
      help: "Seconds since the served data's date (its newest upstream commit).",
      registers: [this.registry],
      collect() {
        this.set(dataAgeSeconds(data.current().dataset.manifest.dataDate, clock()));
      },
    });
  }

  answered(answer: Answer, elapsedMs: number): void {
    this.questions.inc({ kind: answer.intent });
    if (isUnanswered(answer)) this.unanswered.inc();
    this.latency.observe({ kind: answer.intent }, elapsedMs / 1000);
  }

  delivered(platform: Platform, outcome: 'posted' | 'failed'): void {
    this.digests.inc({ platform, outcome });
  }

  refreshed(attempt: RefreshAttempt): void {
    this.refreshes.inc({ result: attempt.result });
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
