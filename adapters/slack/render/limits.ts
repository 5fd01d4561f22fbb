/**
 * Block Kit limits Slack enforces (https://docs.slack.dev/reference/block-kit), plus our own
 * budgets where Slack's limit is only "truncated" rather than "rejected".
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** Slack truncates `text` past 40,000 characters; notifications only need a short fallback. */
  fallbackText: 3000,
  /** Readability budget for all mrkdwn in one answer; long lists are cut with "…and N more" before it. */
  messageCharacters: 12_000,
} as const;
