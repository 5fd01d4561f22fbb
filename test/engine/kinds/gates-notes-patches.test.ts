// The feature-gate, upgrade and patch-schedule kinds, question → answer on the REAL bundled dataset.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/load.ts';
import type { AnswerIntent } from '../../../src/domain/answer.ts';
import { createEngine } from '../../../src/engine/index.ts';
import { survivingReplacement } from '../../../src/engine/kinds/upgrade.ts';
import { renderText } from '../../../src/render/text.ts';

const engine = createEngine(loadDataset());
/** The patch schedule's own time: 1.36.2 and friends are next. */
const MAY_2026 = new Date('2026-05-20T12:00:00Z');
/** Past every date the schedule plans. */
const LATER = new Date('2026-11-21T12:00:00Z');

interface Case {
  q: string;
  intent: AnswerIntent;
  /** Facts the first line (the summary) must hold. */
  first: string[];
  /** Facts anywhere in the answer. */
  has?: string[];
  not?: string[];
  now?: Date;
}

const cases: Case[] = [
  // Feature gates: the spec in force is the last entry at or before the release.
  {
    q: 'JobManagedBy — on by default in 1.31?',
    intent: 'feature-gate',
    first: ['No — JobManagedBy is off by default in 1.31', 'alpha since 1.30', '--feature-gates=JobManagedBy=true'],
    has: ['KEP-4368'],
  },
  {
    q: 'is JobManagedBy enabled by default in 1.32',
    intent: 'feature-gate',
    first: ['Yes', 'beta since 1.32', 'locks to its default in 1.35'],
  },
  {
    q: 'when did CRDValidationRatcheting lock to default?',
    intent: 'feature-gate',
    first: ['CRDValidationRatcheting was locked to its default in 1.33', 'GA, locked on'],
  },
  {
    q: 'can I still turn off CRDValidationRatcheting in 1.33',
    intent: 'feature-gate',
    first: ['No — CRDValidationRatcheting is locked to its default in 1.33'],
  },
  {
    q: 'do I need to enable InPlacePodVerticalScaling on 1.32',
    intent: 'feature-gate',
    first: ['Yes — InPlacePodVerticalScaling is off by default in 1.32', 'alpha'],
  },
  {
    q: 'which gates are beta but off by default in 1.34?',
    intent: 'feature-gate',
    first: ['14 feature gates are beta and off by default in 1.34', 'ClusterTrustBundle'],
  },
  {
    q: 'gates removed or locked between 1.30 and 1.33',
    intent: 'feature-gate',
    first: ['Between 1.30 and 1.33', '37 gates locked to their default', 'DevicePluginCDIDevices (1.31)'],
  },
  {
    q: 'which gates were locked to default in 1.33',
    intent: 'feature-gate',
    first: ['In 1.33'],
    has: ['NFTablesProxyMode', 'CRDValidationRatcheting'],
  },
  // The 1.33-cycle list gives SidecarContainers; it is gone from the 1.37-cycle list.
  {
    q: 'SidecarContainers gate default in 1.28',
    intent: 'feature-gate',
    first: ['No — SidecarContainers is off by default in 1.28'],
    has: ['removed from the code after the 1.33 list'],
  },
  { q: 'SidecarContainers default in 1.37', intent: 'feature-gate', first: ['SidecarContainers is gone in 1.37'] },
  // Only the unversioned list has it: say what it says, claim no release.
  {
    q: 'WatchBookmark default in 1.30',
    intent: 'feature-gate',
    first: ['no versioned data for WatchBookmark', 'without saying since when'],
  },
  {
    q: 'NodeSwap default in 1.8?',
    intent: 'feature-gate',
    first: ['NodeSwap does not exist yet in 1.8', 'first appears in 1.22'],
  },
  // A gate no list has: honest "no data", never a guess (PodSecurityPolicy is named by kep.yaml only).
  {
    q: 'is the PodSecurity gate on by default in 1.20',
    intent: 'feature-gate',
    first: ['PodSecurity'],
    not: ['Yes —'],
  },

  // Upgrade report: counts first, then items with PR links, grouped by release.
  {
    q: 'upgrade from 1.31 to 1.33',
    intent: 'upgrade',
    first: [
      'Upgrading 1.31 → 1.33 crosses 2 minor releases',
      'urgent upgrade note',
      'API version',
      '1.31 → 1.32 → 1.33',
    ],
    has: ['1.33 — urgent upgrade notes (action required)', 'NFTablesProxyMode'],
  },
  {
    q: 'what breaks if I upgrade from 1.24 to 1.26',
    intent: 'upgrade',
    first: ['crosses 2 minor releases'],
    has: ['policy/v1beta1', 'PodSecurityPolicy', '1.26 — urgent upgrade notes', '#111973'],
  },
  // v1beta2 of flowcontrol is itself removed by 1.29: the replacement that survives the span is v1beta3.
  {
    q: 'upgrade 1.25 to 1.29',
    intent: 'upgrade',
    first: ['1.25 → 1.26 → 1.27 → 1.28 → 1.29'],
    has: [
      'flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema, PriorityLevelConfiguration',
      'use flowcontrol.apiserver.k8s.io/v1beta3 (not flowcontrol.apiserver.k8s.io/v1beta2: removed by 1.29 too)',
    ],
  },
  {
    q: 'what breaks if I upgrade from 1.36 to 1.37',
    intent: 'upgrade',
    first: ['v1.37.0-rc.0 draft, not the final release notes'],
    has: ['#117119'],
  },
  { q: 'urgent upgrade notes for 1.33', intent: 'upgrade', first: ['Upgrading 1.32 → 1.33'], has: ['#130711'] },
  { q: 'upgrade from 1.36 to 1.30', intent: 'upgrade', first: ['downgrade'] },
  { q: 'upgrade from 1.21 to 1.25', intent: 'upgrade', first: ['crosses 4 minor releases'], has: ['…and', 'more'] },

  // Patch schedule.
  {
    q: 'next 1.36 patch date?',
    now: MAY_2026,
    intent: 'patch-schedule',
    first: ['The next 1.36 patch, 1.36.2, is planned for 2026-06-09', 'cherry-pick deadline 2026-06-05'],
  },
  {
    q: 'cherry-pick cutoff for the June patches',
    now: MAY_2026,
    intent: 'patch-schedule',
    first: ['June patch releases are planned for 2026-06-09', 'cherry-pick deadline 2026-06-05', '1.36.2'],
  },
  { q: 'when did 1.34.3 ship', intent: 'patch-schedule', first: ['Kubernetes 1.34.3 was released on 2025-12-09'] },
  {
    q: 'was there a delay on the 1.35.6 patch',
    intent: 'patch-schedule',
    first: ['released on 2026-06-11', "the schedule's target was 2026-06-09, 2 days later"],
  },
  // No future date in the data: say so, give the data date, never call a past patch "next".
  {
    q: 'when is the next 1.36 patch',
    now: LATER,
    intent: 'patch-schedule',
    first: ['The data has no future patch date for 1.36 (data as of 2026-08-22)', '1.36.4'],
    not: ['The next 1.36 patch'],
  },
  {
    q: 'next patch for 1.30',
    now: LATER,
    intent: 'patch-schedule',
    first: ['Kubernetes 1.30 is end of life', 'no more patches', '1.30.14'],
  },
  { q: '1.36.5 when?', now: LATER, intent: 'patch-schedule', first: ['No data for 1.36.5', '1.36.4'] },
];

describe('feature gates, upgrade reports and the patch schedule on the bundled data', () => {
  it.each(cases)('$q', ({ q, intent, first, has = [], not = [], now = LATER }) => {
    const answer = engine.answer(q, now);
    const text = renderText(answer);
    expect(answer.intent, text).toBe(intent);
    for (const fact of first) expect(answer.summary, text).toContain(fact);
    for (const fact of has) expect(text).toContain(fact);
    for (const fact of not) expect(text).not.toContain(fact);
  });

  it('the gate list question and the upgrade report stay inside the platform limits with a link to the rest', () => {
    const answer = engine.answer('upgrade from 1.18 to 1.25', LATER);
    const cut = answer.sections.filter((part) => part.omitted > 0);
    expect(cut.length).toBeGreaterThan(0);
    for (const part of cut) expect(part.moreUrl).toMatch(/^https:\/\//);
    expect(answer.sections.every((part) => part.items.length <= 16)).toBe(true);
    const urgent = answer.sections
      .filter((part) => part.heading.includes('urgent upgrade notes'))
      .flatMap((part) => part.items);
    expect(
      urgent
        .filter((item) => item.url)
        .every((item) => /^https:\/\/github\.com\/kubernetes\/kubernetes\/pull\/\d+$/.test(item.url!)),
    ).toBe(true);
    expect(urgent.some((item) => item.url)).toBe(true);
  });

  it('follows a replacement that is itself removed within the span', () => {
    const apis = engine.index.apis;
    const v1beta1 = apis.find(
      (api) => api.apiVersion === 'flowcontrol.apiserver.k8s.io/v1beta1' && api.kind === 'FlowSchema',
    )!;
    expect(survivingReplacement(apis, v1beta1, '1.26').replacement).toBe('flowcontrol.apiserver.k8s.io/v1beta2');
    expect(survivingReplacement(apis, v1beta1, '1.32')).toEqual({
      replacement: 'flowcontrol.apiserver.k8s.io/v1',
      via: ['flowcontrol.apiserver.k8s.io/v1beta2', 'flowcontrol.apiserver.k8s.io/v1beta3'],
    });
  });

  it('the corrected deprecated-API facts reach the deprecations answers', () => {
    expect(renderText(engine.answer('deprecations in 1.29', LATER))).toContain('flowcontrol.apiserver.k8s.io/v1beta3');
    expect(renderText(engine.answer('what was removed in 1.23', LATER))).toContain(
      'rbac.authorization.k8s.io/v1alpha1',
    );
    expect(renderText(engine.answer('what was removed in 1.26', LATER))).not.toContain('FlowControl flowcontrol');
  });
});
