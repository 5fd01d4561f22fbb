import { describe, expect, it } from 'vitest';
import { parseConsoleInput } from '../../../adapters/console/input.ts';

describe('parseConsoleInput', () => {
  it.each([
    ['what went GA', 'what went GA'],
    ['  when is code freeze?  ', 'when is code freeze?'],
    ['/k8s-release 1.31', '1.31'],
    ['/K8S-RELEASE   subscribe weekly', 'subscribe weekly'],
    ['/k8s-release', 'help'],
    ['help', 'help'],
    ['/k8s-releases 1.31', '/k8s-releases 1.31'],
  ])('%j asks %j', (line, text) => {
    expect(parseConsoleInput(line)).toEqual({ kind: 'question', text });
  });

  it.each(['exit', 'quit', 'EXIT', '/k8s-release exit', ':q'])('%j ends the session', (line) => {
    expect(parseConsoleInput(line)).toEqual({ kind: 'exit' });
  });

  it.each(['', '   ', '\t'])('%j is blank', (line) => {
    expect(parseConsoleInput(line)).toEqual({ kind: 'blank' });
  });

  it('"exit" inside a question is a question', () => {
    expect(parseConsoleInput('exit criteria for beta')).toEqual({ kind: 'question', text: 'exit criteria for beta' });
  });
});
