/**
 * Errors that reach a user. `code` is stable (tests, logs and renderers switch on it);
 * `userMessage` is safe to show in chat or on a page; `cause` keeps the internal detail.
 */
export class AppError extends Error {
  readonly code: string;
  readonly userMessage: string;

  constructor(code: string, userMessage: string, options?: { cause?: unknown }) {
    super(userMessage, options);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
  }
}

/** One problem found in user input, located as precisely as the input allows. */
export interface InputIssue {
  /** Dotted path to the field, e.g. `cases.3.expected`. */
  path: string;
  message: string;
  /** 1-based case number, when the issue belongs to a case. */
  caseNumber?: number;
  /** 1-based line in the source text, when known. */
  line?: number;
}

export function formatIssue(issue: InputIssue): string {
  const where: string[] = [];
  if (issue.caseNumber !== undefined) where.push(`case ${issue.caseNumber}`);
  if (issue.line !== undefined) where.push(`line ${issue.line}`);
  // Inside a case the path reads `cases.<index>.<field>`; the case number already says which case.
  const field = issue.caseNumber !== undefined ? issue.path.split('.').slice(2).join('.') : issue.path;
  if (field) where.push(`field \`${field}\``);
  return where.length > 0 ? `${where.join(', ')}: ${issue.message}` : issue.message;
}

/** Bad user input: a definition, a command, an option. Carries every issue found, not just the first. */
export class InputError extends AppError {
  readonly issues: InputIssue[];

  constructor(issues: InputIssue[], options?: { cause?: unknown }) {
    const shown = issues.slice(0, 10).map(formatIssue);
    const more = issues.length > 10 ? [`…and ${issues.length - 10} more`] : [];
    super('invalid_input', [...shown, ...more].join('\n'), options);
    this.name = 'InputError';
    this.issues = issues;
  }
}
