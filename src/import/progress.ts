/** What a reader reports while it works; `path` is `<folder>/<path>` (or the repository, when resolving). */
export type ProgressEvent =
  | { phase: 'resolve' | 'list' | 'fetch'; done: number; total: number; path: string }
  | { phase: 'retry'; path: string; attempt: number; attempts: number; reason: string; waitMs: number };

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressPrinter {
  update(event: ProgressEvent): void;
  /** Ends the updating line (TTY) or prints the last count (otherwise). */
  finish(): void;
}

const VERBS = { resolve: 'resolving', list: 'listing', fetch: 'fetching' } as const;
/** Without a TTY, print a fetch line every this many files (and when a batch completes). */
const PLAIN_FETCH_STEP = 100;

/**
 * On a TTY: one line redrawn in place ("fetching 412/1313 kubernetes-enhancements/keps/…").
 * Otherwise (CI logs, pipes): a plain line now and then, so logs stay short.
 */
export function createProgressPrinter(stream: ProgressStream): ProgressPrinter {
  return stream.isTTY ? ttyPrinter(stream) : plainPrinter(stream);
}

function ttyPrinter(stream: ProgressStream): ProgressPrinter {
  let drawn = '';
  const draw = (line: string) => {
    const fitted = fitToWidth(line, (stream.columns ?? 80) - 1);
    stream.write(`\r${fitted}\x1b[K`);
    drawn = fitted;
  };
  return {
    update(event) {
      if (event.phase === 'retry') {
        stream.write(`\r\x1b[K${retryLine(event)}\n`);
        if (drawn) stream.write(drawn);
        return;
      }
      draw(statusLine(event));
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = '';
    },
  };
}

function plainPrinter(stream: ProgressStream): ProgressPrinter {
  let lastPhase: string | null = null;
  let lastPrintedDone = 0;
  let pending: string | null = null;
  const print = (line: string) => {
    stream.write(`${line}\n`);
    pending = null;
  };
  return {
    update(event) {
      if (event.phase === 'retry') return print(retryLine(event));
      const line = statusLine(event);
      const phaseChanged = event.phase !== lastPhase;
      lastPhase = event.phase;
      const batchDone = event.done === event.total;
      const stepReached = event.phase === 'fetch' && event.done - lastPrintedDone >= PLAIN_FETCH_STEP;
      if (phaseChanged || batchDone || stepReached) {
        lastPrintedDone = event.done;
        print(line);
      } else {
        pending = line;
      }
    },
    finish() {
      if (pending) print(pending);
    },
  };
}

function statusLine(event: Extract<ProgressEvent, { done: number }>): string {
  return `${VERBS[event.phase]} ${event.done}/${event.total} ${event.path}`;
}

function retryLine(event: Extract<ProgressEvent, { phase: 'retry' }>): string {
  return `retrying ${event.path} (attempt ${event.attempt + 1} of ${event.attempts}, in ${(event.waitMs / 1000).toFixed(1)} s): ${event.reason}`;
}

/** Shortens a line to `width` characters, ending it with "…". */
function fitToWidth(line: string, width: number): string {
  if (width < 2 || line.length <= width) return line;
  return `${line.slice(0, width - 1)}…`;
}
