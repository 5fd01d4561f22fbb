import type { Answer } from '../../../src/domain/answer.ts';
import { SHARE_ACTION_ID } from '../ids.ts';
import { type Block, renderAnswer, type SlackMessage } from './answer-blocks.ts';
import { jsonString } from './json-string.ts';
import { withPreparedJson } from './prepared-json.ts';

export interface SlashReply extends SlackMessage {
  response_type: 'ephemeral';
}

const SHARE_LABEL = 'Share in channel';

function shareBlock(shareValue: string): Block {
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: SHARE_ACTION_ID,
        text: { type: 'plain_text', text: SHARE_LABEL },
        value: shareValue,
      },
    ],
  };
}

const SHARE_JSON_START = `{"type":"actions","elements":[{"type":"button","action_id":${jsonString(SHARE_ACTION_ID)},"text":{"type":"plain_text","text":${jsonString(SHARE_LABEL)}},"value":`;
const shareJson = (shareValue: string): string => `${SHARE_JSON_START}${jsonString(shareValue)}}]}`;

/**
 * The private reply to a slash command, with a "Share in channel" button when the answer may be shared.
 * It carries its JSON, written from the blocks' own as they were rendered (the receiver sends it as it is).
 */
export function slashReply(answer: Answer, shareValue: string | null): SlashReply {
  const { message, blockJsons } = renderAnswer(answer, { reserveBlocks: shareValue ? 1 : 0 });
  const reply: SlashReply = {
    response_type: 'ephemeral',
    text: message.text,
    blocks: shareValue ? [...message.blocks, shareBlock(shareValue)] : message.blocks,
  };
  if (shareValue) blockJsons.push(shareJson(shareValue));
  const json = `{"response_type":"ephemeral","text":${jsonString(reply.text)},"blocks":[${blockJsons.join(',')}]}`;
  return withPreparedJson(reply, json);
}
