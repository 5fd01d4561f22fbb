import { SLASH_COMMAND } from '../ids.ts';

/** What the user sees when answering failed; never includes the error itself (it may hold internals). */
export function failureReply(): { response_type: 'ephemeral'; text: string } {
  return {
    response_type: 'ephemeral',
    text: `Sorry, something went wrong while answering. Please try again, or try \`${SLASH_COMMAND} help\`.`,
  };
}
