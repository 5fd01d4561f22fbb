import type { AnswerFact, AnswerItem } from '../domain/answer.ts';
import { fact } from '../domain/answer-builders.ts';
import { formatEvent, relative } from '../domain/dates.ts';
import { KEP_STAGES, type Kep } from '../domain/kep.ts';
import type { ScheduleEvent } from '../domain/schedule.ts';
import { entryOf } from '../domain/lookup.ts';

/** Names and labels the engine's answers share: KEPs, SIGs, dated schedule facts. Platform-neutral text. */

export const kepLabel = (number: number): string => `KEP-${number}`;

/** "alpha 1.28 → beta 1.30 → stable 1.31" from the kep.yaml milestones. */
export function stageHistory(kep: Kep): string {
  const steps = KEP_STAGES.filter((stage) => kep.milestones[stage]).map((stage) => `${stage} ${kep.milestones[stage]}`);
  return steps.length > 0 ? steps.join(' → ') : 'no stage milestones recorded';
}

const SIG_SPECIAL_NAMES: Record<string, string> = {
  cli: 'CLI',
  ui: 'UI',
  'api-machinery': 'API Machinery',
  'k8s-infra': 'K8s Infra',
};

/** "SIG Network" for "sig-network". */
export function sigName(slug: string): string {
  let text = sigNames.get(slug);
  if (text === undefined) {
    const name = slug.replace(/^sig-/, '');
    text = `SIG ${
      entryOf(SIG_SPECIAL_NAMES, name) ??
      name
        .split('-')
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join(' ')
    }`;
    if (sigNames.size < 1_000) sigNames.set(slug, text);
  }
  return text;
}

/** The few dozen SIGs, each named once. */
const sigNames = new Map<string, string>();

export function kepItem(kep: Kep, detail: string | null = null): AnswerItem {
  return { kep: kep.number, title: kep.title, stage: kep.stage, sig: kep.owningSig, url: kep.links.issue, detail };
}

/** "Code Freeze: 2024-07-24 02:00 UTC (…), in 12 days", raw: the event's instant or date. */
export function eventFact(
  event: Pick<ScheduleEvent, 'what' | 'date' | 'at'>,
  now: Date,
  label = event.what,
): AnswerFact {
  return fact(label, `${formatEvent(event)}, ${relative(event, now)}`, event.at ?? event.date);
}
