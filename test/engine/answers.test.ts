// Question → answer, through parse + execute + renderText, against the REAL bundled dataset.
// Each case names the facts (KEP numbers, dates, names) the answer must contain.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { Answer, type AnswerIntent } from '../../src/domain/answer.ts';
import { createEngine, type Engine } from '../../src/engine/index.ts';
import { renderText } from '../../src/render/text.ts';

/** Six weeks before 1.31 shipped: its kep.yaml milestones are still plans. */
const BEFORE_131 = new Date('2024-07-01T12:00:00Z');
/** Just after 1.31 shipped (1.31 is the latest release; the 1.32 cycle has not started). */
const AFTER_131 = new Date('2024-09-01T12:00:00Z');
/** Mid 1.32 cycle, before its enhancements freeze. */
const MID_132 = new Date('2024-10-01T00:00:00Z');
/** 1.32 is out, the 1.33 cycle under way: kep.yaml targets for 1.33 are plans known at the time. */
const IN_133_CYCLE = new Date('2025-02-01T12:00:00Z');
/** The data's own date: 1.36 is out, 1.37 is four days away. */
const DATA_DATE = new Date('2026-08-22T12:00:00Z');
/** Past 1.37's planned date, which the data cannot confirm. */
const LATER = new Date('2026-11-21T12:00:00Z');

interface Case {
  q: string;
  has: string[];
  intent?: AnswerIntent;
  now?: Date;
  not?: string[];
}

const MASS_MENTIONS = ['<!channel>', '<!here>', '<!everyone>', '@everyone', '@here', '@channel'];

const cases: Case[] = [
  // 1. Release summaries, every way of writing a version
  {
    q: '1.31',
    intent: 'release-summary',
    has: ['Elli', '2024-08-13', 'Angelos Kolaitis', '45 enhancements (11 stable, 22 beta, 12 alpha)', 'KEP-3836'],
  },
  { q: 'v1.31', intent: 'release-summary', has: ['Elli', '2024-08-13'] },
  { q: '1,31', intent: 'release-summary', has: ['Elli', '2024-08-13'] },
  { q: '1.31.2', intent: 'release-summary', has: ['Elli', 'Patch 1.31.2: released 2024-10-22'] },
  { q: '1.31.99', intent: 'release-summary', has: ['Patch 1.31.99: not in the data', '1.31.14'] },
  {
    q: 'tell me about 1.24',
    intent: 'release-summary',
    has: [
      'Stargazer',
      '2022-05-03',
      'James Laverack',
      '46 enhancements (14 stable, 15 beta, 13 alpha)',
      'end of life (since 2023-07-28)',
    ],
  },
  { q: 'kubernetes 1.24', intent: 'release-summary', has: ['Stargazer'] },
  {
    q: "what's in the latest release",
    intent: 'release-summary',
    has: ['As of 2024-09-01, the latest release is Kubernetes 1.31 “Elli”'],
  },
  {
    q: "what's in the latest release",
    now: DATA_DATE,
    intent: 'release-summary',
    has: [
      'latest release is Kubernetes 1.36',
      'Haru',
      '2026-04-22',
      '70 enhancements (18 stable, 25 beta, 25 alpha)',
      'Ryota Sawada',
    ],
  },
  {
    q: 'latest release',
    now: LATER,
    intent: 'release-summary',
    has: ['1.37 was planned for 2026-08-26', 'does not confirm it shipped', 'npm run sync', 'Dipesh Rawat'],
  },
  {
    q: 'previous release',
    intent: 'release-summary',
    has: ['1.30 is the release before the latest (1.31)', 'Uwubernetes'],
  },
  // The codename is revealed by the release announcement, on the release day: not known before it.
  {
    q: 'what will the next release have',
    intent: 'release-summary',
    has: ['1.32', 'planned for 2024-12-11'],
    not: ['Penelope'],
  },
  {
    q: 'next release',
    now: DATA_DATE,
    intent: 'release-summary',
    has: ['1.37 is planned for 2026-08-26', 'Dipesh Rawat', 'Coming up'],
  },
  { q: '1.30', intent: 'release-summary', has: ['Uwubernetes', '2024-04-17', 'Kat Cosgrove', '17 stable'] },
  { q: '1.0', intent: 'release-summary', has: ['Kubernetes 1.0', '2015-07-10', '1.0.7'] },
  { q: 'what is the codename of 1.28', intent: 'release-summary', has: ['Planternetes'] },
  {
    q: 'how many enhancements in 1.33',
    now: DATA_DATE,
    intent: 'release-summary',
    has: ['Octarine', '64 enhancements (18 stable, 20 beta, 24 alpha)'],
  },
  {
    q: '1.99',
    intent: 'release-summary',
    has: ["I don't know Kubernetes 1.99", 'releases 1.0 to 1.37', 'data as of 2026-08-22'],
  },
  { q: 'kubernetes 2.0', intent: 'release-summary', has: ["I don't know Kubernetes 2.0", '1.0 to 1.37'] },
  { q: '1.38', intent: 'release-summary', has: ['1.38 is not in the data yet', 'up to 1.37', 'npm run sync'] },
  { q: 'tell me about 1.40', has: ['1.40 is not in the data yet', 'npm run sync'] },

  // 2. Stage lists
  {
    q: 'what went GA',
    intent: 'stage-list',
    has: ['As of 2024-09-01 the latest release is 1.31', 'KEP-3836', 'KEP-2395'],
  },
  {
    q: 'what went GA in 1.31',
    intent: 'stage-list',
    has: [
      '11 enhancements graduated to stable in Kubernetes 1.31, per the release announcement',
      'KEP-2305',
      'kep.yaml says stable in 1.30',
      'KEP-2395',
      'not on the announcement',
      'KEP-24',
      'KEP-3836',
    ],
  },
  { q: "what GA'd in 1,31", intent: 'stage-list', has: ['KEP-2305', 'KEP-2395'] },
  { q: 'what went g.a. in v1.31', intent: 'stage-list', has: ['KEP-2395'] },
  { q: 'stable features in 1.30', intent: 'stage-list', has: ['KEP-1610', 'release announcement'] },
  { q: 'what graduated in 1.29', intent: 'stage-list', has: ['KEP-3668', 'KEP-1040'] },
  {
    q: 'beta features in 1.30',
    intent: 'stage-list',
    has: [
      '14 KEPs reached beta in Kubernetes 1.30 by kep.yaml',
      'announcement counts 18',
      'KEP-2400',
      'KEP-3331',
      'KEP-3805',
      'kep.yaml: milestone beta 1.30, but stage is alpha',
    ],
    not: ['KEP-3805 (alpha)'],
  },
  {
    q: 'new alpha in 1.31',
    intent: 'stage-list',
    has: ['10 KEPs reached alpha in Kubernetes 1.31', 'counts 12', 'KEP-4639'],
  },
  { q: 'alpha features in the latest release', intent: 'stage-list', has: ['latest release is 1.31', 'KEP-4639'] },
  {
    q: 'what graduated to stable in v1.29 for sig-network',
    intent: 'stage-list',
    has: ['SIG Network', 'KEP-3668'],
    not: ['KEP-1040'],
  },
  {
    q: 'what went GA in 1.31 for sig-apps',
    intent: 'stage-list',
    has: ['SIG Apps', 'KEP-3017', 'KEP-3715'],
    not: ['KEP-3836'],
  },
  {
    q: 'what went GA in 1.31 for sig-nope',
    intent: 'stage-list',
    has: ['No KEP in the data is owned by SIG Nope', 'network'],
  },
  { q: 'what went GA in 1.99', intent: 'stage-list', has: ["I don't know Kubernetes 1.99"] },
  {
    q: 'what went GA',
    now: LATER,
    intent: 'stage-list',
    has: ['1.37 was planned for 2026-08-26', 'does not confirm it shipped', '28 KEPs target stable in Kubernetes 1.37'],
    not: ['reached stable'],
  },
  {
    q: 'what graduated to stable in 1.36',
    now: DATA_DATE,
    intent: 'stage-list',
    has: ['18 enhancements graduated to stable in Kubernetes 1.36', 'KEP-127'],
  },

  // Releases not shipped at `now` (or not confirmed) are plans; a shipped release's kep.yaml self-contradictions are flagged
  {
    q: 'what went GA in 1.37',
    now: LATER,
    intent: 'stage-list',
    has: [
      'Targeting stable in Kubernetes 1.37',
      'does not confirm it shipped',
      '28 KEPs target stable in Kubernetes 1.37 by kep.yaml',
      'Targeting stable in 1.37 (kep.yaml)',
      'Planned, not shipped',
      'KEP-4006 Transition from SPDY to Websockets [beta',
    ],
    not: ['reached stable', 'Reached stable', 'Graduated to stable'],
  },
  {
    q: 'what went GA in 1.37',
    now: DATA_DATE,
    intent: 'stage-list',
    has: [
      'Kubernetes 1.37 is not out yet as of 2026-08-22: it is planned for 2026-08-26',
      '28 KEPs target stable in Kubernetes 1.37',
    ],
    not: ['reached stable'],
  },
  {
    q: 'beta features in 1.37',
    now: LATER,
    intent: 'stage-list',
    has: ['Targeting beta in Kubernetes 1.37', 'target beta in Kubernetes 1.37 by kep.yaml'],
    not: ['reached beta'],
  },
  {
    q: 'tell me about 1.37',
    now: LATER,
    intent: 'release-summary',
    has: ['does not confirm it shipped', 'Targeting stable in 1.37 (kep.yaml)', 'Planned, not shipped', 'KEP-2837'],
    not: ['Reached stable', 'this release (kep.yaml)', 'Released:'],
  },
  {
    q: 'what went GA in 1.31',
    now: BEFORE_131,
    intent: 'stage-list',
    has: [
      'Kubernetes 1.31 is not out yet as of 2024-07-01: it is planned for 2024-08-13',
      '11 KEPs target stable in Kubernetes 1.31 by kep.yaml',
      'Targeting stable in 1.31 (kep.yaml)',
      'KEP-24',
      'KEP-3836',
    ],
    not: ['graduated to stable', 'Graduated to stable', 'per the release announcement'],
  },
  {
    q: 'new alpha in 1.31',
    now: BEFORE_131,
    intent: 'stage-list',
    has: ['Targeting alpha in Kubernetes 1.31', '10 KEPs target alpha in Kubernetes 1.31'],
    not: ['reached alpha', 'announcement counts'],
  },
  {
    q: 'tell me about 1.31',
    now: BEFORE_131,
    intent: 'release-summary',
    has: ['is planned for 2024-08-13', 'Targeting stable in 1.31 (kep.yaml)', 'Coming up'],
    not: ['(release announcement)', 'Graduated to stable'],
  },
  {
    q: 'what graduated to stable in 1.36',
    intent: 'stage-list',
    has: ['Kubernetes 1.36 is not out yet as of 2024-09-01', 'target stable in Kubernetes 1.36', 'KEP-5234'],
    not: ['18 enhancements graduated'],
  },
  {
    q: 'what went GA in 1.36',
    now: DATA_DATE,
    intent: 'stage-list',
    has: [
      "kep.yaml names stable in 1.36, but the KEP's stage is earlier",
      'KEP-5234 DRA ResourceSlice Mixins [alpha, sig-scheduling] — kep.yaml: milestone stable 1.36, but stage is alpha',
      "Also stable in 1.36 by kep.yaml, but not on the announcement's list",
      'KEP-4800',
      'KEP-5073',
    ],
    not: [
      'KEP-5234 DRA ResourceSlice Mixins [alpha, sig-scheduling] — kep.yaml: stable in 1.36',
      'but their stages are earlier',
      'kep.yaml also marks',
    ],
  },
  {
    q: 'beta features in 1.36',
    now: DATA_DATE,
    intent: 'stage-list',
    has: [
      '18 KEPs reached beta in Kubernetes 1.36 by kep.yaml',
      'KEP-5325',
      'KEP-5381',
      'KEP-784 Kube Proxy component configuration updates and graduation [alpha, sig-network] — kep.yaml: milestone beta 1.36, but stage is alpha',
    ],
    not: ['21 KEPs', 'KEP-784 (alpha)'],
  },
  {
    q: 'what did SIG Scheduling ship in 1.36',
    now: DATA_DATE,
    intent: 'sig',
    has: [
      'SIG Scheduling shipped 12 KEPs in Kubernetes 1.36 by kep.yaml: 1 to stable',
      // kep.yaml's contradiction is said once, in its section after the answer (not again in the summary).
      'KEP-5234 DRA ResourceSlice Mixins [alpha, sig-scheduling] — kep.yaml: milestone stable 1.36, but stage is alpha',
      'Reached stable in 1.36 (kep.yaml):\n  - KEP-4816 ',
    ],
    not: ['Reached stable in 1.36 (kep.yaml):\n  - KEP-3243'],
  },
  {
    q: 'what did sig node ship in 1.37',
    now: LATER,
    intent: 'sig',
    has: [
      'SIG Node has 33 KEPs targeting Kubernetes 1.37 in kep.yaml (planned, not shipped)',
      'Targeting stable in 1.37 (kep.yaml)',
      'does not confirm it shipped',
    ],
    not: ['shipped 33', 'Reached'],
  },
  {
    q: 'what did SIG Storage ship in 1.31',
    now: BEFORE_131,
    intent: 'sig',
    has: [
      'SIG Storage has 3 KEPs targeting Kubernetes 1.31 in kep.yaml',
      'Targeting stable in 1.31 (kep.yaml)',
      'KEP-3762',
    ],
    not: ['shipped 3'],
  },
  {
    q: 'compare 1.36 and 1.37',
    now: LATER,
    intent: 'compare',
    has: [
      'Kubernetes 1.37: planned for 2026-08-26',
      'To stable: 1.36 graduated 18, 1.37 targets 28 (kep.yaml; not shipped)',
      'Graduated to stable in 1.36 (release announcement)',
      'Targeting stable in 1.37 (kep.yaml)',
    ],
    not: ['1.37: released'],
  },
  {
    q: 'compare 1.30 and 1.31',
    now: BEFORE_131,
    intent: 'compare',
    has: [
      'Kubernetes 1.31: planned for 2024-08-13',
      '1.31 targets 11 (kep.yaml; not shipped)',
      'Targeting stable in 1.31 (kep.yaml)',
    ],
    not: ['Graduated to stable in 1.31', 'Elli', '1.31 release announcement'],
  },

  // 3. KEP and feature lookups
  {
    q: 'KEP-3836',
    intent: 'kep',
    has: [
      'KEP-3836',
      'Kube-proxy improved ingress connectivity reliability',
      'alpha 1.28 → beta 1.30 → stable 1.31',
      'KubeProxyDrainingTerminatingNodes',
      'SIG Network',
      'https://github.com/kubernetes/enhancements/issues/3836',
    ],
  },
  { q: 'kep 3836', intent: 'kep', has: ['KubeProxyDrainingTerminatingNodes'] },
  { q: 'KEP3836', intent: 'kep', has: ['KubeProxyDrainingTerminatingNodes'] },
  { q: '#24', intent: 'kep', has: ['KEP-24', 'AppArmor', 'stable 1.31'] },
  { q: 'https://github.com/kubernetes/enhancements/issues/753', intent: 'kep', has: ['KEP-753', 'Sidecar Containers'] },
  { q: 'KEP-99999', intent: 'kep', has: ['KEP-99999 is not in the data', '650 KEPs'] },
  { q: 'apparmor', intent: 'kep', has: ['KEP-24', 'Add AppArmor Support', 'stable', '1.31'] },
  { q: 'AppArmor', intent: 'kep', has: ['KEP-24'] },
  { q: 'nftables', intent: 'kep', has: ['KEP-3866', 'nftables-based kube-proxy backend', 'NFTablesProxyMode'] },
  {
    q: 'sidecar containers',
    intent: 'kep',
    now: DATA_DATE,
    has: ['KEP-753', 'SidecarContainers', 'alpha 1.28 → beta 1.29 → stable 1.33'],
  },
  // As of 2024-09-01 (1.32 in progress) a milestone in 1.33 was not written yet.
  {
    q: 'sidecar containers',
    intent: 'kep',
    has: ['KEP-753', 'SidecarContainers', 'alpha 1.28 → beta 1.29'],
    not: ['stable 1.33', '1.33 release announcement'],
  },
  { q: 'NFTablesProxyMode', intent: 'kep', has: ['The feature gate NFTablesProxyMode belongs to KEP-3866'] },
  { q: 'nftablesproxymode', intent: 'kep', has: ['NFTablesProxyMode belongs to KEP-3866'] },
  { q: 'KubeProxyDrainingTerminatingNodes', intent: 'kep', has: ['KEP-3836'] },
  { q: 'SidecarContainers', intent: 'kep', has: ['KEP-753'] },
  { q: 'user namespaces', intent: 'kep', has: ['KEP-127', 'Support User Namespaces'] },
  { q: 'in-place pod resize', intent: 'kep', has: ['KEP-1287', 'In-place Update of Pod Resources'] },
  { q: 'swap', intent: 'kep', has: ['KEP-2400', 'NodeSwap'] },
  { q: 'dra', intent: 'kep', has: ['KEP-4381', 'DRA Structured Parameters'] },
  { q: 'cgroup v2', intent: 'kep', has: ['KEP-2254'] },
  { q: 'memory qos', intent: 'kep', has: ['KEP-2570'] },
  { q: 'ephemeral containers', intent: 'kep', has: ['KEP-277', 'EphemeralContainers'] },
  { q: 'cronjob timezone', intent: 'kep', has: ['KEP-3140'] },
  { q: 'structured authentication config', intent: 'kep', has: ['KEP-3331'] },
  { q: 'Is nftables GA?', intent: 'kep', now: DATA_DATE, has: ['Yes — KEP-3866', 'stable (GA) since 1.33'] },
  {
    q: 'Is nftables GA?',
    intent: 'kep',
    now: IN_133_CYCLE,
    has: ['No — KEP-3866', 'beta since 1.31', 'kep.yaml targets stable in 1.33'],
  },
  { q: 'Is nftables GA?', intent: 'kep', has: ['No — KEP-3866', 'beta since 1.31'], not: ['1.33'] },
  { q: 'is apparmor GA', intent: 'kep', has: ['Yes — KEP-24', 'stable (GA) since 1.31'] },
  { q: 'is sidecar containers beta', intent: 'kep', has: ['Yes — KEP-753', 'beta since 1.29'] },
  {
    q: 'is sidecar containers beta',
    now: DATA_DATE,
    intent: 'kep',
    has: ['It is past beta', 'stable (GA) since 1.33', '(beta in 1.29)'],
  },
  { q: 'is KEP-3836 GA?', intent: 'kep', has: ['Yes — KEP-3836'] },
  { q: 'is dra stable', intent: 'kep', has: ['No — KEP-4381', 'alpha since 1.30'] },
  { q: 'was AppArmor beta in 1.30', intent: 'kep', has: ['Yes — in 1.30, KEP-24', 'was beta'] },
  { q: 'was AppArmor stable in 1.30', intent: 'kep', has: ['No — in 1.30, KEP-24', 'was beta, not stable'] },
  { q: 'is apparmor supported', intent: 'kep', has: ['KEP-24'] },
  { q: 'user namespaces gate', intent: 'feature-gate', has: ['UserNamespacesSupport', 'KEP-127'] },

  // 4. History
  {
    q: 'when did AppArmor go GA',
    intent: 'history',
    has: ['KEP-24', 'went GA (stable) in Kubernetes 1.31, released 2024-08-13'],
  },
  { q: 'when did apparmour go GA?', intent: 'history', has: ['KEP-24', '1.31'] },
  {
    q: 'when did nftables go beta',
    intent: 'history',
    has: ['KEP-3866', 'reached beta in Kubernetes 1.31, released 2024-08-13'],
  },
  {
    q: 'which release did nftables go GA in',
    intent: 'history',
    now: DATA_DATE,
    has: ['KEP-3866', 'went GA (stable) in Kubernetes 1.33, released 2025-04-23'],
  },
  {
    q: 'when will sidecar containers be stable',
    intent: 'history',
    now: IN_133_CYCLE,
    has: ['Not yet', 'KEP-753', 'planned to reach stable (GA) in 1.33', 'beta since 1.29'],
  },
  {
    q: 'when will sidecar containers be stable',
    intent: 'history',
    has: ['Not yet', 'KEP-753', 'beta since 1.29', 'names no release for stable (GA) yet'],
    not: ['1.33'],
  },
  {
    q: 'when will sidecar containers be stable',
    now: DATA_DATE,
    intent: 'history',
    has: ['KEP-753', 'went GA (stable) in Kubernetes 1.33, released 2025-04-23'],
  },
  {
    q: 'when will dra be stable',
    intent: 'history',
    now: DATA_DATE,
    has: ['KEP-4381', 'went GA (stable) in Kubernetes 1.34, released 2025-08-27'],
  },
  {
    q: 'when was KEP-3836 introduced',
    intent: 'history',
    has: ['KEP-3836', 'was introduced as alpha in Kubernetes 1.28, released 2023-08-15'],
  },
  { q: 'when did KEP-3836 go beta', intent: 'history', has: ['reached beta in Kubernetes 1.30, released 2024-04-17'] },
  {
    q: 'history of user namespaces',
    intent: 'history',
    now: DATA_DATE,
    has: ['KEP-127', 'alpha 1.25 → beta 1.35 → stable 1.36'],
  },
  { q: 'when did ephemeral containers go stable', intent: 'history', has: ['KEP-277', '1.25', '2022-08-23'] },
  {
    q: 'when did KEP-5589 go alpha',
    intent: 'history',
    now: DATA_DATE,
    has: ['kep.yaml records no alpha release', 'entered at stable in 1.35'],
  },

  // 5. Schedule
  {
    q: '1.31 schedule',
    intent: 'schedule',
    has: [
      '2024-05-13',
      '2024-08-13',
      'Code Freeze: 2024-07-24 02:00 UTC',
      'Enhancements Freeze: 2024-06-14 02:00 UTC',
      'Full timeline',
    ],
  },
  {
    q: 'when is code freeze for 1.31',
    intent: 'schedule',
    has: ['Code Freeze for Kubernetes 1.31: 2024-07-24 02:00 UTC (Wednesday; 2024-07-23 19:00 PDT)'],
  },
  { q: '1.31 code freeze', intent: 'schedule', has: ['2024-07-24 02:00 UTC'] },
  {
    q: 'when was enhancements freeze for 1.31',
    intent: 'schedule',
    has: ['2024-06-14 02:00 UTC (Friday; 2024-06-13 19:00 PDT)'],
  },
  {
    q: 'when is the next release',
    intent: 'schedule',
    has: ['Kubernetes 1.32 is planned for release on 2024-12-11 (Wednesday)'],
  },
  {
    q: 'when is the next release',
    now: DATA_DATE,
    intent: 'schedule',
    has: ['Kubernetes 1.37 is planned for release on 2026-08-26', 'in 4 days'],
  },
  {
    q: 'when is the next release',
    now: LATER,
    intent: 'schedule',
    has: ['1.38 is not in the data yet', 'npm run sync'],
  },
  {
    q: 'how long until enhancements freeze',
    now: MID_132,
    intent: 'schedule',
    has: [
      'Enhancements Freeze for Kubernetes 1.32 is in 10 days 2 hours',
      '2024-10-11 02:00 UTC (Friday; 2024-10-10 19:00 PDT)',
    ],
  },
  {
    q: 'how long until code freeze',
    now: MID_132,
    intent: 'schedule',
    has: ['Code Freeze for Kubernetes 1.32 is in 38 days 2 hours', '2024-11-08 02:00 UTC'],
  },
  {
    q: 'when is the next code freeze',
    intent: 'schedule',
    has: ['1.32', '2024-11-08 02:00 UTC (Friday; 2024-11-07 18:00 PST)'],
  },
  {
    q: 'when is the next freeze',
    now: MID_132,
    intent: 'schedule',
    has: ['production readiness freeze', '2024-10-03'],
  },
  {
    q: 'when is the next code freeze',
    now: LATER,
    intent: 'schedule',
    has: ['The data has no code freeze after 2026-11-21', 'npm run sync'],
  },
  { q: 'when was 1.24 released', intent: 'schedule', has: ['Kubernetes 1.24 was released on 2022-05-03 (Tuesday)'] },
  { q: 'when did 1.28 come out', intent: 'schedule', has: ['2023-08-15'] },
  { q: 'when was 1.30.2 released', intent: 'patch-schedule', has: ['Kubernetes 1.30.2 was released on 2024-06-11'] },
  { q: '1.30 docs freeze', intent: 'schedule', has: ['Docs Freeze for Kubernetes 1.30: 2024-03-26'] },
  { q: 'when is test freeze for 1.28', intent: 'schedule', has: ['2023-07-26 01:00 UTC'] },
  // "CI Signal" became "Release Signal" in 1.30: either name finds the role in every release.
  { q: 'release signal 1.29', intent: 'team', has: ['Vyom Yadav', 'CI Signal was renamed Release Signal in 1.30'] },
  { q: 'who handled CI Signal in 1.30', intent: 'team', has: ['Paco Xu', 'Vyom Yadav', 'Release Signal leads'] },
  { q: 'who was the ci signal lead for 1.33', intent: 'team', has: ['Wendy Ha', 'Release Signal'] },
  { q: 'who was the release signal lead for 1.24', intent: 'team', has: ['Leonard Vincent Simon Pahlke', 'CI Signal'] },
  // End of life: the actual date wins, and where sources disagree the answer says so after it.
  {
    q: 'when did 1.28 reach end of life',
    now: DATA_DATE,
    intent: 'support',
    has: [
      'reached end of life on 2024-10-22',
      'About the end-of-life date',
      'eol.yaml: 2024-10-22',
      'endoflife.date: 2024-10-28',
    ],
  },
  {
    q: 'is 1.26 supported',
    now: DATA_DATE,
    intent: 'support',
    has: [
      'end of life (since 2024-02-28)',
      '1.26.15 shipped on 2024-03-14, after the end of life',
      'new version of Go',
    ],
  },
  {
    q: 'is 1.18 supported',
    now: DATA_DATE,
    intent: 'support',
    has: ['end of life (since 2021-06-18)'],
    not: ['2021-05-12'],
  },
  {
    q: 'is 1.30 supported',
    now: DATA_DATE,
    intent: 'support',
    has: ['end of life (since 2025-07-15)'],
    not: ['2025-06-28', 'About the end-of-life date'],
  },
  // A row can carry several milestones: 1.32+ "Begin Code Freeze and Test Freeze", 1.12's "Begin code and test freeze".
  {
    q: 'when is test freeze for 1.33',
    intent: 'schedule',
    has: ['Test Freeze for Kubernetes 1.33: 2025-03-21 02:00 UTC'],
    not: ['has no test freeze'],
  },
  {
    q: 'when is test freeze for 1.12',
    intent: 'schedule',
    has: ['Test Freeze for Kubernetes 1.12'],
    not: ['has no test freeze'],
  },
  {
    q: '1.33 schedule',
    intent: 'schedule',
    has: ['Begin Code Freeze and Test Freeze', 'Code Freeze and Test Freeze: 2025-03-21'],
  },
  {
    q: 'release candidates for 1.31',
    intent: 'schedule',
    has: ['1.31.0-rc.0', '2024-07-30', '1.31.0-rc.1', '2024-08-06'],
  },
  { q: '1.37 schedule', now: DATA_DATE, intent: 'schedule', has: ['2026-05-18', '2026-08-26', 'in 4 days'] },
  { q: '1.3 schedule', intent: 'schedule', has: ['no release-cycle schedule for 1.3', 'start at 1.5', '2016-07-01'] },
  {
    q: 'shedule for 1.31',
    intent: 'schedule',
    has: ['Code Freeze: 2024-07-24 02:00 UTC', 'Read “shedule” as “schedule”'],
  },
  {
    q: 'schedule',
    now: MID_132,
    intent: 'schedule',
    has: ['Kubernetes 1.32 release cycle', 'Next: production readiness freeze on 2024-10-03'],
  },

  // 6. Team
  { q: 'who led 1.24', intent: 'team', has: ['James Laverack (@JamesLaverack) led the Kubernetes 1.24 release'] },
  {
    q: 'who was the 1.31 comms lead',
    intent: 'team',
    has: ['Abigail McCarthy', 'Communications lead for Kubernetes 1.31'],
  },
  {
    q: '1.31 release team',
    intent: 'team',
    has: ['Angelos Kolaitis', 'Sreeram Venkitesh', 'Abigail McCarthy', 'Vyom Yadav', 'Meha Bhalodiya', 'Drew Hagen'],
  },
  { q: 'who was the 1.30 release lead', intent: 'team', has: ['Kat Cosgrove'] },
  { q: 'who was the enhancements lead for 1.28', intent: 'team', has: ['Atharva Shinde'] },
  { q: '1.24 ci signal lead', intent: 'team', has: ['Leonard Vincent Simon Pahlke'] },
  { q: 'who is the 1.31 ci signal lead', intent: 'team', has: ['Vyom Yadav', 'Release Signal'] },
  { q: '1.29 release notes lead', intent: 'team', has: ['Frederico Muñoz'] },
  { q: '1.24 docs lead', intent: 'team', has: ['Nate Waddington'] },
  { q: '1.32 branch manager', intent: 'team', has: ['Jim Angel'] },
  { q: '1.31 enhancements shadows', intent: 'team', has: ['Arka Saha', 'Dipesh Rawat', 'Tyler Schade'] },
  {
    q: 'who leads the current release team',
    now: DATA_DATE,
    intent: 'team',
    has: ['Dipesh Rawat (@dipesh-rawat) leads the Kubernetes 1.37 release'],
  },
  { q: 'who is the release lead for the next release', intent: 'team', has: ['Frederico Muñoz', '1.32'] },
  { q: 'who led 1.6', intent: 'team', has: ['Dan Gillespie'] },
  { q: 'who led 1.3', intent: 'team', has: ['no release team list for 1.3', 'start at 1.6'] },
  { q: 'who was the 1.99 release lead', intent: 'team', has: ["I don't know Kubernetes 1.99"] },

  // 7. Support
  {
    q: 'is 1.28 still supported',
    intent: 'support',
    has: ['maintenance mode since 2024-08-28', 'end of life on 2024-10-22'],
  },
  {
    q: 'is 1.28 still supported',
    now: DATA_DATE,
    intent: 'support',
    has: ['No — Kubernetes 1.28 is end of life (since 2024-10-22)', '1.36, 1.35, 1.34'],
  },
  {
    q: 'is 1.31 supported',
    intent: 'support',
    has: ['Yes — Kubernetes 1.31 is supported', 'end of life on 2025-11-11'],
  },
  {
    q: 'is 1.24 still supported',
    intent: 'support',
    has: ['No — Kubernetes 1.24 is end of life (since 2023-07-28)', '1.31, 1.30, 1.29'],
  },
  { q: 'is 1.37 supported', now: DATA_DATE, intent: 'support', has: ['not released yet (planned for 2026-08-26)'] },
  {
    q: 'when does 1.31 reach end of life',
    intent: 'support',
    has: [
      'Kubernetes 1.31 reaches end of life on 2025-11-11 (Tuesday)',
      'Maintenance mode (critical and security fixes only) begins on 2025-08-28',
    ],
  },
  { q: 'when did 1.24 reach end of life', intent: 'support', has: ['reached end of life on 2023-07-28'] },
  { q: '1.27 EOL', intent: 'support', has: ['2024-07-16'] },
  { q: 'end-of-life for 1.30', intent: 'support', has: ['2025-07-15'] },
  {
    q: 'which versions are supported',
    intent: 'support',
    has: [
      'As of 2024-09-01, 4 Kubernetes minor releases are supported: 1.31, 1.30, 1.29, 1.28',
      '1.28 in maintenance mode',
    ],
  },
  { q: 'which versions are supported', now: DATA_DATE, intent: 'support', has: ['1.36, 1.35, 1.34', '1.36.4'] },
  {
    q: 'supported versions',
    now: LATER,
    intent: 'support',
    has: ['1.36, 1.35', '1.37 was planned for 2026-08-26', 'The data is 91 days old'],
  },
  {
    q: 'latest patch of 1.30',
    intent: 'support',
    has: ['The latest Kubernetes 1.30 patch is 1.30.4, released on 2024-08-14'],
  },
  { q: 'latest patch of 1.30', now: DATA_DATE, intent: 'support', has: ['1.30.14'] },
  { q: 'what is the latest patch release', intent: 'support', has: ['1.31.0', '1.30.4', '1.29.8'] },
  { q: 'is 1.2 supported', intent: 'support', has: ['No — Kubernetes 1.2'] },
  { q: 'is 1.0 supported', intent: 'support', has: ['out of support', 'no end-of-life date in the data'] },

  // 8. Deprecations and removals
  {
    q: 'what was removed in 1.24',
    intent: 'deprecations',
    has: ['audit.k8s.io/v1beta1', 'Dockershim removed from kubelet', 'KEP-2221'],
  },
  {
    q: 'deprecations in 1.31',
    intent: 'deprecations',
    has: ['storage.k8s.io/v1alpha1', 'Cgroup v1 enters maintenance mode', 'KEP-4004'],
  },
  {
    q: 'which APIs are removed in 1.25',
    intent: 'deprecations',
    has: [
      'PodSecurityPolicy policy/v1beta1',
      'CronJob batch/v1beta1',
      'use batch/v1',
      'PodDisruptionBudget policy/v1beta1',
      '7 API versions',
    ],
  },
  { q: 'depreciated apis in 1.22', intent: 'deprecations', has: ['Read “depreciated” as “deprecated”'] },
  {
    q: 'what was removed in 1.22',
    intent: 'deprecations',
    has: ['Ingress extensions/v1beta1', 'networking.k8s.io/v1'],
  },
  {
    q: 'what breaks if I upgrade from 1.24 to 1.26',
    intent: 'upgrade',
    has: [
      'crosses 2 minor releases',
      'policy/v1beta1',
      'PodSecurityPolicy',
      'autoscaling/v2beta2 HorizontalPodAutoscaler',
      '1.24 → 1.25 → 1.26',
    ],
  },
  {
    q: 'upgrade 1.24 -> 1.26',
    intent: 'upgrade',
    has: ['1.25 — API versions no longer served', '1.26 — API versions no longer served'],
  },
  { q: 'upgrade to 1.25', intent: 'upgrade', has: ['Upgrading 1.24 → 1.25', 'PodSecurityPolicy'] },
  { q: 'upgrade from 1.26 to 1.24', intent: 'upgrade', has: ['downgrade'] },
  { q: 'upgrade from 1.24 to 1.99', intent: 'upgrade', has: ["I don't know Kubernetes 1.99"] },
  {
    q: 'is PodSecurityPolicy removed',
    intent: 'deprecations',
    has: ['PodSecurityPolicy was removed', 'policy/v1beta1 stopped being served in 1.25', 'no replacement API'],
  },
  { q: 'when was psp removed', intent: 'deprecations', has: ['1.25'] },
  { q: 'when was policy/v1beta1 removed', intent: 'deprecations', has: ['1.25'] },
  {
    q: 'is dockershim removed',
    intent: 'deprecations',
    has: ['Removed in 1.24', 'Dockershim removed from kubelet', 'Dockershim deprecation'],
  },
  { q: 'removals in 1.36', now: DATA_DATE, intent: 'deprecations', has: ['gitRepo'] },
  // A list or a date that mentions the team (or a planted "leading") is not a team question.
  { q: 'show me the leading stable graduations in 1.33', intent: 'stage-list', has: ['KEP-753'] },
  { q: 'could the release team delay code freeze for 1.37 by a week?', intent: 'schedule', has: ['2026-07-23'] },
  { q: 'is 1.34 much different from 1.33 in terms of stable features', intent: 'compare', has: ['1.33 vs 1.34'] },
  // An API group/version ending in k8s.io is no Go module (k8s.io/…).
  {
    q: 'networking.k8s.io/v1beta1 ingress removed when',
    intent: 'deprecations',
    has: ['1.22', 'networking.k8s.io/v1'],
  },
  { q: 'is apiextensions.k8s.io/v1beta1 still served?', intent: 'deprecations', has: ['No — ', '1.22'] },
  // The day names the release; which one it is, is the release's summary.
  { q: 'which release came out 13/08/24', intent: 'release-summary', has: ['Elli', '2024-08-13'] },
  { q: 'release that came out on 17 Dec 2025', intent: 'release-summary', has: ['1.35', '2025-12-17'] },
  // Ordinary words name no API: the release's own list.
  {
    q: 'yo what apis did 1.22 kill',
    intent: 'deprecations',
    has: ['networking.k8s.io/v1beta1', 'API versions removed in 1.22'],
  },
  {
    q: 'hey bot, anything removed in 1.25 that would break my helm charts?',
    intent: 'deprecations',
    has: ['policy/v1beta1', 'API versions removed in 1.25'],
  },
  {
    q: 'extensions/v1beta1 ingress',
    intent: 'deprecations',
    has: [
      'This API version of Ingress is no longer served',
      'extensions/v1beta1 stopped being served in 1.22',
      'Use networking.k8s.io/v1 instead',
    ],
  },
  {
    q: 'is ingress removed',
    intent: 'deprecations',
    has: ['extensions/v1beta1', 'networking.k8s.io/v1beta1', 'Use networking.k8s.io/v1 instead'],
    not: ['Ingress was removed'],
  },
  {
    q: 'what happened to dockershim',
    intent: 'kep',
    has: ['KEP-2221', 'The 1.24 release announcement names it as a removal'],
  },

  // 9. SIG views
  {
    q: 'what did SIG Storage ship in 1.31',
    intent: 'sig',
    has: ['SIG Storage shipped 3 KEPs in Kubernetes 1.31', 'KEP-3762', 'KEP-2644', 'KEP-3751'],
  },
  { q: 'sig-network in 1.31', intent: 'sig', has: ['SIG Network', 'KEP-3836', 'KEP-3866'] },
  { q: 'what did sig node ship in 1.31', intent: 'sig', has: ['KEP-24', 'KEP-4009', 'KEP-4639'] },
  { q: 'sig-network', intent: 'sig', has: ['SIG Network owns 61 KEPs', 'KEP-3866'] },
  { q: 'what did SIG Foo ship in 1.31', intent: 'sig', has: ['No KEP in the data is owned by SIG Foo'] },

  // 10. Compare
  {
    q: 'compare 1.30 and 1.31',
    intent: 'compare',
    has: ['Uwubernetes', 'Elli', 'Both have 45 enhancements', 'Kat Cosgrove', 'Angelos Kolaitis'],
  },
  { q: '1.24 vs 1.25', intent: 'compare', has: ['Stargazer', 'Combiner', 'API versions removed: 1.24: 5 · 1.25: 7'] },
  { q: 'compare 1.31', intent: 'compare', has: ['Kubernetes 1.30 vs 1.31'] },
  { q: 'compare latest and previous', intent: 'compare', has: ['Kubernetes 1.30 vs 1.31'] },
  { q: 'what changed between 1.30 and 1.31', intent: 'compare', has: ['Kubernetes 1.30 vs 1.31'] },
  { q: 'difference between 1.29 and 1.99', intent: 'compare', has: ["I don't know Kubernetes 1.99"] },

  // 11. Help
  { q: 'help', intent: 'help', has: ['what went GA in 1.31', 'Releases: 1.0 to 1.37', 'KEPs: 650'] },
  { q: 'what can you do?', intent: 'help', has: ['Examples'] },
  { q: 'hi', intent: 'help', has: ['Examples'] },

  // 12. Search, typos and "did you mean"
  { q: 'apparmour', intent: 'kep', has: ['Did you mean “apparmor”?', 'KEP-24'] },
  { q: 'nftable', intent: 'kep', has: ['KEP-3866'] },
  { q: 'nftabels', intent: 'kep', has: ['KEP-3866', 'nftables'] },
  { q: 'kube-proxy handle terminating nodes', intent: 'search', has: ['KEP-1669', 'KEP-3836'] },
  { q: 'validating admission policy', intent: 'kep', has: ['KEP-3488'] },
  {
    q: 'xyzzy frobnicate',
    intent: 'search',
    has: ['No KEP title, summary or feature gate matches “xyzzy frobnicate”', 'KEP-3836'],
  },
  { q: 'pod topology spread', intent: 'kep', has: ['KEP-895'] },
  { q: 'cordinated leader election', intent: 'kep', has: ['Did you mean “coordinated leader election”?', 'KEP-4355'] },
  {
    q: 'sidecar contaners',
    intent: 'kep',
    has: ['Did you mean “sidecar containers”?', 'KEP-753'],
    not: ['containers containers'],
  },
  { q: 'kubelet evnted pleg', intent: 'kep', has: ['KEP-3386'] },
  { q: 'kubectl debug', intent: 'kep', has: ['KEP-1441'] },
  {
    q: 'when is kubecon',
    intent: 'search',
    has: ['No match for “kubecon”', 'You can ask'],
    not: ['Did you mean', 'kubectl', 'KEP-4214'],
  },
  {
    q: 'what is the current stable version',
    intent: 'release-summary',
    has: ['the latest release is Kubernetes 1.31'],
  },
  { q: 'days until 1.37', now: DATA_DATE, intent: 'cycle-status', has: ['Kubernetes 1.37 is in 4 days'] },
  // Nonsense gets "no match" and help, never a far-fetched guess; real typos still resolve
  {
    q: 'foo bar baz',
    intent: 'search',
    has: ['No match for “foo bar baz”', 'No KEP title, summary or feature gate matches', 'You can ask', 'Try: “help”'],
    not: ['Did you mean', 'bazel', 'KEP-2818', 'Best matches'],
  },
  { q: 'bar', intent: 'search', has: ['No match for “bar”'], not: ['Did you mean', 'barrier'] },
  { q: 'banana smoothie', intent: 'search', has: ['No match for “banana smoothie”'], not: ['Did you mean', 'KEP-793'] },
  {
    q: 'the quick brown fox',
    intent: 'search',
    has: ['No match for “quick brown fox”'],
    not: ['Did you mean', 'Best matches'],
  },
  { q: 'lorem ipsum dolor sit amet', intent: 'search', has: ['No match', 'You can ask'], not: ['Did you mean'] },
  {
    q: 'foo bar apparmour',
    intent: 'search',
    has: ['No match for “foo bar apparmour”', 'Did you mean “apparmor”?', 'Try: “apparmor”'],
  },
  {
    q: 'kube proxy nftables',
    intent: 'kep',
    has: ['KEP-3866', 'nftables-based kube-proxy backend'],
    not: ['Did you mean'],
  },
  { q: 'nftabels proxy', intent: 'kep', has: ['Did you mean “nftables proxy”?', 'KEP-3866'] },
  { q: 'sidcar containers', intent: 'kep', has: ['Did you mean “sidecar containers”?', 'KEP-753: Sidecar Containers'] },
  { q: 'is apparmour GA', intent: 'kep', has: ['Yes — KEP-24'] },
  { q: 'topolgy spread', intent: 'kep', has: ['Did you mean “topology spread”?', 'KEP-895'] },
  { q: 'ephemral containers', intent: 'kep', has: ['KEP-277'] },
  { q: 'dynamic resource alocation', intent: 'kep', has: ['Did you mean “dynamic resource allocation”?', 'KEP-4381'] },
  { q: 'schedulling gates', intent: 'kep', has: ['KEP-3521'] },
  {
    q: 'DROP TABLE keps; --',
    intent: 'search',
    // Ordinary words one KEP title shares ("table") are no match: the answer offers no KEP.
    has: ['No match for “DROP TABLE”', 'holds enough of the words'],
    not: ['Did you mean', 'KEP-3178'],
  },

  // Hostile input
  { q: '', intent: 'help', has: ['did not find a question'] },
  { q: '   \t  ', intent: 'help', has: ['did not find a question'] },
  { q: '🚀🔥🎉', intent: 'help', has: ['did not find a question'] },
  { q: '<!channel>', intent: 'help', has: ['did not find a question'] },
  { q: '@everyone @here', intent: 'help', has: ['did not find a question'] },
  { q: '<!channel> what went GA in 1.31? @everyone', intent: 'stage-list', has: ['KEP-2395'] },
  { q: '@everyone xyzzy', intent: 'search', has: ['xyzzy'] },
  { q: '<@U024BE7LH> <!here> when is code freeze for 1.31', intent: 'schedule', has: ['2024-07-24 02:00 UTC'] },
  { q: '**1.31** `schedule`', intent: 'schedule', has: ['2024-07-24 02:00 UTC'] },
  { q: '> _who led 1.24?_', intent: 'team', has: ['James Laverack'] },
  { q: '[KEP-3836](https://example.com/x) please', intent: 'kep', has: ['KubeProxyDrainingTerminatingNodes'] },
  { q: 'what\u0000 went\u0007 GA in 1.\u200b31\u202e', intent: 'stage-list', has: ['KEP-2395'] },
  { q: '１．３１', intent: 'release-summary', has: ['Elli'] },
  {
    q: `what went GA in 1.31 ${'🙂'.repeat(5_000)}`,
    intent: 'stage-list',
    has: ['KEP-2395', 'read only its first 300 characters'],
  },
  {
    q: 'a'.repeat(10_000),
    has: ['No KEP title, summary or feature gate matches', 'read only its first 300 characters'],
  },
  { q: `${'lorem ipsum dolor '.repeat(600)}`, has: ['read only its first 300 characters'] },
  { q: '<script>alert(1)</script>', has: ['alert'] },
  { q: '@everyone', has: ['did not find a question'] },
  { q: '<!subteam^S123|@team> 1.31', intent: 'release-summary', has: ['Elli'] },
];

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadDataset());
});

describe('answers from the bundled dataset', () => {
  it('has at least 150 cases across all twelve question kinds', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const intents = new Set(cases.map((entry) => entry.intent).filter(Boolean));
    for (const intent of [
      'release-summary',
      'stage-list',
      'kep',
      'history',
      'schedule',
      'team',
      'support',
      'deprecations',
      'sig',
      'compare',
      'help',
      'search',
    ]) {
      expect(intents.has(intent as AnswerIntent)).toBe(true);
    }
  });

  it.each(
    cases.map(
      (entry) => [entry.q.length > 60 ? `${entry.q.slice(0, 57)}… (${entry.q.length} chars)` : entry.q, entry] as const,
    ),
  )('%s', (_, entry) => {
    const answer = engine.answer(entry.q, entry.now ?? AFTER_131);
    expect(Answer.safeParse(answer).success).toBe(true);
    if (entry.intent) expect(answer.intent).toBe(entry.intent);
    const text = renderText(answer);
    for (const expected of entry.has) expect(text).toContain(expected);
    for (const unexpected of [...(entry.not ?? []), ...MASS_MENTIONS]) expect(text).not.toContain(unexpected);
    expect(answer.summary.trim().length).toBeGreaterThan(0);
    expect(JSON.stringify(answer)).not.toMatch(/<!(channel|here|everyone)>|@(everyone|here)\b/);
  });
});
