import type { Answer } from '../../../src/domain/answer.ts';
import { SHARE_ACTION_ID } from '../ids.ts';
import { type Block, renderAnswer, type SlackMessage } from './answer-blocks.ts';
import { jsonString } from './json-string.ts';
import { withPreparedJson } from './prepared-json.ts';

export interface SlashReply extends SlackMessage {
  response_type: 'ephemeral';
}

function shareBlock(shareValue: string): Block {
  return {
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
}

/**
 * The private reply to a slash command, with a "Share in channel" button when the answer may be shared.
 * It carries its JSON, written from the blocks' own as they were rendered (the receiver sends it as it is).
 */
export function slashReply(answer: Answer, shareValue: string | null): SlashReply {
  const { message, blockJsons } = renderAnswer(answer, { reserveBlocks: shareValue ? 1 : 0 });
  const share = shareValue ? shareBlock(shareValue) : null;
  const reply: SlashReply = {
    response_type: 'ephemeral',
    text: message.text,
    blocks: share ? [...message.blocks, share] : message.blocks,
  };
  // The one block not written while rendering: small, so the serializer writes it.
  if (share) blockJsons.push(JSON.stringify(share));
  const json = `{"response_type":"ephemeral","text":${jsonString(reply.text)},"blocks":[${blockJsons.join(',')}]}`;
  return withPreparedJson(reply, json);
}
