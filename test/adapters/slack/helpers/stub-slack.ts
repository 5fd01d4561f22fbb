import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  authorization: string | undefined;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

type MethodHandler = (
  params: Record<string, unknown>,
  request: { authorization: string | undefined },
) => {
  /** Answer only after this long (a slow Slack). */
  delayMs?: number;
  status?: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
};

type PageHandler = (url: URL) => { status?: number; body: string };

export const BOT_USER_ID = 'UBOT0001';
export const BOT_ID = 'BBOT0001';
export const TEAM_ID = 'T0TEST01';

/**
 * A local stand-in for the Slack Web API (http://127.0.0.1:<port>/api/<method>) and for
 * response_url endpoints (http://127.0.0.1:<port>/response/<id>). Records everything it receives.
 */
export class StubSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** Methods whose request the client gave up on (closed the connection) before the stub answered. */
  readonly cancelled: string[] = [];
  private readonly hanging = new Set<string>();
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly pages = new Map<string, PageHandler>();
  private server: Server | null = null;
  private port = 0;

  constructor() {
    this.on('auth.test', () => ({
      body: { ok: true, user_id: BOT_USER_ID, bot_id: BOT_ID, team_id: TEAM_ID, user: 'k8s-release-bot', team: 'Test' },
    }));
    this.on('chat.postMessage', (params) => ({
      body: { ok: true, channel: params.channel, ts: `${Date.now() / 1000}` },
    }));
  }

  /** Replaces the behaviour of one Web API method. */
  on(method: string, handler: MethodHandler): this {
    this.handlers.set(method, handler);
    return this;
  }

  /** Serves a web page at `path` (outside /api/), as slack.com serves its OAuth authorize page. */
  page(path: string, handler: PageHandler): this {
    this.pages.set(path, handler);
    return this;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Makes a Web API method receive requests but never answer them, as a stuck Slack would. */
  hang(method: string): this {
    this.hanging.add(method);
    return this;
  }

  /** Answers a hanging method again (requests already held stay unanswered). */
  release(method: string): this {
    this.hanging.delete(method);
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void readBody(request).then((raw) => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const respond = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
          response.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
        };
        const page = this.pages.get(url.pathname);
        if (page) {
          const result = page(url);
          response.writeHead(result.status ?? 200, { 'content-type': 'text/html; charset=utf-8' }).end(result.body);
          return;
        }
        if (url.pathname.startsWith('/response/')) {
          this.responses.push({
            id: url.pathname.slice('/response/'.length),
            body: JSON.parse(raw) as Record<string, unknown>,
          });
          respond(200, { ok: true });
          return;
        }
        const method = url.pathname.replace(/^\/api\//, '');
        const params = parseParams(raw, request.headers['content-type']);
        this.calls.push({ method, params, authorization: request.headers.authorization });
        if (this.hanging.has(method)) {
          response.on('close', () => {
            if (!response.writableEnded) this.cancelled.push(method);
          });
          return;
        }
        const handler = this.handlers.get(method);
        if (!handler) {
          respond(200, { ok: false, error: 'unknown_method' });
          return;
        }
        const result = handler(params, { authorization: request.headers.authorization });
        if (result.delayMs)
          setTimeout(() => respond(result.status ?? 200, result.body, result.headers), result.delayMs);
        else respond(result.status ?? 200, result.body, result.headers);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The Web API client sends form fields, with arrays/objects (blocks) as JSON strings. */
function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return params;
}

/** Polls until `check` returns a value (not undefined/false), or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
