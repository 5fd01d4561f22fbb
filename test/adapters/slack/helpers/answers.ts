import { ANSWER_INTENTS, Answer, type AnswerInput, type AnswerIntent } from '../../../../src/domain/answer.ts';

const FOOTER = 'Data as of 2025-11-20 (kubernetes/enhancements 64765b4)';

export const kepItem = (
  kep: number,
  title: string,
  stage = 'stable',
  sig = 'sig-node',
  detail: string | null = null,
) => ({
  kep,
  title,
  stage,
  sig,
  url: `https://github.com/kubernetes/enhancements/issues/${kep}`,
  detail,
});

/** A realistic hand-built answer for one intent (the engine's exact wording may differ). */
export function sampleAnswer(intent: AnswerIntent): Answer {
  const base: AnswerInput = {
    intent,
    title: `Kubernetes ${intent}`,
    summary: `An answer of kind ${intent}.`,
    footer: FOOTER,
  };
  const byIntent: Partial<Record<AnswerIntent, Partial<AnswerInput>>> = {
    'release-summary': {
      title: 'Kubernetes 1.31 “Elli”',
      summary: 'Kubernetes 1.31 “Elli” was released on 2024-08-13 with 45 enhancements (11 stable, 22 beta, 12 alpha).',
      release: '1.31',
      facts: [
        { label: 'Released', value: '2024-08-13', raw: '2024-08-13' },
        { label: 'Release lead', value: 'Angelos Kolaitis' },
        { label: 'Latest patch', value: '1.31.14 (2025-11-11)' },
        { label: 'End of life', value: '2025-10-28' },
      ],
      sections: [
        {
          heading: 'Graduated to stable',
          items: [kepItem(3762, 'PersistentVolume last phase transition time', 'stable', 'sig-storage')],
        },
        {
          heading: 'New in beta',
          items: [kepItem(4222, 'CBOR serializer', 'beta', 'sig-api-machinery', 'alpha 1.30 → beta 1.31')],
        },
      ],
      links: [
        { label: 'Release announcement', url: 'https://kubernetes.io/blog/2024/08/13/kubernetes-v1-31-release/' },
      ],
      suggestions: ['what went GA in 1.31', 'schedule 1.32', 'deprecations in 1.31'],
    },
    'stage-list': {
      sections: [
        {
          heading: 'Stable in 1.31',
          items: [
            kepItem(2400, 'Node memory swap support'),
            kepItem(3017, 'PodHealthyPolicy for PDB', 'stable', 'sig-apps'),
          ],
        },
      ],
    },
    kep: {
      title: 'KEP-3836: Kube-proxy improved ingress connectivity reliability',
      facts: [
        { label: 'Stage', value: 'stable' },
        { label: 'Owning SIG', value: 'sig-network' },
      ],
      sections: [{ heading: 'History', lines: ['alpha 1.28 → beta 1.30 → stable 1.31'] }],
    },
    history: { sections: [{ heading: 'Milestones', lines: ['alpha 1.28', 'beta 1.30', 'stable 1.31'] }] },
    schedule: {
      facts: [
        { label: 'Enhancements freeze', value: '2025-10-16 02:00 UTC', raw: '2025-10-16T02:00:00Z' },
        { label: 'Code freeze', value: '2025-11-07' },
      ],
    },
    team: {
      facts: [{ label: 'Release lead', value: 'Drew Hagen' }],
      sections: [{ heading: 'Shadows', lines: ['A. Person', 'B. Person'] }],
    },
    support: { facts: [{ label: 'Supported', value: '1.32, 1.33, 1.34' }] },
    deprecations: {
      sections: [
        {
          heading: 'Removed in 1.25',
          items: [
            {
              kep: null,
              title: 'policy/v1beta1 PodSecurityPolicy',
              stage: 'removed',
              sig: null,
              url: null,
              detail: 'no replacement',
            },
          ],
        },
      ],
    },
    sig: {
      sections: [
        {
          heading: 'sig-node KEPs',
          items: [kepItem(2400, 'Node memory swap support')],
          omitted: 120,
          moreUrl: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-node',
        },
      ],
    },
    compare: {
      sections: [
        { heading: '1.30', lines: ['45 enhancements'] },
        { heading: '1.31', lines: ['45 enhancements'] },
      ],
    },
    help: { suggestions: ['1.31', 'what went GA in 1.31', 'kep 3836', 'subscribe weekly'] },
    search: {
      sections: [
        {
          heading: 'Matches',
          items: [kepItem(3836, 'Kube-proxy improved ingress connectivity reliability', 'stable', 'sig-network')],
        },
      ],
    },
    subscription: { summary: 'This channel now gets the weekly digest on Mondays.' },
    digest: { sections: [{ heading: 'This week', lines: ['Code freeze in 3 days'] }] },
    unknown: { summary: 'I did not understand that. Try `help`.' },
  };
  return Answer.parse({ ...base, ...byIntent[intent] });
}

export const everyIntent = (): Answer[] => ANSWER_INTENTS.map(sampleAnswer);

const nasty = 'Tom & Jerry <script> <!channel> <@U12345> @here ';

/** Everything as large and hostile as the schema allows. */
export function hugeAnswer(): Answer {
  const items = (section: number) =>
    Array.from({ length: 400 }, (_, i) =>
      kepItem(
        10_000 + section * 1000 + i,
        `${nasty}${'very long title '.repeat(40)}`,
        'beta',
        'sig-very-long-name',
        `${nasty}${'detail '.repeat(80)}`,
      ),
    );
  return Answer.parse({
    intent: 'sig',
    title: `${nasty}${'Header '.repeat(60)}`,
    summary: `${nasty}${'summary & more '.repeat(500)}`,
    release: '1.31',
    facts: Array.from({ length: 60 }, (_, i) => ({
      label: `${nasty}label ${i}`,
      value: `${nasty}${'value '.repeat(600)}`,
    })),
    sections: Array.from({ length: 80 }, (_, s) => ({
      heading: `${nasty}section ${s} ${'heading '.repeat(100)}`,
      lines: Array.from({ length: 20 }, () => `${nasty}${'line '.repeat(400)}`),
      facts: Array.from({ length: 15 }, (_, i) => ({ label: `fact ${i}`, value: 'x'.repeat(3000) })),
      items: items(s),
      omitted: 999,
      moreUrl: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-node',
    })),
    links: Array.from({ length: 60 }, (_, i) => ({
      label: `${nasty}link ${i}`,
      url: `https://example.com/${i}?q=a|b<c>`,
    })),
    suggestions: Array.from({ length: 60 }, (_, i) => `${nasty}suggestion \`${i}\` ${'word '.repeat(50)}`),
    footer: `${nasty}${'Data as of 2025-11-20 '.repeat(300)}`,
  });
}
