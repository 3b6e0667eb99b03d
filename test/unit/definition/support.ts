import { expect } from 'vitest';
import { InputError, type InputIssue } from '../../../src/core/errors.ts';

/** Runs `action`, expects an `InputError`, and returns its issues for assertions. */
export function issuesOf(action: () => unknown): InputIssue[] {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}

/** Runs `action` and returns the chat message of the `InputError` it throws. */
export function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).userMessage;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}
