import { PassThrough, Writable } from 'node:stream';

/** Collects everything written, and lets a test wait until some text has appeared. */
export class CapturedOutput extends Writable {
  text = '';
  isTTY?: boolean;

  constructor(options: { isTTY?: boolean } = {}) {
    super({ decodeStrings: false });
    if (options.isTTY) this.isTTY = true;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    this.emit('text');
    callback();
  }

  /** Resolves once the output matches (from `from` on); the test's own timeout bounds the wait. */
  waitFor(pattern: RegExp | string, from = 0): Promise<string> {
    const matches = () => {
      const tail = this.text.slice(from);
      return typeof pattern === 'string' ? tail.includes(pattern) : pattern.test(tail);
    };
    return new Promise((resolve) => {
      if (matches()) return resolve(this.text.slice(from));
      const check = () => {
        if (!matches()) return;
        this.off('text', check);
        resolve(this.text.slice(from));
      };
      this.on('text', check);
    });
  }
}

/** A stdin stand-in that a test types into; `isTTY` makes it look like a terminal. */
export function typedInput(options: { isTTY?: boolean } = {}): PassThrough & { isTTY?: boolean } {
  const input = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (options.isTTY) input.isTTY = true;
  return input;
}

/** Splits a piped session's output into { question, answer } pairs at each echoed "k8s> " line. */
export function transcript(text: string): Array<{ question: string; answer: string }> {
  return text
    .split(/^k8s> /m)
    .slice(1)
    .map((block) => {
      const [question, ...rest] = block.split('\n');
      return { question: question!, answer: rest.join('\n').trim() };
    });
}
