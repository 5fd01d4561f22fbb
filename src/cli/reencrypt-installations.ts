// npm run slack:reencrypt — after a key rotation (the new key in SLACK_INSTALLATION_KEY, the old one in
// SLACK_INSTALLATION_KEY_PREVIOUS), rewrites every Slack installation still sealed with an older key with the
// current one, so the old key can be dropped. Idempotent, and safe while the bot runs (one transaction).
import path from 'node:path';
import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { openStore } from '../storage/open.ts';
import { TokenCipher } from '../storage/token-cipher.ts';

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STDIO: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export async function main(env: NodeJS.ProcessEnv = process.env, output: Output = STDIO): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.err(`slack:reencrypt: ${error.message}\n`);
    return 2;
  }
  const cipher = TokenCipher.fromBase64(config.SLACK_INSTALLATION_KEY, config.SLACK_INSTALLATION_KEY_PREVIOUS);
  if (!cipher) {
    output.err(
      'slack:reencrypt: SLACK_INSTALLATION_KEY is not set: set it to the new key (and the old one in SLACK_INSTALLATION_KEY_PREVIOUS)\n',
    );
    return 2;
  }
  const store = await openStore({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    installationCipher: cipher,
  });
  try {
    const { reencrypted, total } = await store.reencryptInstallations(new Date());
    output.out(
      `re-encrypted ${reencrypted} of ${total} Slack installation(s) in ${store.location} with key ${cipher.currentKeyId}; ` +
        `every installation now uses it, so SLACK_INSTALLATION_KEY_PREVIOUS can be emptied\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  loadDotEnv();
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`slack:reencrypt: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
