import type { Answer } from '../../../src/domain/answer.ts';
import { answerToBlocks, type SlackMessage } from './answer-blocks.ts';

export interface SharedReply extends SlackMessage {
  response_type: 'in_channel';
  replace_original: false;
}

/** The public copy of an answer someone chose to share, posted as a new channel message. */
export function sharedReply(answer: Answer): SharedReply {
  return { response_type: 'in_channel', replace_original: false, ...answerToBlocks(answer) };
}
