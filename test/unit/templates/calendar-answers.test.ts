import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../src/core/definition/parse.ts';
import { DEFAULT_TEMPLATE_DIR } from '../../../src/templates/library.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The first date in a question, in any of the formats the template uses (proleptic Gregorian, UTC). */
function firstDate(text: string): Date {
  const at = (year: number, month: number, day: number) => {
    const date = new Date(Date.UTC(2000, month, day));
    date.setUTCFullYear(year);
    return date;
  };
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return at(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  const slashes = /(\d{1,2})\/(\d{1,2})\/(\d{4}) \(day\/month\/year\)/.exec(text);
  if (slashes) return at(Number(slashes[3]), Number(slashes[2]) - 1, Number(slashes[1]));
  const dayFirst = /(\d{1,2}) ([A-Z][a-z]+) (\d{4})/.exec(text);
  if (dayFirst) return at(Number(dayFirst[3]), MONTHS.indexOf(dayFirst[2] ?? ''), Number(dayFirst[1]));
  const monthFirst = /([A-Z][a-z]+) (\d{1,2}), (\d{4})/.exec(text);
  if (monthFirst) return at(Number(monthFirst[3]), MONTHS.indexOf(monthFirst[1] ?? ''), Number(monthFirst[2]));
  throw new Error(`no date in ${text}`);
}

describe('dates and calendars template', () => {
  const { definition } = parseDefinition(readFileSync(join(DEFAULT_TEMPLATE_DIR, 'day-of-week.yaml'), 'utf8'));

  it.each(definition.cases.map((testCase) => [testCase.id, testCase] as const))(
    '%s has the computed weekday',
    (_, testCase) => {
      const question = String(testCase.input);
      const date = firstDate(question);
      const stated = /is a ([A-Z][a-z]+)\./.exec(question);
      if (stated) expect(WEEKDAYS[date.getUTCDay()]).toBe(stated[1]);
      const offset = /(\d+) days after/.exec(question);
      if (offset) date.setUTCDate(date.getUTCDate() + Number(offset[1]));
      expect(WEEKDAYS[date.getUTCDay()]).toBe(testCase.expected);
    },
  );
});
