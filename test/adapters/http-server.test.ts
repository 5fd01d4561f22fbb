import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../adapters/http-server.ts';

const answering = () => createServer((_request, response) => response.end('ok'));

describe('listen and closeServer (the health server and Slack’s receiver)', () => {
  it('listens on a free port and reports the one bound', async () => {
    const server = answering();
    const port = await listen(server, 0, '127.0.0.1');
    expect(port).toBeGreaterThan(0);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    await closeServer(server);
    expect(server.listening).toBe(false);
  });

  it('rejects when the port is taken, instead of throwing later', async () => {
    const first = answering();
    const port = await listen(first, 0, '127.0.0.1');
    await expect(listen(answering(), port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await closeServer(first);
  });

  it('closes the idle keep-alive connections instead of waiting for them, and is a no-op when not listening', async () => {
    const server = answering();
    const sockets: Socket[] = [];
    server.on('connection', (socket) => sockets.push(socket));
    const port = await listen(server, 0, '127.0.0.1');
    // fetch keeps the connection alive after the response: an idle connection a plain close() would wait for.
    await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(sockets.some((socket) => !socket.destroyed)).toBe(true);
    await closeServer(server);
    expect(sockets.every((socket) => socket.destroyed)).toBe(true);
    await closeServer(server);
    await closeServer(null);
  });
});
