import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, plainText, summaryFromReadme, truncateText } from '../../src/import/markdown.ts';

// Real KEP READMEs (kubernetes/enhancements 64765b4): the GitHub-reader fixture tree holds 3836; the others sit apart.
const readme = (path: string) =>
  readFileSync(
    path.startsWith('sig-network/')
      ? `test/fixtures/upstream/kubernetes-enhancements/keps/${path}/README.md`
      : `test/fixtures/kep-readmes/${path}/README.md`,
    'utf8',
  );

describe('KEP README summaries (real READMEs)', () => {
  it('KEP-2340: list items under "so long as:" stay apart, and the next paragraph starts a new sentence', () => {
    const summary = summaryFromReadme(readme('2340-Consistent-reads-from-cache'));
    expect(summary).toMatch(
      /^Consistent reads may be served from cache so long as: A consistent \(quorum\) read is first made to etcd/,
    );
    expect(summary).toContain(
      'to get the latest "revision"; The data in the watch cache no older than the latest "revision" just from etcd. etcd watches',
    );
    expect(summary).not.toContain('"revision" The data');
    // The reference link "[bookmarkable]" reads as its text; its definition is not summary text.
    expect(summary).not.toMatch(/\[bookmarkable\]|etcd\.io/);
  });

  it('KEP-2804: a list of kinds reads as a list', () => {
    expect(summaryFromReadme(readme('2804-consolidate-workload-controllers-status'))).toContain(
      'for: Deployment; DaemonSet; ReplicaSet & ReplicationController; StatefulSet; Job.',
    );
  });

  it('KEP-3836: a plain Summary section is its paragraphs', () => {
    const summary = summaryFromReadme(readme('sig-network/3836-kube-proxy-improved-ingress-connectivity-reliability'));
    expect(summary).toMatch(
      /^The service controller in the Kubernetes cloud controller manager \(KCCM\) configures the load balancer/,
    );
  });
});

describe('the Markdown helpers', () => {
  it('takes the "## Summary" section up to the next heading of the same level, without its sub-headings', () => {
    const text =
      '# T\n\n## Table of Contents\n- [Summary](#summary)\n\n## Summary\n\nFirst **bold** [link](http://x).\n\n### Sub\nmore\n\n## Motivation\nno';
    expect(summaryFromReadme(text)).toBe('First bold link. more.');
  });

  it('falls back to the first prose paragraph when there is no Summary heading', () => {
    const text =
      '# Title\n\n<!-- toc -->\n- [x](#x)\n\n## Background\n\nThis KEP proposes a rather long first paragraph of prose to describe itself.\n';
    expect(summaryFromReadme(text)).toBe(
      'This KEP proposes a rather long first paragraph of prose to describe itself.',
    );
  });

  it('drops HTML comments, tags, code blocks and link targets; keeps code spans', () => {
    const root = parseMarkdown(
      'Use `kubectl` and [the docs](https://k8s.io) <!-- hidden --><br>here\n\n```\ncode\n```\n\n- *item*\n- __two__',
    );
    expect(plainText(root.children)).toBe('Use kubectl and the docs here. item; two.');
  });

  it('reads GFM tables row by row', () => {
    expect(plainText(parseMarkdown('| a | b |\n| --- | --- |\n| c | d |').children)).toBe('a b. c d.');
  });

  it('cuts long text at a sentence or word boundary', () => {
    const sentence = 'Alpha beta gamma delta. ';
    expect(truncateText(sentence.repeat(40), 600).length).toBeLessThanOrEqual(600);
    expect(truncateText(sentence.repeat(40), 600)).toMatch(/delta\.$/);
    expect(truncateText('word '.repeat(200), 100)).toMatch(/word…$/);
    expect(truncateText('short', 600)).toBe('short');
  });
});
