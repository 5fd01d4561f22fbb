import type { IncomingMessage, ServerResponse } from 'node:http';

/** Liveness is "the process answers"; readiness is "data loaded and adapters connected, not shutting down". */
export class HealthState {
  private ready = false;
  private reason = 'starting';

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

/** Answers /healthz and /readyz; returns false for any other path so the caller can route it. */
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
  return false;
}
