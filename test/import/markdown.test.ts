import { describe, expect, it } from 'vitest';
import { extractSummarySection, stripMarkdown, summaryFromReadme, truncateText } from '../../src/import/markdown.ts';

describe('KEP README summaries', () => {
  it('takes the "## Summary" section up to the next heading of the same level', () => {
    const readme = '# T\n\n## Table of Contents\n- [Summary](#summary)\n\n## Summary\n\nFirst **bold** [link](http://x).\n\n### Sub\nmore\n\n## Motivation\nno';
    expect(extractSummarySection(readme)).toBe('First **bold** [link](http://x).\n\n### Sub\nmore');
  });

  it('falls back to the first prose paragraph when there is no Summary heading', () => {
    const readme = '# Title\n\n<!-- toc -->\n- [x](#x)\n\n## Background\n\nThis KEP proposes a rather long first paragraph of prose to describe itself.\n';
    expect(summaryFromReadme(readme)).toBe('This KEP proposes a rather long first paragraph of prose to describe itself.');
  });

  it('strips markdown, HTML comments, code and link targets', () => {
    expect(stripMarkdown('Use `kubectl` and [the docs](https://k8s.io) <!-- hidden -->\n\n```\ncode\n```\n- *item* __two__')).toBe(
      'Use kubectl and the docs item two',
    );
  });

  it('cuts long text at a sentence or word boundary', () => {
    const sentence = 'Alpha beta gamma delta. ';
    expect(truncateText(sentence.repeat(40), 600).length).toBeLessThanOrEqual(600);
    expect(truncateText(sentence.repeat(40), 600)).toMatch(/delta\.$/);
    expect(truncateText('word '.repeat(200), 100)).toMatch(/word…$/);
    expect(truncateText('short', 600)).toBe('short');
  });
});
