import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A local stand-in for Slack's Socket Mode WebSocket endpoint (what apps.connections.open points to). */
export class StubSocketMode {
  /** Every message the app sent (acks), parsed. */
  readonly received: Record<string, unknown>[] = [];
  /** Connections accepted so far, reconnections included. */
  connections = 0;
  /** When set, new connections get no `hello` (so the client is not connected yet) until releaseHello(). */
  holdHello = false;
  private current: WebSocket | undefined;
  private held: WebSocket[] = [];

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      this.connections += 1;
      this.current = socket;
      socket.on('message', (data) => this.received.push(JSON.parse(String(data)) as Record<string, unknown>));
      if (this.holdHello) this.held.push(socket);
      else StubSocketMode.hello(socket);
    });
  }

  static async start(): Promise<StubSocketMode> {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new StubSocketMode(server);
  }

  private static hello(socket: WebSocket): void {
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP0001' } }));
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
  }

  /** The latest connection. */
  connection(): WebSocket | undefined {
    return this.current;
  }

  /** Cuts the latest connection without a close handshake, as a network failure would. */
  drop(): void {
    this.current?.terminate();
  }

  /** Sends the held `hello`s and stops holding. */
  releaseHello(): void {
    this.holdHello = false;
    for (const socket of this.held.splice(0)) StubSocketMode.hello(socket);
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
