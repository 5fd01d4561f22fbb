import { describe, expect, it } from 'vitest';
import {
  createLimiter,
  getText,
  HttpError,
  parseRateLimitReset,
  parseRetryAfter,
  type GetTextOptions,
  type RetryNotice,
} from '../../../src/import/readers/http.ts';

const NOW = Date.parse('2026-08-01T12:00:00Z');

function options(fetch: typeof globalThis.fetch, extra: Partial<GetTextOptions> = {}): GetTextOptions {
  return { fetch, timeoutMs: 1_000, retries: 3, retryBaseMs: 1, maxRetryWaitMs: 60_000, now: () => NOW, ...extra };
}

/** A fetch answering from a script, one entry per call: a Response, or an error to throw. */
function scriptedFetch(script: Array<Response | Error>) {
  const calls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    calls.push(String(input));
    const next = script.shift();
    if (!next) throw new Error('script exhausted');
    if (next instanceof Error) throw next;
    return next;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('7', NOW)).toBe(7_000);
    expect(parseRetryAfter('Sat, 01 Aug 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Sat, 01 Aug 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
  });
});

describe('parseRateLimitReset', () => {
  it('waits until one second past the reset epoch second', () => {
    expect(parseRateLimitReset(String(NOW / 1000 + 10), NOW)).toBe(11_000);
    expect(parseRateLimitReset(String(NOW / 1000 - 60), NOW)).toBe(0);
    expect(parseRateLimitReset('never', NOW)).toBeNull();
  });
});

describe('getText', () => {
  it('retries network errors with growing delays and then succeeds', async () => {
    const { fetch, calls } = scriptedFetch([
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
      new Response('hello'),
    ]);
    const notices: RetryNotice[] = [];
    const result = await getText(
      'https://example.test/a',
      options(fetch, { retryBaseMs: 4, random: () => 1, onRetry: (n) => notices.push(n) }),
    );
    expect(result).toEqual({ status: 200, text: 'hello' });
    expect(calls).toHaveLength(3);
    expect(notices.map((n) => [n.attempt, n.waitMs, n.reason])).toEqual([
      [1, 4, 'network error: fetch failed'],
      [2, 8, 'network error: fetch failed'],
    ]);
  });

  it('keeps jitter within half to all of the backoff', async () => {
    const { fetch } = scriptedFetch([new Response('', { status: 502 }), new Response('ok')]);
    const notices: RetryNotice[] = [];
    await getText(
      'https://example.test/a',
      options(fetch, { retryBaseMs: 10, random: () => 0, onRetry: (n) => notices.push(n) }),
    );
    expect(notices[0]!.waitMs).toBe(5);
  });

  it('answers null for a 404 without retrying', async () => {
    const { fetch, calls } = scriptedFetch([new Response('nope', { status: 404 })]);
    expect(await getText('https://example.test/a', options(fetch))).toEqual({ status: 404, text: null });
    expect(calls).toHaveLength(1);
  });

  it('gives up at once when Retry-After asks for longer than it will wait', async () => {
    const { fetch, calls } = scriptedFetch([new Response('', { status: 429, headers: { 'retry-after': '3600' } })]);
    const failure = getText('https://example.test/a', options(fetch));
    await expect(failure).rejects.toThrow(HttpError);
    await expect(failure).rejects.toThrow(
      'https://example.test/a: HTTP 429: rate limited; the server asks to wait 60 min, giving up',
    );
    expect(calls).toHaveLength(1);
  });

  it('honours Retry-After on a 503', async () => {
    const { fetch } = scriptedFetch([
      new Response('', { status: 503, headers: { 'retry-after': '0' } }),
      new Response('ok'),
    ]);
    const notices: RetryNotice[] = [];
    await getText('https://example.test/a', options(fetch, { retryBaseMs: 1_000, onRetry: (n) => notices.push(n) }));
    expect(notices[0]!.waitMs).toBe(0);
  });

  it('reports the last failure with the attempt count', async () => {
    const { fetch } = scriptedFetch([new Response('', { status: 500 }), new Response('', { status: 500 })]);
    await expect(getText('https://example.test/a', options(fetch, { retries: 1 }))).rejects.toThrow(
      'https://example.test/a: HTTP 500 (gave up after 2 attempts)',
    );
  });
});

describe('createLimiter', () => {
  it('runs at most the limit at once and starts waiting tasks in order', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, deferred);
    const tasks = gates.map((gate, index) =>
      limit(async () => {
        started.push(index);
        running++;
        peak = Math.max(peak, running);
        await gate.promise;
        running--;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await tasks[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    // A newcomer queues behind the tasks already waiting.
    const late = limit(async () => {
      started.push(99);
      return 99;
    });
    for (const gate of gates) gate.resolve();
    expect(await Promise.all([...tasks, late])).toEqual([0, 1, 2, 3, 4, 99]);
    expect(started).toEqual([0, 1, 2, 3, 4, 99]);
    expect(peak).toBe(2);
  });

  it('frees the slot when a task fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit(async () => 'next')).toBe('next');
  });

  it('rejects a nonsensical limit', () => {
    expect(() => createLimiter(0)).toThrow(/positive integer/);
  });
});
