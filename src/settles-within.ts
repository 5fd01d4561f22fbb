/**
 * Resolves true once `work` settles (fulfilled or rejected: its outcome is the caller's to read), or false
 * when `ms` pass first. The one deadline race: Slack's 3-second ack, a drain's deadline, the shutdown budget.
 */
export function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, ms));
    const done = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    work.then(done, done);
  });
}
