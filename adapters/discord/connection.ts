import { Events, GatewayCloseCodes, type Client } from 'discord.js';
import type { ConnectionListener } from '../../src/health.ts';

export const GATEWAY_LOST = 'Discord gateway session lost; reconnecting';

/**
 * Reports the gateway session: down when a shard's connection closes (dropped, invalid session, Discord
 * asking for a reconnect) and for good when Discord closes it with a code discord.js will not reconnect
 * after; up again when the shard is ready on a new session or has resumed the old one.
 */
export function watchGateway(client: Client, onChange: ConnectionListener): void {
  const down = new Map<number, string>();
  const report = (): void => {
    onChange(
      down.size === 0 ? { connected: true } : { connected: false, reason: [...new Set(down.values())].join('; ') },
    );
  };
  const lost = (shardId: number, reason: string): void => {
    down.set(shardId, reason);
    report();
  };
  const back = (shardId: number): void => {
    down.delete(shardId);
    report();
  };
  client.on(Events.ShardReconnecting, (shardId) => lost(shardId, GATEWAY_LOST));
  client.on(Events.ShardDisconnect, ({ code }, shardId) =>
    lost(
      shardId,
      `Discord gateway closed with code ${code} (${GatewayCloseCodes[code] ?? 'unknown'}); discord.js will not reconnect`,
    ),
  );
  client.on(Events.ShardReady, (shardId) => back(shardId));
  client.on(Events.ShardResume, (shardId) => back(shardId));
}
