import { InputError, type InputIssue } from '../errors.ts';

/** One row of a CSV/TSV text and the line it starts on (quoted fields may span lines). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) count++;
  }
  return count;
}

/**
 * Splits RFC 4180 text into records: fields separated by `delimiter`, optionally in double quotes
 * (`""` is a quote, line breaks allowed inside), records ended by CRLF, LF or CR. A stray quote
 * inside an unquoted field is kept as text, as spreadsheets write `5" screen` that way.
 */
export function readCsvRecords(text: string, delimiter: ',' | '\t'): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let fieldStart = true;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const fail = (issue: InputIssue): never => {
    throw new InputError([issue]);
  };
  while (i < text.length) {
    const char = text[i];
    if (fieldStart && char === '"') {
      const openedOn = line;
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) fail({ path: '', line: openedOn, message: 'a quoted field is never closed with `"`' });
        const chunk = text.slice(i, close);
        line += countLineBreaks(chunk);
        cell += chunk.replace(/\r\n?/g, '\n');
        if (text[close + 1] === '"') {
          cell += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        fail({ path: '', line, message: 'unexpected text after a closing quote; write a quote inside quotes as `""`' });
      }
      fieldStart = false;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
      fieldStart = true;
      i++;
    } else if (char === '\n' || char === '\r') {
      cells.push(cell);
      records.push({ cells, line: recordLine });
      cells = [];
      cell = '';
      fieldStart = true;
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      let end = i;
      while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
      cell += text.slice(i, end);
      i = end;
      fieldStart = false;
    }
  }
  if (cells.length > 0 || !fieldStart || cell !== '') {
    cells.push(cell);
    records.push({ cells, line: recordLine });
  }
  return records;
}
