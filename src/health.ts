import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers one GET path on the bot's HTTP server (status, metrics, calendar feed). */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** Liveness is "the process answers"; readiness is "data loaded and adapters connected, not shutting down". */
export class HealthState {
  private ready = false;
  private reason = 'starting';
  /** Further paths served beside the probes, on whichever server serves them (ours or Slack's receiver). */
  readonly routes = new Map<string, RouteHandler>();

  /** Registers a path; must happen before the adapters start (Slack's receiver reads the list once). */
  route(path: string, handler: RouteHandler): void {
    this.routes.set(path, handler);
  }

  markReady(): void {
    this.ready = true;
    this.reason = 'ok';
  }

  markNotReady(reason: string): void {
    this.ready = false;
    this.reason = reason;
  }

  get isReady(): boolean {
    return this.ready;
  }

  get status(): string {
    return this.reason;
  }
}

export const HEALTH_PATHS = { liveness: '/healthz', readiness: '/readyz' } as const;

/** Every path handleHealthRequest answers. */
export const servedPaths = (state: HealthState): string[] => [...Object.values(HEALTH_PATHS), ...state.routes.keys()];

/** Answers /healthz, /readyz and the registered routes; returns false for any other path so the caller can route it. */
export function handleHealthRequest(request: IncomingMessage, response: ServerResponse, state: HealthState): boolean {
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
