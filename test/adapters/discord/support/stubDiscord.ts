import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayDispatchEvents, GatewayOpcodes } from 'discord.js';
import {
  botUser,
  guildCreatePayload,
  HOME,
  IDS,
  readyPayload,
  shardOfGuild,
  snowflake,
  type GuildPlace,
} from './payloads.ts';
import { ServerWebSocket } from './websocket.ts';

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. /interactions/123/token/callback. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  // biome-ignore lint/suspicious/noExplicitAny: the stub reads whatever JSON discord.js sends, as Discord would
  body: any;
}

/** One gateway connection and the shard its session carries (Identify's `shard`, [0, 1] when it sent none). */
interface GatewayConnection {
  socket: ServerWebSocket;
  shard: [number, number] | null;
}

interface ChannelFailure {
  status: number;
  code: number;
  message: string;
  headers?: Record<string, string>;
}

/**
 * A local Discord: the REST API discord.js's REST client talks to (via DISCORD_API_URL), and a gateway
 * it connects to because GET /gateway/bot points there. Records every request; dispatches any event.
 * Each shard has its own connection and session; a guild's events go only to the shard Discord's rule names.
 */
export class StubDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Requests and gateway connection changes in the order they happened. */
  readonly timeline: string[] = [];
  /** The latest Identify payload, and every one in order. */
  // biome-ignore lint/suspicious/noExplicitAny: the stub reads whatever JSON discord.js sends, as Discord would
  identify: any = null;
  // biome-ignore lint/suspicious/noExplicitAny: the stub reads whatever JSON discord.js sends, as Discord would
  readonly identifies: any[] = [];
  /** The guilds the bot is in; each shard's READY lists (and GUILD_CREATE sends) only its own. */
  readonly guilds: GuildPlace[] = [HOME];
  /** GET /gateway/bot's session_start_limit.max_concurrency: how many shards may identify at once. */
  maxConcurrency = 1;
  private readonly server: Server;
  private readonly events = new EventEmitter();
  /** Open connections, oldest first. */
  private connections: GatewayConnection[] = [];
  /** Session id → the shard it was opened for, so a Resume lands on the same shard. */
  private readonly sessions = new Map<string, [number, number]>();
  private sequence = 0;
  private readonly failures = new Map<string, ChannelFailure>();
  private readonly hanging = new Set<string>();
  /** Requests (`METHOD /path`) the client gave up on (closed the connection) before the stub answered. */
  readonly cancelled: string[] = [];
  /** When set, a message with a message_reference is refused as Discord does without Read Message History. */
  refuseReplies = false;
  /** When set, authenticated routes answer 401 unless `Authorization: Bot <token>` matches, as Discord does. */
  acceptedToken: string | null = null;
  /** Gateway opcodes received from the client, in order (Identify 2, Resume 6, …; heartbeats left out). */
  readonly gatewayOps: number[] = [];
  /** When set, Identify and Resume are not answered (no READY / RESUMED) until releaseSessions(). */
  holdSessions = false;
  private heldSessions: (() => void)[] = [];

  private constructor() {
    this.server = createServer((request, response) => void this.handleRest(request, response));
    this.server.on('upgrade', (request, socket) => this.acceptGateway(request, socket));
  }

  static async start(): Promise<StubDiscord> {
    const stub = new StubDiscord();
    stub.server.listen(0, '127.0.0.1');
    await once(stub.server, 'listening');
    return stub;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** What DISCORD_API_URL is set to. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get gatewayConnected(): boolean {
    return this.connections.length > 0;
  }

  /** The shards with a live session, e.g. ['0/2', '1/2']. */
  get connectedShards(): string[] {
    return this.connections.flatMap(({ shard }) => (shard ? [`${shard[0]}/${shard[1]}`] : [])).sort();
  }

  /** The newest connection, or the newest carrying `shardId` (a reconnecting client briefly has two). */
  private connection(shardId?: number): GatewayConnection {
    const candidates = this.connections.filter(({ shard }) => shardId === undefined || shard?.[0] === shardId);
    const found = candidates.at(-1);
    if (!found) throw new Error(`no gateway connection${shardId === undefined ? '' : ` for shard ${shardId}`}`);
    return found;
  }

  /**
   * The connections Discord sends `data` on: a guild's events to shard (guild_id >> 22) % count, everything else
   * (direct messages) to shard 0. Like Discord, every session carrying that shard gets it: two replicas that
   * identify the same shard both receive each event.
   */
  // biome-ignore lint/suspicious/noExplicitAny: the stub reads whatever JSON discord.js sends, as Discord would
  private connectionsFor(event: string, data: any): GatewayConnection[] {
    const guildId: unknown = event === GatewayDispatchEvents.GuildCreate ? data?.id : data?.guild_id;
    // A connection without a session yet (before READY or RESUMED) gets no events, as on Discord.
    const owning = this.connections.filter(
      ({ shard }) =>
        shard !== null && (typeof guildId === 'string' ? shardOfGuild(guildId, shard[1]) === shard[0] : shard[0] === 0),
    );
    const carried = typeof guildId === 'string' ? `guild ${guildId}` : 'shard 0';
    if (owning.length === 0) throw new Error(`no gateway session carries ${carried}`);
    return owning;
  }

  /** Makes POST /channels/:id/messages and GET /channels/:id fail the way Discord does. */
  failChannel(channelId: string, failure: ChannelFailure): void {
    this.failures.set(channelId, failure);
  }

  /** Makes the channel's routes answer 429 with a Retry-After, as Discord does when a route is rate limited. */
  rateLimitChannel(channelId: string, retryAfterSeconds: number): void {
    this.failures.set(channelId, {
      status: 429,
      code: 0,
      message: 'You are being rate limited.',
      headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': 'user' },
    });
  }

  /** Makes POST /channels/:id/messages receive messages but never answer, as a stuck Discord would. */
  hangChannel(channelId: string): void {
    this.hanging.add(channelId);
  }

  /** Closes the newest gateway connection (or `shardId`'s) with a close code, as Discord does dropping a session. */
  dropGateway(code: number, shardId?: number): void {
    this.connection(shardId).socket.close(code);
  }

  /** Sends INVALID_SESSION (op 9); `resumable: false` makes the client start a new session. */
  invalidateSession(resumable: boolean, shardId?: number): void {
    this.connection(shardId).socket.sendText(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: resumable }));
  }

  /** Answers the Identify / Resume payloads held while `holdSessions` was set, and stops holding. */
  releaseSessions(): void {
    this.holdSessions = false;
    for (const answer of this.heldSessions.splice(0)) answer();
  }

  /** Resolves once the client has sent `op` (now or before) for the `nth` time. */
  async waitForGatewayOp(op: number, nth = 1, timeoutMs = 5000): Promise<void> {
    const seen = () => this.gatewayOps.filter((received) => received === op).length >= nth;
    const deadline = Date.now() + timeoutMs;
    while (!seen()) {
      if (Date.now() > deadline)
        throw new Error(`gateway op ${op} not received ${nth} time(s); got ${this.gatewayOps.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Sends a gateway DISPATCH, exactly as Discord frames one, on the sessions of the shard that carries it. */
  dispatch(event: string, data: unknown): void {
    for (const connection of this.connectionsFor(event, data)) this.send(connection, event, data);
  }

  private send(connection: GatewayConnection, event: string, data: unknown): void {
    this.sequence += 1;
    connection.socket.sendText(JSON.stringify({ op: GatewayOpcodes.Dispatch, t: event, s: this.sequence, d: data }));
  }

  /** Resolves with the first request (already received or still to come) that matches. */
  async waitForRequest(matches: (request: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const found = this.requests.find(matches);
    if (found) return found;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('request', listener);
        reject(
          new Error(
            `no matching request within ${timeoutMs} ms; got: ${this.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
          ),
        );
      }, timeoutMs);
      const listener = (request: RecordedRequest) => {
        if (!matches(request)) return;
        clearTimeout(timer);
        this.events.off('request', listener);
        resolve(request);
      };
      this.events.on('request', listener);
    });
  }

  async close(): Promise<void> {
    for (const { socket } of this.connections) socket.close();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private acceptGateway(request: IncomingMessage, upgraded: import('node:stream').Duplex): void {
    const connection: GatewayConnection = { socket: null as unknown as ServerWebSocket, shard: null };
    connection.socket = ServerWebSocket.accept(
      request,
      upgraded,
      (text) => this.onGatewayMessage(connection, JSON.parse(text)),
      () => {
        // A reconnecting client opens the new connection before the old one has finished closing.
        this.connections = this.connections.filter((open) => open !== connection);
        this.timeline.push('gateway closed');
      },
    );
    this.connections.push(connection);
    connection.socket.sendText(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: 41_250 } }));
  }

  // biome-ignore lint/suspicious/noExplicitAny: the stub reads whatever JSON discord.js sends, as Discord would
  private onGatewayMessage(connection: GatewayConnection, payload: { op: number; d: any }): void {
    if (payload.op === GatewayOpcodes.Heartbeat) {
      connection.socket.sendText(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
      return;
    }
    this.gatewayOps.push(payload.op);
    if (payload.op === GatewayOpcodes.Identify) {
      this.identify = payload.d;
      this.identifies.push(payload.d);
      this.events.emit('identify', payload.d);
      this.answerSession(() => this.openSession(connection, payload.d.shard ?? [0, 1]));
    } else if (payload.op === GatewayOpcodes.Resume) {
      this.answerSession(() => {
        connection.shard = this.sessions.get(payload.d.session_id) ?? [0, 1];
        this.send(connection, GatewayDispatchEvents.Resumed, {});
      });
    }
  }

  /** READY for the shard, listing only the guilds Discord routes to it, then each of those guilds. */
  private openSession(connection: GatewayConnection, shard: [number, number]): void {
    const [id, count] = shard;
    const owned = this.guilds.filter((place) => shardOfGuild(place.guild, count) === id);
    const sessionId = randomBytes(16).toString('hex');
    this.sessions.set(sessionId, shard);
    connection.shard = shard;
    const session = { id: sessionId, shard, guilds: owned.map((place) => place.guild) };
    this.send(connection, GatewayDispatchEvents.Ready, readyPayload(this.gatewayUrl, session));
    for (const place of owned) this.send(connection, GatewayDispatchEvents.GuildCreate, guildCreatePayload(place));
  }

  private answerSession(answer: () => void): void {
    if (this.holdSessions) this.heldSessions.push(answer);
    else answer();
  }

  private async handleRest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, ''),
      query: url.searchParams,
      headers: request.headers,
      body: raw && String(request.headers['content-type']).includes('json') ? JSON.parse(raw) : raw || null,
    };
    this.requests.push(recorded);
    this.timeline.push(`${recorded.method} ${recorded.path}`);
    const hangs =
      recorded.method === 'POST' && this.hanging.has(/^\/channels\/(\d+)\/messages$/.exec(recorded.path)?.[1] ?? '');
    if (hangs) {
      response.on('close', () => {
        if (!response.writableEnded) this.cancelled.push(`${recorded.method} ${recorded.path}`);
      });
      this.events.emit('request', recorded);
      return;
    }
    const { status, body, headers = {} } = this.route(recorded);
    if (body === undefined) response.writeHead(status, headers).end();
    else response.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
    this.events.emit('request', recorded);
  }

  private route(request: RecordedRequest): { status: number; body?: unknown; headers?: Record<string, string> } {
    const { method, path } = request;
    const authenticated = !path.startsWith('/interactions/') && !path.startsWith('/webhooks/');
    if (authenticated && this.acceptedToken && request.headers.authorization !== `Bot ${this.acceptedToken}`) {
      return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    }
    if (method === 'GET' && path === '/gateway/bot') {
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: {
            total: 1000,
            remaining: 999,
            reset_after: 14_400_000,
            max_concurrency: this.maxConcurrency,
          },
        },
      };
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return { status: 204 };
    if (method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) {
      return { status: 200, body: this.message(IDS.channel, request.body) };
    }
    const channel = /^\/channels\/(\d+)(\/messages)?$/.exec(path);
    if (channel) {
      const failure = this.failures.get(channel[1]!);
      if (failure) {
        const retryAfter = failure.headers?.['retry-after'];
        const body = {
          message: failure.message,
          code: failure.code,
          ...(retryAfter ? { retry_after: Number(retryAfter), global: false } : {}),
        };
        return { status: failure.status, body, ...(failure.headers ? { headers: failure.headers } : {}) };
      }
      if (method === 'GET' && !channel[2]) {
        return {
          status: 200,
          body: {
            id: channel[1],
            type: 0,
            guild_id: IDS.guild,
            name: 'releases',
            position: 0,
            permission_overwrites: [],
            parent_id: null,
            nsfw: false,
            flags: 0,
          },
        };
      }
      if (method === 'POST' && channel[2] && this.refuseReplies && request.body?.message_reference) {
        return {
          status: 403,
          body: { message: 'Cannot reply without permission to read message history', code: 160002 },
        };
      }
      if (method === 'POST' && channel[2]) return { status: 200, body: this.message(channel[1]!, request.body) };
    }
    const commands = /^\/applications\/\d+(?:\/guilds\/\d+)?\/commands$/.exec(path);
    if (method === 'PUT' && commands) {
      return {
        status: 200,
        body: (request.body as object[]).map((command) => ({
          ...command,
          id: snowflake(),
          application_id: IDS.application,
          version: snowflake(),
        })),
      };
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  // biome-ignore lint/suspicious/noExplicitAny: the stub reads whatever JSON discord.js sends, as Discord would
  private message(channelId: string, body: any): unknown {
    return {
      id: snowflake(),
      channel_id: channelId,
      author: botUser,
      content: body?.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body?.embeds ?? [],
      pinned: false,
      type: body?.message_reference ? 19 : 0,
      flags: body?.flags ?? 0,
      components: [],
      ...(body?.message_reference ? { message_reference: body.message_reference } : {}),
    };
  }
}
