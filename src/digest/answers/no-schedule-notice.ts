import type { Answer } from '../../domain/answer.ts';
import type { Dataset } from '../../domain/dataset.ts';
import type { Schedule } from '../../domain/schedule.ts';
import { cycleBounds } from '../cycle.ts';
import { dataFooter } from '../../domain/manifest.ts';

/** Said once per gap in the data: reminders stop until a schedule for the next cycle is imported. */
export function noScheduleNoticeAnswer({
  latest,
  dataset,
}: {
  latest: Schedule | null;
  dataset: Pick<Dataset, 'manifest'>;
}): Answer {
  const bounds = latest ? cycleBounds(latest) : null;
  const known =
    latest && bounds ? ` The newest schedule it has is for ${latest.version} (release day ${bounds.release}).` : '';
  return {
    intent: 'digest',
    title: 'No release schedule for the current cycle',
    summary: `The bot's data has no release schedule for the current Kubernetes cycle, so there are no milestone reminders for now.${known} Reminders resume once the data includes the next schedule; this notice is not repeated.`,
    release: null,
    facts: latest ? [{ label: 'Newest known schedule', value: latest.version, raw: latest.version }] : [],
    sections: [],
    links: latest ? [{ label: `Kubernetes ${latest.version} release schedule`, url: latest.url }] : [],
    suggestions: ['which releases are supported?'],
    footer: dataFooter(dataset.manifest),
  };
}
