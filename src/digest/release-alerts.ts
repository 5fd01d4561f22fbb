import type { Answer } from '../domain/answer.ts';
import type { Dataset } from '../domain/dataset.ts';
import { releaseAlertAnswer } from './answers/release-alert.ts';
import type { DueDigest } from './due.ts';
import type { ReleaseChange } from './release-events.ts';
import { canonicalZone } from './time.ts';
import { wantsReleaseEvent, type Subscription } from '../domain/subscription.ts';

export interface ReleaseAlertOptions {
  /** When the refresh saw the changes; the alert is scheduled then and posted within the grace window. */
  detectedAt: Date;
  graceHours: number;
  dataset: Pick<Dataset, 'manifest'>;
}

/**
 * The alert each `releases` subscriber gets for each change it asked for. The occurrence key names the
 * change, not the refresh, so however many replicas or restarts see the change, the claim table lets one
 * post it once. Channels that subscribed after the change was seen get nothing (no back-fill).
 */
export function releaseAlertsDue(
  subscriptions: readonly Subscription[],
  changes: readonly ReleaseChange[],
  options: ReleaseAlertOptions,
): DueDigest[] {
  const graceEndsAt = new Date(options.detectedAt.getTime() + Math.max(options.graceHours, 1) * 3_600_000);
  const due: DueDigest[] = [];
  for (const subscription of subscriptions) {
    if (subscription.pausedAt || !subscription.releases || subscription.createdAt > options.detectedAt) continue;
    const zone = canonicalZone(subscription.timeZone);
    if (!zone) continue;
    for (const change of changes) {
      if (!wantsReleaseEvent(subscription.releases, change.event, change.version)) continue;
      let answer: Answer | undefined;
      due.push({
        occurrenceKey: `sub:${subscription.id}:release:${change.key}`,
        subscription,
        get answer() {
          answer ??= releaseAlertAnswer({ change, zone, now: options.detectedAt, dataset: options.dataset });
          return answer;
        },
        scheduledAt: options.detectedAt,
        graceEndsAt,
        type: 'release',
      });
    }
  }
  return due;
}
