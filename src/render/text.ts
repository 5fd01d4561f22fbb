import type { Answer, AnswerFact, AnswerItem, AnswerSection } from '../domain/answer.ts';
import { defuseMentions } from '../domain/mentions.ts';
import { withoutControlCharacters } from '../domain/unsafe-text.ts';

/**
 * Plain text for the CLI and the console: title, summary, facts, sections, links, suggestions,
 * footer. KEPs are written KEP-3836; the engine already writes dates as YYYY-MM-DD. Nothing here
 * can ping anyone: mass mentions are defused and control characters dropped on the way out.
 */
export function renderText(answer: Answer): string {
  const out: string[] = [answer.title, answer.summary];
  if (answer.facts.length) out.push('', ...answer.facts.map(factLine));
  for (const section of answer.sections) out.push('', ...sectionLines(section));
  if (answer.links.length) out.push('', 'Links:', ...answer.links.map((link) => `  ${link.label}: ${link.url}`));
  if (answer.suggestions.length)
    out.push('', `Try: ${answer.suggestions.map((suggestion) => `“${suggestion}”`).join(' · ')}`);
  out.push('', answer.footer);
  return clean(out.join('\n'));
}

function factLine(fact: AnswerFact): string {
  return `${fact.label}: ${fact.value}`;
}

function itemLine(item: AnswerItem): string {
  const label = item.kep != null ? `KEP-${item.kep} ${item.title}` : item.title;
  const tags = [item.stage, item.sig].filter((tag): tag is string => Boolean(tag));
  return `  - ${label}${tags.length ? ` [${tags.join(', ')}]` : ''}${item.detail ? ` — ${item.detail}` : ''}`;
}

function sectionLines(section: AnswerSection): string[] {
  const lines = [`${section.heading}:`];
  lines.push(...section.facts.map((fact) => `  ${factLine(fact)}`));
  lines.push(...section.items.map(itemLine));
  lines.push(...section.lines.map((line) => `  ${line}`));
  if (section.omitted > 0) lines.push(`  …and ${section.omitted} more${section.moreUrl ? `: ${section.moreUrl}` : ''}`);
  else if (section.moreUrl && section.items.length === 0 && section.lines.length > 0)
    lines.push(`  Source: ${section.moreUrl}`);
  return lines;
}

function clean(text: string): string {
  // Both passes are skipped when there is nothing to replace (the usual case): answers are long.
  const defused = text.includes('@') || text.includes('<') || text.includes('＠') ? defuseMentions(text) : text;
  return withoutControlCharacters(defused, true);
}
