import { describe, expect, it } from 'vitest';
import { createProgressPrinter, type ProgressStream } from '../../src/import/progress.ts';

function stream(isTTY: boolean, columns = 80): ProgressStream & { output: string } {
  const sink = {
    output: '',
    isTTY,
    columns,
    write(chunk: string) {
      sink.output += chunk;
      return true;
    },
  };
  return sink;
}

function fetchEvents(total: number) {
  return Array.from({ length: total }, (_, index) => ({
    phase: 'fetch' as const,
    done: index + 1,
    total,
    path: `kubernetes-enhancements/keps/sig-node/${index}/kep.yaml`,
  }));
}

describe('createProgressPrinter on a TTY', () => {
  it('redraws one line in place and ends it on finish', () => {
    const tty = stream(true);
    const printer = createProgressPrinter(tty);
    printer.update({ phase: 'resolve', done: 1, total: 1, path: 'kubernetes/enhancements@master' });
    for (const event of fetchEvents(3)) printer.update(event);
    expect(tty.output).not.toContain('\n');
    expect(tty.output.endsWith('\rfetching 3/3 kubernetes-enhancements/keps/sig-node/2/kep.yaml\x1b[K')).toBe(true);
    expect(tty.output).toContain('\rresolving 1/1 kubernetes/enhancements@master\x1b[K');
    printer.finish();
    expect(tty.output.endsWith('\n')).toBe(true);
  });

  it('shortens the line to the terminal width', () => {
    const tty = stream(true, 30);
    createProgressPrinter(tty).update({
      phase: 'fetch',
      done: 412,
      total: 1313,
      path: 'kubernetes-enhancements/keps/sig-node/1234-long-name/README.md',
    });
    expect(tty.output).toBe('\rfetching 412/1313 kubernetes…\x1b[K');
  });

  it('prints a retry on its own line and redraws the progress line after it', () => {
    const tty = stream(true);
    const printer = createProgressPrinter(tty);
    printer.update({ phase: 'fetch', done: 1, total: 2, path: 'pluto/versions.yaml' });
    printer.update({
      phase: 'retry',
      path: 'pluto/versions.yaml',
      attempt: 1,
      attempts: 4,
      reason: 'HTTP 502',
      waitMs: 1500,
    });
    expect(tty.output).toBe(
      '\rfetching 1/2 pluto/versions.yaml\x1b[K' +
        '\r\x1b[Kretrying pluto/versions.yaml (attempt 2 of 4, in 1.5 s): HTTP 502\n' +
        'fetching 1/2 pluto/versions.yaml',
    );
  });

  it('writes nothing on finish when nothing was drawn', () => {
    const tty = stream(true);
    createProgressPrinter(tty).finish();
    expect(tty.output).toBe('');
  });
});

describe('createProgressPrinter without a TTY', () => {
  it('prints plain lines only now and then', () => {
    const log = stream(false);
    const printer = createProgressPrinter(log);
    printer.update({ phase: 'list', done: 1, total: 1, path: 'kubernetes-enhancements/keps' });
    for (const event of fetchEvents(250)) printer.update(event);
    printer.finish();
    const lines = log.output.trimEnd().split('\n');
    expect(lines).toEqual([
      'listing 1/1 kubernetes-enhancements/keps',
      'fetching 1/250 kubernetes-enhancements/keps/sig-node/0/kep.yaml',
      'fetching 101/250 kubernetes-enhancements/keps/sig-node/100/kep.yaml',
      'fetching 201/250 kubernetes-enhancements/keps/sig-node/200/kep.yaml',
      'fetching 250/250 kubernetes-enhancements/keps/sig-node/249/kep.yaml',
    ]);
    expect(log.output).not.toContain('\r');
  });

  it('prints the last pending count on finish', () => {
    const log = stream(false);
    const printer = createProgressPrinter(log);
    printer.update({ phase: 'fetch', done: 1, total: 10, path: 'a' });
    printer.update({ phase: 'fetch', done: 2, total: 10, path: 'b' });
    printer.finish();
    expect(log.output).toBe('fetching 1/10 a\nfetching 2/10 b\n');
  });

  it('prints every retry', () => {
    const log = stream(false);
    createProgressPrinter(log).update({
      phase: 'retry',
      path: 'pluto/versions.yaml',
      attempt: 2,
      attempts: 4,
      reason: 'timed out after 15000 ms',
      waitMs: 2000,
    });
    expect(log.output).toBe('retrying pluto/versions.yaml (attempt 3 of 4, in 2.0 s): timed out after 15000 ms\n');
  });
});
