import type { Conversation } from '../../../../src/bot.ts';
import type { Answer } from '../../../../src/domain/answer.ts';
import type { SlackBot } from '../../../../adapters/slack/answering.ts';
import { sampleAnswer } from './answers.ts';

/** A Bot stand-in that records what it was asked; answers come from `answer` (which may wait or throw). */
export class FakeBot implements SlackBot {
  readonly asked: { question: string; conversation: Conversation }[] = [];
  clock = new Date('2025-11-20T12:00:00.000Z');

  constructor(
    private readonly answer: (question: string) => Answer | Promise<Answer> = () => sampleAnswer('release-summary'),
  ) {}

  now(): Date {
    return this.clock;
  }

  async handle(question: string, conversation: Conversation = {}): Promise<Answer> {
    this.asked.push({ question, conversation });
    return this.answer(question);
  }
}

/** A promise the test opens when it chooses (to hold a reply in flight). */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}
