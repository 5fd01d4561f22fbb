import type { ConnectionListener } from '../../src/health.ts';

/** The part of @slack/socket-mode's SocketModeClient (an event emitter) the watcher listens to. */
interface SocketModeEvents {
  on(event: 'connected' | 'close', listener: () => void): unknown;
}

export const SOCKET_MODE_LOST = 'Slack Socket Mode connection lost; reconnecting';

/**
 * Reports the Socket Mode connection: up on Slack's `hello` ("connected"), down whenever the underlying
 * WebSocket closes ("close": dropped, ping timeout, or Slack's routine `disconnect` before it rotates the
 * connection). The client reconnects by itself, and "connected" follows.
 */
export function watchSocketMode(client: SocketModeEvents, onChange: ConnectionListener): void {
  client.on('connected', () => onChange({ connected: true }));
  client.on('close', () => onChange({ connected: false, reason: SOCKET_MODE_LOST }));
}
