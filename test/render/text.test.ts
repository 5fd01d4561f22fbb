import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { Answer, type AnswerInput } from '../../src/domain/answer.ts';
import { createEngine } from '../../src/engine/index.ts';
import { renderText } from '../../src/render/text.ts';

const base: AnswerInput = {
  intent: 'stage-list',
  title: 'Graduated to stable in Kubernetes 1.31',
  summary: '11 enhancements graduated to stable in Kubernetes 1.31.',
  release: '1.31',
  facts: [{ label: 'Released', value: '2024-08-13 (Tuesday)', raw: '2024-08-13' }],
  sections: [
    {
      heading: 'Release announcement',
      items: [
        {
          kep: 3836,
          title: 'Kube-proxy improved ingress connectivity reliability',
          stage: 'stable',
          sig: 'sig-network',
          url: 'https://github.com/kubernetes/enhancements/issues/3836',
          detail: null,
        },
        {
          kep: 2305,
          title: 'Metric cardinality enforcement',
          stage: 'stable',
          sig: 'sig-instrumentation',
          url: null,
          detail: 'kep.yaml says stable in 1.30',
        },
        { kep: null, title: 'A note about SHA-1 signatures', stage: null, sig: null, url: null, detail: 'deprecation' },
      ],
      lines: ['The announcement counts 11.'],
      omitted: 9,
      moreUrl: 'https://kubernetes.io/blog/2024/08/13/kubernetes-v1-31-release/',
    },
  ],
  links: [{ label: 'Release announcement', url: 'https://kubernetes.io/blog/2024/08/13/kubernetes-v1-31-release/' }],
  suggestions: ['beta features in 1.31'],
  footer: 'Data as of 2026-08-22',
};
const answer = (overrides: Partial<AnswerInput> = {}) => Answer.parse({ ...base, ...overrides });

describe('renderText', () => {
  it('renders title, summary, facts, sections, links, suggestions and footer in order', () => {
    const text = renderText(answer());
    const order = [
      'Graduated to stable in Kubernetes 1.31',
      '11 enhancements graduated',
      'Released: 2024-08-13 (Tuesday)',
      'Release announcement:',
      'Links:',
      'Try: “beta features in 1.31”',
      'Data as of 2026-08-22',
    ];
    let at = -1;
    for (const part of order) {
      const next = text.indexOf(part);
      expect(next, part).toBeGreaterThan(at);
      at = next;
    }
    expect(text.split('\n').at(-1)).toBe('Data as of 2026-08-22');
  });

  it('writes KEPs as KEP-NNNN with stage, SIG and detail', () => {
    const text = renderText(answer());
    expect(text).toContain('  - KEP-3836 Kube-proxy improved ingress connectivity reliability [stable, sig-network]');
    expect(text).toContain(
      '  - KEP-2305 Metric cardinality enforcement [stable, sig-instrumentation] — kep.yaml says stable in 1.30',
    );
    expect(text).toContain('  - A note about SHA-1 signatures — deprecation');
  });

  it('says how many items were cut and where the rest are', () => {
    expect(renderText(answer())).toContain(
      '…and 9 more: https://kubernetes.io/blog/2024/08/13/kubernetes-v1-31-release/',
    );
  });

  it('leaves out empty parts', () => {
    const text = renderText(answer({ facts: [], sections: [], links: [], suggestions: [] }));
    expect(text).toBe(
      'Graduated to stable in Kubernetes 1.31\n11 enhancements graduated to stable in Kubernetes 1.31.\n\nData as of 2026-08-22',
    );
  });

  it('never emits a live mass mention or control characters, whatever the answer holds', () => {
    const hostile = answer({
      title: '<!channel> hello @everyone',
      summary: 'ping <!here|here> and <!everyone> and @here and <!subteam^S123|@team>\u0007\u202e',
      suggestions: ['@channel'],
    });
    const text = renderText(hostile);
    for (const mention of ['<!channel>', '<!here', '<!everyone>', '@everyone', '@here', '@channel', '<!subteam'])
      expect(text).not.toContain(mention);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
  });

  it('writes every date in real answers as YYYY-MM-DD', () => {
    const engine = createEngine(loadDataset());
    const now = new Date('2024-09-01T12:00:00Z');
    const questions = [
      '1.31',
      '1.31 schedule',
      'who led 1.24',
      'is 1.28 still supported',
      'which versions are supported',
      'KEP-3836',
      'when did AppArmor go GA',
      'compare 1.30 and 1.31',
      'what breaks if I upgrade from 1.24 to 1.26',
    ];
    const monthNames =
      /\b(January|February|March|April|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?\s+\d|\b\d{1,2}(st|nd|rd|th)\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/;
    for (const question of questions) {
      const text = renderText(engine.answer(question, now));
      expect(text, question).toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
      expect(text, question).not.toMatch(monthNames);
      expect(text, question).not.toMatch(/\bKEP \d/);
    }
  });
});
