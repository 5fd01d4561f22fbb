import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../adapters/slack/receiver.ts';
import { FakeBot } from './helpers/fake-bot.ts';
import { startHttpApp, type RunningApp } from './helpers/running-app.ts';
import { eventEnvelope, postSigned, slashCommandBody } from './helpers/signed-request.ts';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

let running: RunningApp;
let bot: FakeBot;
beforeEach(async () => {
  bot = new FakeBot();
  running = await startHttpApp(bot);
});
afterEach(async () => {
  await running.close();
});

/** The bot still answers a good request (the process and the receiver survived). */
async function stillAnswers(): Promise<void> {
  const response = await postSigned(running.eventsUrl, slashCommandBody('1.31'), FORM);
  expect(response.status).toBe(200);
  expect(((await response.json()) as { text: string }).text).toContain('Kubernetes 1.31');
}

/** Streams `total` bytes of an unsigned body (chunked, no Content-Length); resolves with the status and bytes sent. */
function streamUnsigned(
  url: string,
  total: number,
  headers: Record<string, string> = {},
): Promise<{ status: number | null; sent: number }> {
  return new Promise((resolve) => {
    let sent = 0;
    let status: number | null = null;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': JSON_TYPE, ...headers } }, (response) => {
      status = response.statusCode ?? null;
      response.resume();
      response.on('end', () => {
        req.destroy();
        resolve({ status, sent });
      });
    });
    req.on('error', () => resolve({ status, sent }));
    const pump = (): void => {
      while (sent < total && status === null && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (sent >= total) req.end();
    };
    pump();
  });
}

describe('request size (bodies refused before they are buffered)', () => {
  it('refuses a declared 200 MB body with 413 from Content-Length, without reading it', async () => {
    const result = await streamUnsigned(running.eventsUrl, 200 * 1024 * 1024, {
      'content-length': String(200 * 1024 * 1024),
    });
    expect(result.status).toBe(413);
    expect(result.sent).toBeLessThan(16 * 1024 * 1024);
    await stillAnswers();
  });

  it('refuses a chunked body as soon as it passes the limit, and stops reading it', async () => {
    const result = await streamUnsigned(running.eventsUrl, 200 * 1024 * 1024);
    expect(result.status).toBe(413);
    // The server stopped at the limit; what the client got out is the limit plus socket buffers, not 200 MB.
    expect(result.sent).toBeLessThan(MAX_BODY_BYTES + 16 * 1024 * 1024);
    await stillAnswers();
  });

  it('still accepts a signed body just under the limit', async () => {
    const padding = 'x'.repeat(MAX_BODY_BYTES - 2048);
    const response = await postSigned(running.eventsUrl, slashCommandBody('1.31', { padding }), FORM);
    expect(response.status).toBe(200);
  });
});

describe('malformed signed bodies get 400 and the bot stays up', () => {
  it.each([
    ['JSON null', 'null', JSON_TYPE],
    ['a JSON array', '[]', JSON_TYPE],
    ['a JSON string', '"hello"', JSON_TYPE],
    ['broken JSON', '{"type":', JSON_TYPE],
    ['payload=null', 'payload=null', FORM],
    ['payload=42', 'payload=42', FORM],
    ['payload that is not JSON', 'payload=%7Bnope', FORM],
  ])('%s → 400', async (_name, body, contentType) => {
    const response = await postSigned(running.eventsUrl, body, contentType);
    expect(response.status).toBe(400);
    await stillAnswers();
  });

  it.each([
    ['a string', 'app_mention'],
    ['null', null],
  ])('an event_callback whose event is %s → 400, never a 500 that Slack would retry', async (_name, event) => {
    const envelope = { ...eventEnvelope({}), event };
    const response = await postSigned(running.eventsUrl, JSON.stringify(envelope), JSON_TYPE);
    expect(response.status).toBe(400);
    await stillAnswers();
  });
});

describe('request timestamps', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['10 minutes in the future', 600],
    ['10 minutes in the past', -600],
    ['a day in the future', 86_400],
  ])('a signature made %s is refused with 401', async (_name, offset) => {
    const response = await postSigned(running.eventsUrl, slashCommandBody('1.31'), FORM, { timestamp: now() + offset });
    expect(response.status).toBe(401);
    expect(bot.asked).toEqual([]);
  });

  it('a signature within 5 minutes either way is accepted (clock skew)', async () => {
    for (const offset of [240, -240]) {
      const response = await postSigned(running.eventsUrl, slashCommandBody('1.31'), FORM, {
        timestamp: now() + offset,
      });
      expect(response.status).toBe(200);
    }
  });
});
