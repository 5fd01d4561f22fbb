/** Upstream pages answers and digests link to. */
export const ENHANCEMENTS_REPO = 'https://github.com/kubernetes/enhancements';
export const changelogUrl = (minor: string): string =>
  `https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-${minor}.md`;
export const sigKepsUrl = (sig: string): string => `${ENHANCEMENTS_REPO}/tree/master/keps/${sig}`;
export const kepIssueUrl = (number: number): string => `${ENHANCEMENTS_REPO}/issues/${number}`;
export const DEPRECATION_GUIDE_URL = 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/';
export const RELEASES_URL = 'https://kubernetes.io/releases/';
