import type { ChatMessage, ResolvedCase, ResolvedDefinition } from './schema.ts';
import { caseVariables, fillTemplate } from './template.ts';

/**
 * The messages sent to a model for one case: the definition's system prompt (if any), then the
 * case's own chat messages or the filled prompt template as the user message. Placeholders were
 * checked at validation, so every one has a value.
 */
export function renderMessages(definition: ResolvedDefinition, testCase: ResolvedCase): ChatMessage[] {
  const variables = caseVariables(testCase);
  const messages: ChatMessage[] = [];
  if (definition.system !== undefined)
    messages.push({ role: 'system', content: fillTemplate(definition.system, variables) });
  if (Array.isArray(testCase.input)) {
    for (const message of testCase.input)
      messages.push({ role: message.role, content: fillTemplate(message.content, variables) });
  } else messages.push({ role: 'user', content: fillTemplate(definition.prompt, variables) });
  return messages;
}
