import { InputError, type InputIssue } from '../errors.ts';
import type { ParserOutput } from './import-report.ts';
import { lineLookup } from './line-lookup.ts';

const QUESTION = /^\s*(?:\d+[.)]\s*)?Q\s*[:：]\s?(.*)$/i;
const ANSWER = /^\s*A\s*[:：]\s?(.*)$/i;
// `1. `, `2) `, `- `, `* `, `• ` in front of a line are list markup, not part of the question.
const LIST_MARKER = /^(?:\d+[.)]|[-*•])\s+/;

interface Draft {
  line: number;
  question: string[];
  answer: string[] | undefined;
}

const isSkipped = (line: string) => line.trim() === '' || line.trimStart().startsWith('#');

function arrowCases(lines: string[], issues: InputIssue[], warnings: string[]): Draft[] {
  const drafts: Draft[] = [];
  lines.forEach((raw, index) => {
    if (isSkipped(raw)) return;
    const text = raw.trim().replace(LIST_MARKER, '');
    const arrow = text.lastIndexOf('=>');
    const question = (arrow === -1 ? text : text.slice(0, arrow)).trim();
    const answer = arrow === -1 ? undefined : text.slice(arrow + 2).trim();
    const caseNumber = drafts.length + 1;
    if (question === '') {
      issues.push({
        path: `cases.${caseNumber - 1}.input`,
        caseNumber,
        line: index + 1,
        message: 'the question before `=>` is empty',
      });
    }
    if (answer === '')
      warnings.push(`case ${caseNumber} (line ${index + 1}): nothing after \`=>\`, so it has no expected answer`);
    drafts.push({ line: index + 1, question: [question], answer: answer ? [answer] : undefined });
  });
  return drafts;
}

function blockCases(lines: string[], issues: InputIssue[], warnings: string[]): Draft[] {
  const drafts: Draft[] = [];
  let current: Draft | undefined;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const question = QUESTION.exec(raw);
    const answer = ANSWER.exec(raw);
    if (question) {
      current = { line, question: [question[1] ?? ''], answer: undefined };
      drafts.push(current);
    } else if (answer) {
      if (current === undefined) {
        issues.push({ path: '', line, message: '`A:` comes before any `Q:`' });
      } else if (current.answer !== undefined) {
        const caseNumber = drafts.length;
        issues.push({
          path: `cases.${caseNumber - 1}.expected`,
          caseNumber,
          line,
          message: 'the case has a second `A:`',
        });
      } else current.answer = [answer[1] ?? ''];
    } else if (raw.trimStart().startsWith('#')) {
      // Comment lines are skipped everywhere, also inside a question or answer.
    } else if (current === undefined) {
      if (raw.trim() !== '') issues.push({ path: '', line, message: 'expected a line starting with `Q:`' });
    } else (current.answer ?? current.question).push(raw.trimEnd());
  });
  drafts.forEach((draft, index) => {
    if (draft.answer !== undefined && draft.answer.join('\n').trim() === '') {
      warnings.push(`case ${index + 1} (line ${draft.line}): \`A:\` is empty, so it has no expected answer`);
      draft.answer = undefined;
    }
    if (draft.question.join('\n').trim() === '') {
      issues.push({
        path: `cases.${index}.input`,
        caseNumber: index + 1,
        line: draft.line,
        message: 'the question after `Q:` is empty',
      });
    }
  });
  return drafts;
}

/**
 * Reads the quick chat format: one case per line as `question => expected` (a line without `=>`
 * is a question with no expected answer), or `Q:`/`A:` blocks whose text may span lines.
 * Blank lines and `#` comments are skipped; list numbering in front of a line is dropped.
 */
export function parseLines(text: string): ParserOutput {
  const lines = text.split(/\r\n|\r|\n/);
  const issues: InputIssue[] = [];
  const warnings: string[] = [];
  const blocks = lines.some((line) => QUESTION.test(line));
  const drafts = blocks ? blockCases(lines, issues, warnings) : arrowCases(lines, issues, warnings);
  if (drafts.length === 0 && issues.length === 0) {
    issues.push({ path: '', message: 'no cases found: write one per line as `question => expected answer`' });
  }
  if (issues.length > 0) throw new InputError(issues);
  const located = new Map<string, number>();
  const cases = drafts.map((draft, index) => {
    located.set(`cases.${index}`, draft.line);
    const testCase: Record<string, unknown> = { input: draft.question.join('\n').trim() };
    if (draft.answer !== undefined) testCase.expected = draft.answer.join('\n').trim();
    return testCase;
  });
  return { input: { cases }, lineOf: lineLookup(located), ignored: [], warnings };
}
