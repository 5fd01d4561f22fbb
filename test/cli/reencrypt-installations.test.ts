import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type Output } from '../../src/cli/reencrypt-installations.ts';
import { openSqliteStore } from '../../src/storage/subscription-store.ts';
import { keyIdOf, TokenCipher } from '../../src/storage/token-cipher.ts';
import { rawRows } from '../storage/support/backends.ts';

const team = { teamId: 'T0TEAM001', enterpriseId: null, isEnterpriseInstall: false };
const tokens = { botToken: 'xoxb-secret', botRefreshToken: null, userToken: null, userRefreshToken: null };

describe('npm run slack:reencrypt', () => {
  let dir: string;
  /** What main printed, and the writers that capture it. */
  let output: { out: string; err: string; writer: Output };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'k8s-bot-reencrypt-'));
    const captured = {
      out: '',
      err: '',
      writer: {
        out: (text: string) => {
          captured.out += text;
        },
        err: (text: string) => {
          captured.err += text;
        },
      },
    };
    output = captured;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('moves every installation sealed with the previous key to the current one, then the old key can go', async () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const before = openSqliteStore(dir, { installationCipher: new TokenCipher(oldKey) });
    await before.saveInstallation(
      { ...team, details: {}, tokens, botTokenExpiresAt: null, userTokenExpiresAt: null },
      new Date(),
    );
    await before.close();
    const env = {
      DATA_DIR: dir,
      SLACK_INSTALLATION_KEY: newKey.toString('base64'),
      SLACK_INSTALLATION_KEY_PREVIOUS: oldKey.toString('base64'),
    };
    expect(await main(env, output.writer)).toBe(0);
    expect(output.out).toMatch(
      new RegExp(`^re-encrypted 1 of 1 Slack installation\\(s\\) in .*bot\\.sqlite with key ${keyIdOf(newKey)}`),
    );
    expect((await rawRows({ dataDir: dir }, 'slack_installations'))[0]).toMatchObject({ key_id: keyIdOf(newKey) });
    const after = openSqliteStore(dir, { installationCipher: new TokenCipher(newKey) });
    expect((await after.findInstallation(team))?.tokens).toEqual(tokens);
    await after.close();
    expect(await main(env, output.writer)).toBe(0);
    expect(output.out).toContain('re-encrypted 0 of 1');
  });

  it('names the variable when no key is set, and a malformed one', async () => {
    expect(await main({ DATA_DIR: dir }, output.writer)).toBe(2);
    expect(output.err).toContain('SLACK_INSTALLATION_KEY is not set');
    expect(await main({ DATA_DIR: dir, SLACK_INSTALLATION_KEY: 'short' }, output.writer)).toBe(2);
    expect(output.err).toContain('SLACK_INSTALLATION_KEY must be base64 of 32 random bytes');
  });
});
