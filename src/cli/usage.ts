/** A command line the CLI cannot run: printed with the usage text, exit status 2. */
export class UsageError extends Error {}

/** Runs an argument parser, turning its complaint (an unknown flag, a missing value) into a UsageError. */
export function parseUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
