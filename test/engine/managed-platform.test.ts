import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import type { PlatformId } from '../../src/domain/platform.ts';
import { buildIndex, type EngineIndex } from '../../src/engine/engine-index.ts';
import { managedPlatform, standingAt } from '../../src/engine/intents/managed-platform.ts';
import type { ManagedPlatformQuery } from '../../src/engine/kinds/managed-platform.ts';

let index: EngineIndex;
beforeAll(() => {
  index = buildIndex(loadDataset());
});

const notes = { corrections: [], truncated: false, stripped: false };
const ask = (
  platform: PlatformId | null,
  cycle: string | null,
  what: ManagedPlatformQuery['ask'],
  now = '2026-11-21T12:00:00Z',
) => managedPlatform({ kind: 'managed-platform', platform, cycle, ask: what, notes }, index, new Date(now));

describe('managed platforms on the bundled endoflife.date data', () => {
  it('holds 91 platform cycles over EKS, AKS, GKE, OpenShift and ACK', () => {
    expect(index.dataset.platforms.map((platform) => [platform.shortName, platform.cycles.length])).toEqual([
      ['EKS', 19],
      ['AKS', 16],
      ['GKE', 20],
      ['OpenShift', 22],
      ['ACK', 14],
    ]);
    expect(index.dataset.manifest.counts.platformCycles).toBe(91);
  });

  it('when does GKE 1.31 leave standard support? — before and after the date', () => {
    expect(ask('google-kubernetes-engine', '1.31', 'standard-end', '2025-12-01T00:00:00Z').summary).toMatch(
      /^GKE 1\.31 leaves standard support on 2026-01-16 \(Friday\), in /,
    );
    expect(ask('google-kubernetes-engine', '1.31', 'standard-end').summary).toMatch(
      /^GKE 1\.31 left standard support on 2026-01-16/,
    );
  });

  it.each([
    ['2026-07-28T12:00:00Z', /^No — EKS 1\.33 is in standard support until 2026-07-29/],
    ['2026-07-29T12:00:00Z', /^Yes — EKS 1\.33 is in extended support until 2027-07-29/],
    [
      '2027-07-29T12:00:00Z',
      /^No — EKS 1\.33 is out of extended support since 2027-07-29; its extended support ended 2027-07-29/,
    ],
  ])('is 1.33 on extended support in EKS at %s?', (now, expected) => {
    expect(ask('amazon-eks', '1.33', 'extended', now).summary).toMatch(expected);
  });

  it('which AKS versions have long-term support: 1.27 onwards, and which still are', () => {
    const answer = ask('azure-kubernetes-service', null, 'extended-list');
    expect(answer.summary).toMatch(
      /^10 AKS versions have long-term support \(LTS\) in the data: 1\.27, 1\.28, .*1\.36\./,
    );
    expect(answer.summary).toContain('As of 2026-11-21, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36 are still covered.');
    expect(answer.facts.map((f) => f.label)).not.toContain('1.26');
  });

  it('GKE has no extended-support dates in the data, and says so instead of guessing', () => {
    expect(ask('google-kubernetes-engine', '1.33', 'extended').summary).toMatch(
      /^The data has no extended-support phase for Google Kubernetes Engine/,
    );
    expect(ask('google-kubernetes-engine', '1.31', 'status').summary).toContain(
      'out of standard support since 2026-01-16',
    );
  });

  it('answers OpenShift in its own numbering and never maps a Kubernetes minor onto it', () => {
    const own = ask('red-hat-openshift', '4.18', 'status');
    expect(own.summary).toMatch(/^OpenShift 4\.18 is in Extended Update Support until 2027-02-25/);
    expect(own.release).toBeNull();
    const kubernetes = ask('red-hat-openshift', '1.31', 'status');
    expect(kubernetes.summary).toContain(
      'numbers its releases 4.1–4.22, and the data does not say which Kubernetes minor each one ships',
    );
  });

  it('an unknown platform version gets an honest "no data" with the range covered', () => {
    expect(ask('google-kubernetes-engine', '1.15', 'status').summary).toBe(
      'The data (endoflife.date as of 2026-08-22) has no Google Kubernetes Engine 1.15 cycle: it covers 1.17–1.36.',
    );
    expect(ask('alibaba-ack', '1.29', 'standard-end').title).toBe('No ACK 1.29 in the data');
  });

  it('one Kubernetes minor across the platforms, OpenShift noted apart', () => {
    const answer = ask(null, '1.31', 'status');
    expect(answer.summary).toContain('EKS in extended support until 2026-11-26');
    expect(answer.summary).toContain('GKE out of standard support since 2026-01-16');
    expect(answer.sections.map((s) => s.heading)).toEqual([
      'Amazon EKS',
      'Azure Kubernetes Service',
      'Google Kubernetes Engine',
      'Alibaba ACK',
      'Not in the data',
    ]);
  });

  it('supported cycles at a moment: EKS on 2026-01-01', () => {
    const answer = ask('amazon-eks', null, 'supported', '2026-01-01T00:00:00Z');
    expect(answer.summary).toMatch(/^As of 2026-01-01, EKS supports 1\.29, 1\.30, 1\.31, 1\.32, 1\.33, 1\.34 \(/);
  });

  it('a cycle not yet released is upcoming, not supported', () => {
    const cycle = index.dataset.platforms
      .find((platform) => platform.id === 'amazon-eks')!
      .cycles.find((entry) => entry.cycle === '1.36')!;
    expect(standingAt(cycle, '2026-05-01').phase).toBe('upcoming');
    expect(standingAt(cycle, '2026-06-02').phase).toBe('standard');
  });
});
