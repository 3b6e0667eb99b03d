import { createHash } from 'node:crypto';
import type { Reply } from '../../core/commands/reply.ts';
import type { ButtonValues, StoredButton } from './button-values.ts';
import { type DiscordMessage, renderMessage } from './render-message.ts';

// Discord custom ids hold at most 100 characters; a button's value (a benchmark name) may be longer.
const MAX_CUSTOM_ID = 100;
const BUTTON = 'b';
const FORM = 'f';
const SEP = '|';
/** Marks a custom id whose value is stored under the key that follows. */
const STORED = '~';

export interface ButtonAction {
  action: string;
  value: string;
}

/** What a button's custom id holds: its value, or the key its value is stored under. */
export type ButtonRef = ButtonAction | { action: string; key: string };

/** A button's custom id (`b|action|value`), and what to store first when the value does not fit. */
export function buttonId(action: string, value: string): { customId: string; stored?: [string, StoredButton] } {
  const direct = [BUTTON, action, value].join(SEP);
  if (direct.length <= MAX_CUSTOM_ID && !value.startsWith(STORED)) return { customId: direct };
  // The key follows from the button, so rendering the same button again refreshes one entry
  // instead of adding another. 96 bits: no two buttons meet by chance.
  const key = createHash('sha256')
    .update(JSON.stringify([action, value]))
    .digest('base64url')
    .slice(0, 16);
  return { customId: [BUTTON, action, `${STORED}${key}`].join(SEP), stored: [key, { action, value }] };
}

/** Parses a button's custom id; undefined when it is not ours. */
export function parseButtonId(customId: string): ButtonRef | undefined {
  const [kind, action, ...rest] = customId.split(SEP);
  if (kind !== BUTTON || !action) return undefined;
  const raw = rest.join(SEP);
  return raw.startsWith(STORED) ? { action, key: raw.slice(STORED.length) } : { action, value: raw };
}

/** The action and value a button stands for; undefined when its stored value expired. */
export async function resolveButton(ref: ButtonRef, values: ButtonValues): Promise<ButtonAction | undefined> {
  if ('value' in ref) return ref;
  const stored = await values.load(ref.key);
  return stored?.action === ref.action ? stored : undefined;
}

/**
 * Renders a message or file reply, storing the button values its custom ids cannot hold before it
 * resolves: a message is never sent with a button that would not read back.
 */
export async function renderMessageStoring(
  reply: Extract<Reply, { kind: 'message' | 'file' }>,
  values: ButtonValues,
): Promise<DiscordMessage> {
  const toStore = new Map<string, StoredButton>();
  const message = renderMessage(reply, (action, value) => {
    const { customId, stored } = buttonId(action, value);
    if (stored) toStore.set(...stored);
    return customId;
  });
  await Promise.all([...toStore].map(([key, button]) => values.save(key, button)));
  return message;
}

export function formId(key: string): string {
  return [FORM, key].join(SEP);
}

/** The key of a modal's custom id, or undefined when the id is not a form of ours. */
export function parseFormId(customId: string): string | undefined {
  const [kind, key] = customId.split(SEP);
  return kind === FORM && key ? key : undefined;
}
