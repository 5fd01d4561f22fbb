import { pino, type Logger } from 'pino';
import { SECRET_VARIABLES } from './config.ts';

export type { Logger };

/**
 * Structured JSON logs on stderr (stdout belongs to the console adapter and the CLIs).
 * Secret-looking fields are redacted even if someone logs a config object by mistake.
 */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      base: { app: 'k8s-release-bot' },
      redact: {
        paths: [
          ...SECRET_VARIABLES,
          ...SECRET_VARIABLES.map((name) => `*.${name}`),
          'token',
          '*.token',
          'authorization',
          '*.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** A logger that writes nothing, for tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
