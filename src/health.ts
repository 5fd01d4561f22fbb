import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Logger, silentLogger } from './log.ts';

/** Answers one GET path on the bot's HTTP server (status, metrics, calendar feed). */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** What an adapter (or the storage) reports when its connection drops or comes back. */
export type ConnectionChange = { connected: true } | { connected: false; reason: string };
export type ConnectionListener = (change: ConnectionChange) => void;

/** What the HTTP side reads: liveness is "the process answers", readiness is this, plus the extra GET routes. */
export interface HealthView {
  readonly isReady: boolean;
  /** "ok" when ready; otherwise why not ("starting", "shutting down", what is down). */
  readonly status: string;
  readonly routes: ReadonlyMap<string, RouteHandler>;
}

/**
 * The one owner of readiness: not ready while starting or stopping, nor while anything reported through a
 * `connection` listener is down (the storage, a platform connection), each reason named in /readyz. Only the
 * composition root holds it; what serves HTTP gets the read-only `view`, adapters only a listener.
 */
export class Health {
  private phase: 'starting' | 'running' | 'stopping' = 'starting';
  private readonly lost = new Map<string, string>();
  private readonly routeTable = new Map<string, RouteHandler>();
  readonly view: HealthView;

  constructor(private readonly logger: Logger = silentLogger) {
    const health = this;
    this.view = Object.freeze({
      get isReady() {
        return health.isReady;
      },
      get status() {
        return health.status;
      },
      routes: this.routeTable,
    });
  }

  /** Registers a path served beside the probes, on whichever server serves them (ours or Slack's receiver). */
  route(path: string, handler: RouteHandler): void {
    this.routeTable.set(path, handler);
  }

  /** The listener one dependency reports its connection to. */
  connection(name: string): ConnectionListener {
    return (change) => {
      const wasLost = this.lost.get(name);
      if (change.connected) {
        if (wasLost === undefined) return;
        this.lost.delete(name);
        if (this.phase === 'running') this.logger.info({ adapter: name }, 'connection restored');
        return;
      }
      if (wasLost === change.reason) return;
      this.lost.set(name, change.reason);
      if (this.phase === 'running')
        this.logger.warn({ adapter: name, reason: change.reason }, 'connection lost: not ready until it is back');
    };
  }

  /** Everything started: ready, unless a connection is already down. */
  markRunning(): void {
    if (this.phase === 'starting') this.phase = 'running';
  }

  /** Shutdown began: not ready from now on, whatever the connections do. */
  markStopping(): void {
    this.phase = 'stopping';
  }

  private get isReady(): boolean {
    return this.phase === 'running' && this.lost.size === 0;
  }

  private get status(): string {
    if (this.phase === 'starting') return 'starting';
    if (this.phase === 'stopping') return 'shutting down';
    return this.lost.size === 0 ? 'ok' : [...this.lost.values()].join('; ');
  }
}

export const HEALTH_PATHS = { liveness: '/healthz', readiness: '/readyz' } as const;

/** Every path handleHealthRequest answers. */
export const servedPaths = (state: HealthView): string[] => [...Object.values(HEALTH_PATHS), ...state.routes.keys()];

/** Answers /healthz, /readyz and the registered routes; returns false for any other path so the caller can route it. */
export function handleHealthRequest(request: IncomingMessage, response: ServerResponse, state: HealthView): boolean {
  const path = (request.url ?? '').split('?')[0];
  if (path === HEALTH_PATHS.liveness) {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
    return true;
  }
  if (path === HEALTH_PATHS.readiness) {
    const code = state.isReady ? 200 : 503;
    response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ status: state.status }));
    return true;
  }
  const handler = path === undefined ? undefined : state.routes.get(path);
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(request, response))
    .catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  return true;
}
