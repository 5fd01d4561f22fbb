import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { type HealthView, handleHealthRequest } from '../../src/health.ts';
import type { Logger } from '../../src/log.ts';
import { closeServer, listen } from '../http-server.ts';
import { parseFormBody } from './form-body.ts';
import { toJson } from './render/prepared-json.ts';

/** Slack's payloads are far below this (a modal submission is a few tens of KB). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Requests signed further from our clock than this, in either direction, are refused (replays, forged clocks). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Slack gives up on an ack after 3 s; an event nobody acked by then gets an empty 200 so Slack does not retry. */
const UNACKED_AFTER_MS = 3001;

export interface GuardedReceiverOptions {
  signingSecret: string;
  eventsPath: string;
  port: number;
  /** Default: all interfaces, as Slack must reach it. */
  host?: string;
  health: HealthView;
  logger: Logger;
  maxBodyBytes?: number;
  /** Unix seconds; tests move it. */
  now?: () => number;
}

type Refusal = { status: number; reason: string };
class RequestRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}
const refuse = (status: number, reason: string): never => {
  throw new RequestRefused({ status, reason });
};

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Reads the body, refusing it from Content-Length or as soon as the stream passes the limit: never buffers more. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(header(request, 'content-length') ?? 0);
  if (declared > limit)
    return Promise.reject(new RequestRefused({ status: 413, reason: `body of ${declared} bytes declared` }));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.pause();
        reject(new RequestRefused({ status: 413, reason: `body over ${limit} bytes` }));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    // A slash command's body is one chunk: used as it is, not copied.
    request.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    request.once('error', reject);
  });
}

/** Slack's v0 signature, with the timestamp checked both ways (Bolt's own check ignores the future). */
function verifySignature(request: IncomingMessage, body: Buffer, secret: KeyObject, nowSeconds: number): void {
  const timestamp = header(request, 'x-slack-request-timestamp') ?? '';
  const signature = header(request, 'x-slack-signature') ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) refuse(401, 'missing or malformed x-slack-request-timestamp');
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS)
    refuse(401, 'timestamp more than 5 minutes from now');
  const expected = Buffer.from(
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) refuse(401, 'bad signature');
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON object, a form (slash commands) or a form carrying `payload=<JSON object>` (interactivity); else 400. */
function parseBody(body: Buffer, contentType: string): Record<string, unknown> {
  const text = body.toString('utf8');
  let parsed: unknown;
  try {
    if (contentType.startsWith('application/x-www-form-urlencoded')) {
      const form = parseFormBody(text);
      parsed = typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
    } else {
      parsed = JSON.parse(text);
    }
  } catch {
    refuse(400, 'body is not valid JSON or form data');
  }
  if (!isObject(parsed)) return refuse(400, 'body is not an object');
  // An event callback's event must be an object: Bolt reads its fields unguarded.
  if ('event' in parsed && !isObject(parsed.event)) refuse(400, 'event is not an object');
  return parsed;
}

function respond(response: ServerResponse, status: number, body?: unknown): void {
  if (response.headersSent) return;
  if (body === undefined || body === '') {
    response.writeHead(status).end();
  } else if (typeof body === 'string') {
    send(response, status, 'text/plain; charset=utf-8', body);
  } else {
    send(response, status, 'application/json', toJson(body));
  }
}

/** With its Content-Length the reply goes out in one write; without, Node frames it as chunks (four more pieces). */
function send(response: ServerResponse, status: number, contentType: string, text: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) }).end(text);
}

/**
 * Bolt's HTTP receiver, hardened: bodies over the limit are refused before they are buffered (Bolt reads
 * everything first), the signature's timestamp must be within 5 minutes either way, and any malformed body
 * is a 400 (Bolt's parser let `null` through to crash the process). Also serves /healthz and /readyz.
 */
export class GuardedHttpReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | null = null;
  private readonly limit: number;
  private readonly now: () => number;
  /** Made once: createHmac turns a string secret into key material again on every request. */
  private readonly signingKey: KeyObject;

  constructor(private readonly options: GuardedReceiverOptions) {
    this.limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.signingKey = createSecretKey(Buffer.from(options.signingSecret, 'utf8'));
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<Server> {
    const { port, host } = this.options;
    const server = createServer((request, response) => this.route(request, response));
    this.server = server;
    await listen(server, port, host);
    return server;
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    return closeServer(server);
  }

  private route(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '').split('?')[0];
    if (path === this.options.eventsPath && request.method === 'POST') {
      void this.receive(request, response);
      return;
    }
    if (
      (request.method === 'GET' || request.method === 'HEAD') &&
      handleHealthRequest(request, response, this.options.health)
    )
      return;
    respond(response, 404, 'not found\n');
  }

  private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body: Record<string, unknown>;
    try {
      const raw = await readBody(request, this.limit);
      verifySignature(request, raw, this.signingKey, this.now());
      body = parseBody(raw, header(request, 'content-type') ?? '');
    } catch (error) {
      const refusal =
        error instanceof RequestRefused ? error.refusal : { status: 400, reason: (error as Error).message };
      this.options.logger.warn({ status: refusal.status, reason: refusal.reason }, 'Slack request refused');
      // A refused body is not read further: close the connection instead of draining it.
      if (refusal.status === 413) response.setHeader('connection', 'close');
      respond(response, refusal.status);
      if (refusal.status === 413) response.once('finish', () => request.destroy());
      return;
    }
    if (body.ssl_check === '1') return respond(response, 200);
    if (body.type === 'url_verification') return respond(response, 200, { challenge: body.challenge });
    await this.dispatch(body, request, response);
  }

  private async dispatch(
    body: Record<string, unknown>,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    let acked = false;
    const unacked = setTimeout(() => {
      if (acked) return;
      acked = true;
      this.options.logger.warn('a Slack request was not acknowledged within 3 s');
      respond(response, 200);
    }, UNACKED_AFTER_MS);
    const event: ReceiverEvent = {
      body,
      ack: async (answer?: unknown) => {
        if (acked) return;
        acked = true;
        clearTimeout(unacked);
        respond(response, 200, answer);
      },
      retryNum: Number(header(request, 'x-slack-retry-num')) || undefined,
      retryReason: header(request, 'x-slack-retry-reason'),
      customProperties: {},
    };
    try {
      await this.app?.processEvent(event);
    } catch (error) {
      this.options.logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        'Slack event processing failed',
      );
      if (!acked) {
        acked = true;
        clearTimeout(unacked);
        respond(response, 500);
      }
    }
  }
}
