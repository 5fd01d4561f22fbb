import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A real, small tmpfs that can be filled to the last byte and freed again. */
export interface FullDisk {
  /** A directory on the tmpfs for the bot's DATA_DIR. */
  dataDir: string;
  /** Fills every free byte (a filler file written until ENOSPC). */
  fill(): void;
  /** Deletes the filler: the disk has room again. */
  free(): void;
  unmount(): void;
}

const mount = (args: string[]): boolean => {
  try {
    execFileSync('mount', args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const SIZE_BYTES = 1024 * 1024;

/** Mounts a 1 MiB tmpfs, or returns null where mounting needs privileges this machine does not grant. */
export function mountSmallDisk(): FullDisk | null {
  const root = mkdtempSync(path.join(tmpdir(), 'k8s-bot-fulldisk-'));
  if (process.platform !== 'linux' || !mount(['-t', 'tmpfs', '-o', `size=${SIZE_BYTES}`, 'tmpfs', root])) {
    rmSync(root, { recursive: true, force: true });
    return null;
  }
  const dataDir = path.join(root, 'data');
  mkdirSync(dataDir);
  const filler = path.join(root, 'filler');
  return {
    dataDir,
    fill() {
      // Never fill a real disk: only a filesystem this small is the tmpfs mounted above.
      const { blocks, bsize } = statfsSync(root);
      if (blocks * bsize > SIZE_BYTES * 2)
        throw new Error(`${root} is not the small tmpfs (${blocks * bsize} bytes); refusing to fill it`);
      const fd = openSync(filler, 'a');
      const block = Buffer.alloc(4096, 0xab);
      try {
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync('umount', ['-l', root], { stdio: 'ignore' });
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Whether this machine lets the tests mount a tmpfs (root on Linux); the full-disk tests need it. */
export const canMountDisk = ((): boolean => {
  const probe = mountSmallDisk();
  probe?.unmount();
  return probe !== null;
})();
