/**
 * One SQLite connection serves the whole process, so a transaction that awaits (a token refresh over the
 * network, between BEGIN IMMEDIATE and COMMIT) must not let other store calls run inside it: they wait at the
 * gate until it ends. Calls that never await need no gate of their own.
 */
export class ConnectionGate {
  private active: Promise<void> | null = null;

  /** Resolves when no exclusive section is running. */
  async idle(): Promise<void> {
    while (this.active) await this.active;
  }

  /** Runs `work` alone: after every earlier exclusive section, and with every other call waiting. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    await this.idle();
    let release!: () => void;
    this.active = new Promise((resolve) => {
      release = resolve;
    });
    try {
      return await work();
    } finally {
      this.active = null;
      release();
    }
  }
}
