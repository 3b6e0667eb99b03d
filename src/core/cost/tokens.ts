import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatMessage } from '../definition/schema.ts';

// User text that happens to contain `<|endoftext|>` is ordinary text to count, not an error.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** OpenAI's chat format adds about 3 tokens per message and 3 to prime the reply (OpenAI cookbook). */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_REPLY = 3;

/**
 * Tokens of a text in the o200k_base encoding (GPT-4o and later). Other vendors' tokenizers
 * differ by some percent; for estimates that is close enough and needs no per-vendor tables.
 */
export function countTokens(text: string): number {
  return text === '' ? 0 : countO200k(text, AS_PLAIN_TEXT);
}

// Each role name is one token in o200k_base.
const ROLE_TOKENS = 1;

/** Prompt tokens of a chat request: every message's role and content plus the format overhead. */
export function countMessageTokens(messages: readonly ChatMessage[]): number {
  let total = TOKENS_PER_REPLY;
  for (const message of messages) total += TOKENS_PER_MESSAGE + ROLE_TOKENS + countTokens(message.content);
  return total;
}
