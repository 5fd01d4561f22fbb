/**
 * Words the parser knows beside each question kind's own cue words (kinds/registry.ts CUE_WORDS):
 * stopwords, SIG names and the keyword typos worth correcting.
 */

/** Words that carry no subject. */
export const STOPWORDS = new Set(
  `a about above after all also am an and any anything are around as ask at be been before being between
  both but by can could did do does doing done during each either else ever every for from get gets getting
  give go goes going gone got had has have having he her here hers him his how i if in into is it its just
  let like list lists made make makes me mine more most my new newly no nor not now of off on once one only
  or other our out over please pls plz put re s same say see shall she should show since so some still such
  tell than thanks thank that the their them then there these they thing things this those through thru to
  too under until up upon us very via want was we well went were what whats when where whether which while
  who whom whose why will with within would yet you your yours k8s kube kubernetes kubernetes's info
  information detail details summary summarize overview status state explain describe know find look
  ship shipped shipping ships land landed landing came come comes coming arrive arrived become became
  becomes reach reached reaches reaching made feature features enhancement enhancements kep keps change
  changes changed happen happened happening cycle release releases released version versions minor
  v1 one ones included include includes including part highlights highlight notable key main major big
  biggest interesting important codename name named called theme count counts many much number numbers
  total stuff new-ish recently right exactly actually currently officially officially really yeah ok okay
  bot yo q pls plz lol tl dr tldr btw fyi asap imo afaik thx im`.split(/\s+/),
);

/** Intent words that can also be part of a feature's name are kept; these never are. */
export const FEATURE_QUESTION_WORDS = new Set(
  `ga stable alpha beta graduate graduated graduates graduating graduation promote promoted promotion
  promotions stage stages milestone milestones generally available availability general history
  introduced added created proposed since latest newest current previous prior next upcoming recent
  last this most supported help`.split(/\s+/),
);

/** Known SIG slugs (without "sig-") and the ways people write them. */
export const SIG_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['api machinery', 'api-machinery'],
  ['apimachinery', 'api-machinery'],
  ['api-machinery', 'api-machinery'],
  ['apps', 'apps'],
  ['architecture', 'architecture'],
  ['arch', 'architecture'],
  ['auth', 'auth'],
  ['autoscaling', 'autoscaling'],
  ['cli', 'cli'],
  ['kubectl', 'cli'],
  ['cloud provider', 'cloud-provider'],
  ['cloud-provider', 'cloud-provider'],
  ['cluster lifecycle', 'cluster-lifecycle'],
  ['cluster-lifecycle', 'cluster-lifecycle'],
  ['contributor experience', 'contributor-experience'],
  ['contributor-experience', 'contributor-experience'],
  ['contribex', 'contributor-experience'],
  ['docs', 'docs'],
  ['etcd', 'etcd'],
  ['instrumentation', 'instrumentation'],
  ['k8s infra', 'k8s-infra'],
  ['k8s-infra', 'k8s-infra'],
  ['multicluster', 'multicluster'],
  ['network', 'network'],
  ['networking', 'network'],
  ['node', 'node'],
  ['release', 'release'],
  ['scalability', 'scalability'],
  ['scheduling', 'scheduling'],
  ['scheduler', 'scheduling'],
  ['security', 'security'],
  ['storage', 'storage'],
  ['testing', 'testing'],
  ['ui', 'ui'],
  ['windows', 'windows'],
];

/**
 * Keywords worth correcting when mistyped. Kept to intent words: feature names are corrected by the
 * fuzzy full-text search instead, against the names that really exist.
 */
const CORRECTABLE = `schedule freeze deprecated deprecation deprecations deprecate removed removal removals supported
  support release released releases graduated graduate stable alpha compare upgrade upgrading enhancements
  enhancement maintenance patch patches version versions history timeline communications features feature
  shadows kubernetes highlights codename difference between promoted available general calendar deadline
  until latest previous upcoming current team lead policy network storage scheduling kubelet kubectl apiserver
  scheduler`.split(/\s+/);
const CORRECTABLE_SET = new Set(CORRECTABLE);

/** Misspellings common enough to fix outright, whatever their edit distance. */
const KNOWN_MISSPELLINGS = new Map([
  ['depreciated', 'deprecated'],
  ['depreciation', 'deprecation'],
  ['depreciations', 'deprecations'],
  ['deprication', 'deprecation'],
  ['kubernets', 'kubernetes'],
  ['kubernates', 'kubernetes'],
  ['k8', 'k8s'],
  ['kuberentes', 'kubernetes'],
  ['wen', 'when'],
  ['waht', 'what'],
  ['whch', 'which'],
  ['hlep', 'help'],
  ['halp', 'help'],
  ['leed', 'led'],
  ['schedual', 'schedule'],
  ['shedual', 'schedule'],
  ['realese', 'release'],
  ['relase', 'release'],
  ['timline', 'timeline'],
  ['stabel', 'stable'],
  ['compair', 'compare'],
  ['deprications', 'deprecations'],
  ['subcribe', 'subscribe'],
  ['subscibe', 'subscribe'],
  ['unsubscibe', 'unsubscribe'],
  ['unsubcribe', 'unsubscribe'],
  ['subscriptons', 'subscriptions'],
  ['subscritions', 'subscriptions'],
]);

/** Damerau–Levenshtein distance (optimal string alignment), giving up once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, previous2[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The keyword a mistyped word stands for, or null. Short words are left alone (too many real words
 * sit one letter away from "beta"), and below eight letters the first letter must match, so "table"
 * does not become "stable".
 */
export function correctKeyword(
  word: string,
  ordinary: ReadonlySet<string> = new Set(),
  cueWords: ReadonlySet<string> = new Set(),
): string | null {
  const known = KNOWN_MISSPELLINGS.get(word);
  if (known) return known;
  if (word.length < 5) return null;
  // The small sets first: most words of a question are cue words, and the ordinary words are a large set.
  if (CORRECTABLE_SET.has(word) || STOPWORDS.has(word) || cueWords.has(word)) return null;
  // An ordinary word is meant as written ("stale" is not "stable").
  if (ordinary.has(word)) return null;
  if (!/^[a-z]+$/.test(word)) return null;
  const cached = corrections.get(word);
  if (cached !== undefined) return cached;
  const corrected = closestKeyword(word);
  if (corrections.size < 10_000) corrections.set(word, corrected);
  return corrected;
}

/** Words already looked at; the same words come back in chat all day. */
const corrections = new Map<string, string | null>();

function closestKeyword(word: string): string | null {
  const limit = word.length >= 9 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of CORRECTABLE) {
    if (word.length < 8 && candidate[0] !== word[0]) continue;
    const distance = editDistance(word, candidate, limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && candidate !== best) {
      tie = true;
    }
  }
  return best && !tie && bestDistance <= limit ? best : null;
}
