/**
 * Settles like `work`, or rejects with the signal's reason as soon as the signal aborts, whichever comes
 * first. It cannot stop `work` itself; whatever `work` settles with afterwards is ignored.
 */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * A platform call made for the digest scheduler: settles like `work` unless the signal aborts first. A failure
 * once the signal has aborted is the abort (whatever the request says); any other is what `classify` makes
 * of it (a PermanentPostError for a refusal retrying cannot fix, the error itself otherwise).
 */
export async function platformCall<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  classify: (error: unknown) => unknown,
): Promise<T> {
  try {
    return await unlessAborted(work, signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw classify(error);
  }
}
