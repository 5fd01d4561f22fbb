import type { z } from 'zod';
import { ImportError } from '../errors.ts';
import type { ProgressEvent } from '../progress.ts';
import { createLimiter, type GetTextOptions, getText } from './http.ts';

const USER_AGENT = 'k8s-release-bot-sync';

export interface GitHubClientOptions {
  /** Sent as `Authorization: Bearer` to the API only, never to raw downloads; never logged. */
  token?: string;
  /** Per request attempt, including the body (default 15 s). */
  timeoutMs?: number;
  /** Extra attempts after a network error, timeout, 5xx or 429 (default 3). */
  retries?: number;
  /** Requests in flight at once, across API and raw downloads (default 8). */
  concurrency?: number;
  /** First retry delay, doubled each retry, with jitter (default 500 ms). */
  retryBaseMs?: number;
  /** Longest Retry-After or rate-limit reset worth waiting for (default 60 s); longer fails at once. */
  maxRetryWaitMs?: number;
  fetch?: typeof fetch;
}

/** HTTPS to GitHub: JSON from the API (with the token), text from raw downloads (without it); retried and limited. */
export class GitHubClient {
  private readonly http: GetTextOptions;
  private readonly apiHeaders: Record<string, string>;
  private readonly rawHeaders: Record<string, string> = { 'user-agent': USER_AGENT };

  constructor(
    options: GitHubClientOptions,
    private readonly progress: (event: ProgressEvent) => void,
  ) {
    this.http = {
      timeoutMs: options.timeoutMs ?? 15_000,
      retries: options.retries ?? 3,
      retryBaseMs: options.retryBaseMs ?? 500,
      maxRetryWaitMs: options.maxRetryWaitMs ?? 60_000,
      fetch: options.fetch ?? globalThis.fetch,
      schedule: createLimiter(options.concurrency ?? 8),
    };
    this.apiHeaders = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': USER_AGENT,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    };
  }

  /** The API's JSON, validated by `schema`; null on 404. Errors name `file` (what the request was for). */
  async getJson<T>(url: string, schema: z.ZodType<T>, file: string): Promise<T | null> {
    let text: string | null;
    try {
      text = (await this.get(url, this.apiHeaders, file)).text;
    } catch (error) {
      throw new ImportError(file, null, `GitHub API request failed: ${errorMessage(error)}`);
    }
    if (text === null) return null;
    const parsed = schema.safeParse(parseJson(text, url, file));
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const message = `unexpected response from ${url}: ${issue?.message ?? 'invalid'}`;
    throw new ImportError(file, issue?.path.join('.') || null, message);
  }

  /** A raw file's text; null on 404. Throws the HTTP failure for the caller to name. */
  async getRaw(url: string, label: string): Promise<string | null> {
    return (await this.get(url, this.rawHeaders, label)).text;
  }

  private get(url: string, headers: Record<string, string>, label: string) {
    return getText(url, {
      ...this.http,
      headers,
      onRetry: ({ attempt, attempts, reason, waitMs }) =>
        this.progress({ phase: 'retry', path: label, attempt, attempts, reason, waitMs }),
    });
  }
}

function parseJson(text: string, url: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ImportError(file, null, `${url} did not return JSON`);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
