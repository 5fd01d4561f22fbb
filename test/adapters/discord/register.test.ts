import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, registerCommands } from '../../../adapters/discord/register.ts';
import { REPO_ROOT } from '../../../src/data/paths.ts';
import { IDS } from './support/payloads.ts';
import { StubDiscord } from './support/stubDiscord.ts';

const FIXTURE = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/fixtures/discord/commands.json'), 'utf8'));
const TOKEN = 'MTI4Mzc0NjUxMjAzOTQ4NTc2Mg.GzT3st.registration-token';

let stub: StubDiscord;
beforeAll(async () => {
  stub = await StubDiscord.start();
  stub.acceptedToken = TOKEN;
});
afterAll(() => stub.close());

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { stdout: '', stderr: '' };
  out.on('data', (chunk) => (chunks.stdout += String(chunk)));
  err.on('data', (chunk) => (chunks.stderr += String(chunk)));
  const code = await main(args, env, out, err);
  return { code, ...chunks };
}

describe('discord:register', () => {
  it('overwrites the global commands with exactly the dry-run JSON', async () => {
    const result = await registerCommands({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: stub.apiUrl,
      DISCORD_GUILD_ID: undefined,
    });
    expect(result).toEqual({ route: `/applications/${IDS.application}/commands`, names: ['k8s-release'] });
    const put = await stub.waitForRequest(
      (request) => request.method === 'PUT' && request.path === `/applications/${IDS.application}/commands`,
    );
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(put.body).toEqual(FIXTURE);
  });

  it('registers to one guild when DISCORD_GUILD_ID is set (via the CLI entry point and the environment)', async () => {
    const result = await run([], {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_GUILD_ID: IDS.guild,
      DISCORD_API_URL: stub.apiUrl,
    });
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain(`/applications/${IDS.application}/guilds/${IDS.guild}/commands`);
    const put = await stub.waitForRequest(
      (request) =>
        request.method === 'PUT' && request.path === `/applications/${IDS.application}/guilds/${IDS.guild}/commands`,
    );
    expect(put.body).toEqual(FIXTURE);
  });

  it('names the missing variable and never prints the token', async () => {
    const missing = await run([], { DISCORD_API_URL: stub.apiUrl });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/DISCORD_TOKEN/);
    const rejected = await run([], {
      DISCORD_TOKEN: 'wrong-token-value',
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: stub.apiUrl,
    });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/401|Unauthorized/);
    expect(rejected.stderr).not.toContain('wrong-token-value');
  });

  it('rejects unknown arguments with usage', async () => {
    const result = await run(['--dryrun'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: npm run discord:register');
  });

  it('answers --help with the usage on stdout and sends nothing', async () => {
    const before = stub.requests.length;
    for (const flag of ['--help', '-h']) {
      const result = await run([flag], {});
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('usage: npm run discord:register');
      expect(result.stdout).toContain('--dry-run');
    }
    expect(stub.requests.length).toBe(before);
  });

  it('rejects a value given to a flag that takes none', async () => {
    const result = await run(['--dry-run=yes'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: npm run discord:register');
  });
});
