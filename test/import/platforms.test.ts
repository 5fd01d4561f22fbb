import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLATFORM_IDS } from '../../src/domain/platform.ts';
import { importDataset } from '../../src/import/import.ts';
import { parseOverrides } from '../../src/import/overrides.ts';
import { parsePlatform } from '../../src/import/platforms.ts';
import { createLocalReader } from '../../src/import/readers/local.ts';

const fixture = (id: string) => `test/fixtures/shared-mini/upstream/endoflife.date/products/${id}.md`;
const parse = (id: (typeof PLATFORM_IDS)[number], text = readFileSync(fixture(id), 'utf8')) =>
  parsePlatform(id, text, fixture(id));

describe('endoflife.date managed-platform products (real files)', () => {
  it('imports every cycle of the five products: 91 in all', () => {
    const counts = Object.fromEntries(PLATFORM_IDS.map((id) => [id, parse(id).cycles.length]));
    expect(counts).toEqual({
      'amazon-eks': 19,
      'azure-kubernetes-service': 16,
      'google-kubernetes-engine': 20,
      'red-hat-openshift': 22,
      'alibaba-ack': 14,
    });
  });

  it('maps eoas/eol/eoes to each platform’s phases', () => {
    const eks = parse('amazon-eks').cycles.find((cycle) => cycle.cycle === '1.33')!;
    expect(eks).toMatchObject({
      kubernetes: '1.33',
      releaseDate: '2025-05-28',
      ends: { active: null, standard: '2026-07-29', extended: '2027-07-29' },
    });
    const gke = parse('google-kubernetes-engine');
    expect(gke.phases).toMatchObject({ standard: 'standard support', extended: null });
    expect(gke.cycles.find((cycle) => cycle.cycle === '1.31')!.ends).toEqual({
      active: '2025-11-30',
      standard: '2026-01-16',
      extended: null,
    });
    const aks = parse('azure-kubernetes-service');
    expect(
      aks.cycles
        .filter((cycle) => cycle.ends.extended)
        .map((cycle) => cycle.cycle)
        .at(-1),
    ).toBe('1.27');
  });

  it('keeps OpenShift in its own 4.x numbering, with no invented Kubernetes minor', () => {
    const openshift = parse('red-hat-openshift');
    expect(openshift.numbering).toBe('own');
    expect(openshift.cycles[0]).toMatchObject({
      cycle: '4.22',
      kubernetes: null,
      latest: { version: '4.22.9', date: '2026-08-11' },
    });
    expect(openshift.cycles.every((cycle) => cycle.kubernetes === null)).toBe(true);
  });

  it('names the file and field of a malformed cycle', () => {
    const broken = readFileSync(fixture('alibaba-ack'), 'utf8').replace('releaseCycle: "1.33"', 'releaseCycle: "1.x"');
    expect(() => parse('alibaba-ack', broken)).toThrow(
      /alibaba-ack\.md: releases\[1\]\.releaseCycle: expected a cycle like "1\.31"/,
    );
    const badDate = readFileSync(fixture('amazon-eks'), 'utf8').replace('eol: 2027-08-02', 'eol: 2027-13-02');
    expect(() => parse('amazon-eks', badDate)).toThrow(/amazon-eks\.md: releases\[0\]\.eol/);
  });
});

describe('the importer', () => {
  it('puts the platforms and the checked policies into the dataset and counts them in the manifest', async () => {
    const overrides = parseOverrides(readFileSync('data/overrides.yaml', 'utf8'), 'data/overrides.yaml');
    const { dataset } = await importDataset(createLocalReader('test/fixtures/shared-mini'), { overrides });
    expect(dataset.platforms.map((platform) => platform.shortName)).toEqual(['EKS', 'AKS', 'GKE', 'OpenShift', 'ACK']);
    expect(dataset.manifest.counts).toMatchObject({ platformCycles: 91, policyStatements: 18 });
    expect(dataset.policies.versionSkew.rules.length).toBe(6);
  });
});
