import { describe, expect, it } from 'vitest';
import { platformCall } from '../../adapters/abort.ts';
import { PermanentPostError } from '../../src/digest/poster.ts';

const permanent = (error: unknown) =>
  (error as Error).message === 'channel_not_found' ? new PermanentPostError('gone', 'channel_not_found') : error;

describe('platformCall: the posters’ abort-then-classify rule, written once', () => {
  it('settles with the call’s value', async () => {
    expect(await platformCall(Promise.resolve(42), undefined, permanent)).toBe(42);
  });

  it('a refusal becomes what classify makes of it; any other failure stays itself', async () => {
    await expect(platformCall(Promise.reject(new Error('channel_not_found')), undefined, permanent)).rejects.toThrow(
      PermanentPostError,
    );
    const transient = new Error('ECONNRESET');
    await expect(platformCall(Promise.reject(transient), undefined, permanent)).rejects.toBe(transient);
  });

  it('an abort rejects at once with its reason, even while the call hangs', async () => {
    const controller = new AbortController();
    const hanging = new Promise<never>(() => {});
    const call = platformCall(hanging, controller.signal, permanent);
    const reason = new Error('post timed out');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
  });

  it('a failure after the abort is the abort, not a refusal to pause the subscription for', async () => {
    const controller = new AbortController();
    const reason = new Error('post timed out');
    controller.abort(reason);
    const call = platformCall(Promise.reject(new Error('channel_not_found')), controller.signal, permanent);
    await expect(call).rejects.toBe(reason);
  });
});
