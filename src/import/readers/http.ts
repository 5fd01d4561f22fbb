/** A GET with a per-attempt timeout and retries, for the importer's HTTPS reader. */

export interface RetryNotice {
  url: string;
  /** The attempt that just failed, from 1. */
  attempt: number;
  attempts: number;
  reason: string;
  waitMs: number;
}

export interface GetTextOptions {
  headers?: Record<string, string>;
  /** Per attempt, covering the response body too. */
  timeoutMs: number;
  /** Extra attempts after the first. */
  retries: number;
  /** First backoff delay; doubled each retry, with jitter. */
  retryBaseMs: number;
  /** A server asking us to wait longer than this (Retry-After, rate-limit reset) fails at once. */
  maxRetryWaitMs: number;
  fetch: typeof fetch;
  /** Wraps each attempt, e.g. a concurrency limiter. */
  schedule?: <T>(task: () => Promise<T>) => Promise<T>;
  onRetry?: (notice: RetryNotice) => void;
  now?: () => number;
  random?: () => number;
}

/** 200 → the body; 404 → null. */
export type GetTextResult = { status: 200; text: string } | { status: 404; text: null };

export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

type Attempt =
  | { kind: 'done'; result: GetTextResult }
  | { kind: 'retry'; reason: string; waitMs: number | null; status: number | null }
  | { kind: 'fail'; reason: string; status: number | null };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const runDirectly = <T>(task: () => Promise<T>) => task();

export async function getText(url: string, options: GetTextOptions): Promise<GetTextResult> {
  const attempts = options.retries + 1;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const schedule = options.schedule ?? runDirectly;
  let last: { reason: string; status: number | null } = { reason: 'not attempted', status: null };

  for (let attempt = 1; attempt <= attempts; attempt++) {
    const outcome = await schedule(() => attemptOnce(url, options, now));
    if (outcome.kind === 'done') return outcome.result;
    if (outcome.kind === 'fail') throw new HttpError(url, outcome.status, `${url}: ${outcome.reason}`);
    last = outcome;
    if (attempt === attempts) break;

    const backoff = options.retryBaseMs * 2 ** (attempt - 1);
    const waitMs = outcome.waitMs ?? Math.round(backoff / 2 + (random() * backoff) / 2);
    if (waitMs > options.maxRetryWaitMs) {
      throw new HttpError(
        url,
        outcome.status,
        `${url}: ${outcome.reason}; the server asks to wait ${formatWait(waitMs)}, giving up`,
      );
    }
    options.onRetry?.({ url, attempt, attempts, reason: outcome.reason, waitMs });
    await sleep(waitMs);
  }
  throw new HttpError(
    url,
    last.status,
    `${url}: ${last.reason} (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`,
  );
}

async function attemptOnce(url: string, options: GetTextOptions, now: () => number): Promise<Attempt> {
  let response: Response;
  try {
    const signal = AbortSignal.timeout(options.timeoutMs);
    response = await options.fetch(url, { headers: options.headers, signal, redirect: 'follow' });
    if (response.status === 200) {
      // Keep a byte-order mark, as reading the same file from disk would.
      const bytes = await response.arrayBuffer();
      return {
        kind: 'done',
        result: { status: 200, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) },
      };
    }
    await response.body?.cancel().catch(() => undefined);
  } catch (error) {
    return { kind: 'retry', reason: describeFailure(error, options.timeoutMs), waitMs: null, status: null };
  }

  const { status, headers } = response;
  if (status === 404) return { kind: 'done', result: { status: 404, text: null } };

  const retryAfter = parseRetryAfter(headers.get('retry-after'), now());
  const rateLimited = headers.get('x-ratelimit-remaining') === '0';
  if (status === 429 || (status === 403 && (rateLimited || retryAfter !== null))) {
    const resetWait = rateLimited ? parseRateLimitReset(headers.get('x-ratelimit-reset'), now()) : null;
    const reason = rateLimited
      ? `HTTP ${status}: GitHub rate limit exhausted (set GITHUB_TOKEN for a higher limit)`
      : `HTTP ${status}: rate limited`;
    return { kind: 'retry', reason, waitMs: retryAfter ?? resetWait, status };
  }
  if (status >= 500) return { kind: 'retry', reason: `HTTP ${status}`, waitMs: retryAfter, status };
  if (status === 401)
    return { kind: 'fail', reason: 'HTTP 401: the GitHub token was rejected (check GITHUB_TOKEN)', status };
  return { kind: 'fail', reason: `HTTP ${status}`, status };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `timed out after ${timeoutMs} ms`;
  }
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? cause.message : '';
    return `network error: ${error.message}${detail && detail !== error.message ? ` (${detail})` : ''}`;
  }
  return `network error: ${String(error)}`;
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** GitHub's x-ratelimit-reset is the epoch second the window resets; wait one second past it. */
export function parseRateLimitReset(value: string | null, nowMs: number): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Math.max(0, Number(value.trim()) * 1000 - nowMs + 1000);
}

function formatWait(ms: number): string {
  return ms >= 120_000 ? `${Math.ceil(ms / 60_000)} min` : `${Math.ceil(ms / 1000)} s`;
}

/** Runs at most `limit` tasks at once; the rest wait in order. */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  let active = 0;
  const waiting: Array<() => void> = [];
  // A finishing task hands its slot straight to the next waiter, so no newcomer can slip in between.
  const acquire = (): Promise<void> => {
    if (active < limit) {
      active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    await acquire();
    try {
      return await task();
    } finally {
      release();
    }
  };
}
