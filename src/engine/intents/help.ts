import type { Answer } from '../../domain/answer.ts';
import type { EngineIndex } from '../engine-index.ts';
import { fact, makeAnswer, section } from '../../domain/answer-builders.ts';
import type { HelpQuery } from '../kinds/help.ts';
import { helpExamples } from '../kinds/registry.ts';

/** What the bot answers about, in both help sentences. */
const TOPICS = 'Kubernetes releases, features (KEPs), schedules, release teams, support and deprecations';

export function help(query: HelpQuery, index: EngineIndex): Answer {
  const manifest = index.dataset.manifest;
  return makeAnswer(index.footer, {
    intent: 'help',
    title: 'Kubernetes release bot',
    summary:
      query.reason === 'empty'
        ? `I did not find a question in that message. Ask me about ${TOPICS}, for example “what went GA in 1.31”.`
        : `I answer questions about ${TOPICS}, from a bundled copy of the upstream data. ` +
          'Versions can be written 1.31, v1.31, 1.31.2, latest, current, next or previous.',
    facts: [
      fact('Releases', `${index.oldest} to ${index.newest}`),
      fact('KEPs', String(index.dataset.keps.length), index.dataset.keps.length),
      fact('Data as of', manifest.dataDate, manifest.dataDate),
    ],
    sections: [section('Examples', { lines: helpExamples() })],
    suggestions: [
      "what's in the latest release",
      'what went GA',
      'when is the next release',
      'which versions are supported',
    ],
  });
}
