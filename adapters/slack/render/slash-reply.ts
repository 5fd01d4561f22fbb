import type { Answer } from '../../../src/domain/answer.ts';
import { SHARE_ACTION_ID } from '../ids.ts';
import { answerToBlocks, type Block, type SlackMessage } from './answer-blocks.ts';

export interface SlashReply extends SlackMessage {
  response_type: 'ephemeral';
}

/** The private reply to a slash command, with a "Share in channel" button when the answer may be shared. */
export function slashReply(answer: Answer, shareValue: string | null): SlashReply {
  const message = answerToBlocks(answer, { reserveBlocks: shareValue ? 1 : 0 });
  if (!shareValue) return { response_type: 'ephemeral', ...message };
  const share: Block = {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: SHARE_ACTION_ID,
        text: { type: 'plain_text', text: 'Share in channel' },
        value: shareValue,
      },
    ],
  };
  return { response_type: 'ephemeral', text: message.text, blocks: [...message.blocks, share] };
}
