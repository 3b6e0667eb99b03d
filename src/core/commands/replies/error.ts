import { AppError, InputError } from '../../errors.ts';
import { type MessageReply, message } from './message.ts';

/**
 * The one place an error becomes a chat reply. `AppError`s carry a message written for users;
 * anything else is our fault, so the user gets a generic message and the bot logs the detail.
 */
export function errorReply(error: unknown): MessageReply {
  if (error instanceof AppError) {
    const hint =
      error instanceof InputError ? [{ type: 'notice' as const, text: '`/bench help` lists every command.' }] : [];
    return message(error.userMessage, [{ type: 'error', text: error.userMessage }, ...hint]);
  }
  const text = 'Something went wrong on our side. Nothing was lost; please try again in a minute.';
  return message(text, [{ type: 'error', text }]);
}
