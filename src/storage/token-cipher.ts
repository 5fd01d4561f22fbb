import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** The variables the keys come from, named in every error so an operator knows what to set. */
export const INSTALLATION_KEY_VARIABLE = 'SLACK_INSTALLATION_KEY';
export const PREVIOUS_KEYS_VARIABLE = 'SLACK_INSTALLATION_KEY_PREVIOUS';

const FORMAT = 'v1';
const IV_BYTES = 12;
export const KEY_BYTES = 32;

/** A secret that cannot be read with the configured keys (unknown key, altered row, malformed value). */
export class InstallationKeyError extends Error {
  override name = 'InstallationKeyError';
}

/**
 * A key's public name: the start of its SHA-256, stored beside each sealed value so decryption picks the right
 * key and an operator can tell which rows still use an old one. It reveals nothing of a random 256-bit key.
 */
export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 16);

/**
 * AES-256-GCM for the tokens of Slack installations. New values are sealed with the current key; values sealed
 * with a previous key (key rotation) still open. `context` (the installation's key) is authenticated too, so a
 * sealed value copied onto another installation's row does not open there.
 */
export class TokenCipher {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(
    private readonly current: Buffer,
    previous: readonly Buffer[] = [],
  ) {
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES) throw new RangeError(`an installation key must be ${KEY_BYTES} bytes`);
      this.keys.set(keyIdOf(key), key);
    }
    this.currentKeyId = keyIdOf(current);
  }

  /** The configured keys (base64), or undefined when no current key is set. */
  static fromBase64(current: string | undefined, previous: readonly string[] = []): TokenCipher | undefined {
    if (!current) return undefined;
    return new TokenCipher(
      Buffer.from(current, 'base64'),
      previous.map((key) => Buffer.from(key, 'base64')),
    );
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    cipher.setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url'));
    return [FORMAT, this.currentKeyId, ...parts].join(':');
  }

  /** The id of the key `sealed` was written with. */
  static keyIdOf(sealed: string): string | undefined {
    return sealed.split(':')[1];
  }

  open(sealed: string, context: string): string {
    const [format, keyId, iv, tag, body, ...rest] = sealed.split(':');
    if (format !== FORMAT || !keyId || !iv || !tag || body === undefined || rest.length > 0) {
      throw new InstallationKeyError(`the tokens of ${context} are not in a format this build reads`);
    }
    const key = this.keys.get(keyId);
    if (!key) {
      throw new InstallationKeyError(
        `the tokens of ${context} are encrypted with key ${keyId}, which is neither ${INSTALLATION_KEY_VARIABLE} ` +
          `nor in ${PREVIOUS_KEYS_VARIABLE}; set ${PREVIOUS_KEYS_VARIABLE} to the key they were written with`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new InstallationKeyError(
        `the tokens of ${context} do not decrypt with their key ${keyId}: the stored value was altered or belongs to another installation`,
        { cause: error },
      );
    }
  }
}
