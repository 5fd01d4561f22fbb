/**
 * Slack's Block Kit limits, restated independently of the renderer's own constants, plus the
 * safety rules every message must keep (no live mentions, well-formed mrkdwn escaping).
 */
interface TextObject {
  type?: string;
  text?: string;
}
interface AnyBlock {
  type: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: (TextObject & { action_id?: string; value?: string })[];
}

const LINK = /<https?:\/\/[^|<>\s]+\|[^<>]*>|<https?:\/\/[^|<>\s]+>/g;

export function mrkdwnProblems(text: string, where: string): string[] {
  const problems: string[] = [];
  if (/<!(channel|here|everyone|subteam)/i.test(text)) problems.push(`${where}: live mass mention`);
  if (/<@[UW]/i.test(text)) problems.push(`${where}: live user mention`);
  if (/(^|[^\u2060])@(channel|here|everyone)\b/i.test(text.replace(/@\u2060/g, '')))
    problems.push(`${where}: plain mass mention`);
  const withoutLinks = text.replace(LINK, '');
  if (/[<>]/.test(withoutLinks)) problems.push(`${where}: unescaped < or > outside a link`);
  if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push(`${where}: unescaped &`);
  return problems;
}

export function limitViolations(message: { text?: string; blocks?: unknown[] }): string[] {
  const problems: string[] = [];
  const text = message.text ?? '';
  if (!text.trim()) problems.push('fallback text missing');
  if (text.length > 40_000) problems.push(`fallback text ${text.length} > 40000`);
  problems.push(...mrkdwnProblems(text, 'text'));
  const blocks = (message.blocks ?? []) as AnyBlock[];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks > 50`);
  blocks.forEach((block, index) => {
    const at = `blocks[${index}] (${block.type})`;
    const checkText = (object: TextObject | undefined, max: number, label: string): void => {
      if (!object) return;
      const value = object.text ?? '';
      if (value.length === 0) problems.push(`${at} ${label}: empty text`);
      if (value.length > max) problems.push(`${at} ${label}: ${value.length} > ${max}`);
      if (object.type === 'mrkdwn') problems.push(...mrkdwnProblems(value, `${at} ${label}`));
    };
    switch (block.type) {
      case 'header':
        if (block.text?.type !== 'plain_text') problems.push(`${at}: header text must be plain_text`);
        checkText(block.text, 150, 'text');
        if (/<!|<@/.test(block.text?.text ?? '')) problems.push(`${at}: mention in header`);
        break;
      case 'section':
        if (!block.text && !block.fields?.length) problems.push(`${at}: needs text or fields`);
        checkText(block.text, 3000, 'text');
        if ((block.fields?.length ?? 0) > 10) problems.push(`${at}: ${block.fields!.length} fields > 10`);
        block.fields?.forEach((field, i) => {
          checkText(field, 2000, `fields[${i}]`);
        });
        break;
      case 'context':
        if (!block.elements?.length || block.elements.length > 10)
          problems.push(`${at}: ${block.elements?.length ?? 0} elements (1..10)`);
        block.elements?.forEach((element, i) => {
          checkText(element, 3000, `elements[${i}]`);
        });
        break;
      case 'actions':
        if (!block.elements?.length || block.elements.length > 25)
          problems.push(`${at}: ${block.elements?.length ?? 0} elements (1..25)`);
        block.elements?.forEach((element, i) => {
          const button = element as { text?: TextObject; value?: string; action_id?: string };
          checkText(button.text, 75, `elements[${i}].text`);
          if ((button.value?.length ?? 0) > 2000)
            problems.push(`${at} elements[${i}]: value ${button.value!.length} > 2000`);
          if ((button.action_id?.length ?? 0) > 255) problems.push(`${at} elements[${i}]: action_id too long`);
        });
        break;
      case 'divider':
        break;
      default:
        problems.push(`${at}: unexpected block type`);
    }
  });
  return problems;
}
