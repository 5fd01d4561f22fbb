import type { HealthState } from '../src/health.ts';
import type { Logger } from '../src/log.ts';

/** What an adapter reports when its live connection to the platform drops or comes back. */
export type ConnectionChange = { connected: true } | { connected: false; reason: string };
export type ConnectionListener = (change: ConnectionChange) => void;

/**
 * Readiness for the whole app: not ready while starting or stopping, and not ready while any adapter's
 * connection is down (the reasons named in /readyz). Adapters only report changes through a listener;
 * they never see the HealthState.
 */
export class Readiness {
  private phase: 'starting' | 'running' | 'stopping' = 'starting';
  private readonly lost = new Map<string, string>();

  constructor(
    private readonly health: HealthState,
    private readonly logger: Logger,
  ) {}

  /** The listener one adapter reports its connection to. */
  connection(adapter: string): ConnectionListener {
    return (change) => {
      const wasLost = this.lost.get(adapter);
      if (change.connected) {
        if (wasLost === undefined) return;
        this.lost.delete(adapter);
        if (this.phase === 'running') this.logger.info({ adapter }, 'connection restored');
      } else {
        if (wasLost === change.reason) return;
        this.lost.set(adapter, change.reason);
        if (this.phase === 'running')
          this.logger.warn({ adapter, reason: change.reason }, 'connection lost: not ready until it is back');
      }
      this.apply();
    };
  }

  /** Everything started: ready, unless a connection is already down. */
  markRunning(): void {
    if (this.phase !== 'starting') return;
    this.phase = 'running';
    this.apply();
  }

  /** Shutdown began: not ready from now on, whatever the connections do. */
  markStopping(): void {
    this.phase = 'stopping';
    this.health.markNotReady('shutting down');
  }

  private apply(): void {
    if (this.phase !== 'running') return;
    if (this.lost.size === 0) this.health.markReady();
    else this.health.markNotReady([...this.lost.values()].join('; '));
  }
}
