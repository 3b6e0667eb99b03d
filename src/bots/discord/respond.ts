import {
  type APIModalInteractionResponseCallbackData,
  AttachmentBuilder,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  MessageFlags,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { MessageReply } from '../../core/commands/replies/message.ts';
import type { Form, Reply } from '../../core/commands/reply.ts';
import type { ButtonValues } from './button-values.ts';
import { formId, renderMessageStoring } from './custom-ids.ts';
import type { PendingForm, PendingForms } from './pending-forms.ts';
import type { DiscordMessage } from './render-message.ts';
import { renderModal } from './render-modal.ts';

export type AnswerableInteraction = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export interface ResponderDeps {
  /** Button values too long for a custom id; shared by every bot process (Redis). */
  buttons: ButtonValues;
  forms: PendingForms;
}

/** The button action that opens a stored form (Discord only shows modals in answer to a click). */
export const OPEN_FORM_ACTION = 'discord.form';

// Discord wants a first response within 3 seconds; leave room for the round trip.
export const DEFER_AFTER_MS = 1500;

/** How a deferred interaction was acknowledged. */
type Ack = { kind: 'none' } | { kind: 'reply'; ephemeral: boolean } | { kind: 'update' };

function payload(message: DiscordMessage): InteractionEditReplyOptions {
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    files: message.files.map((file) => new AttachmentBuilder(Buffer.from(file.data), { name: file.filename })),
  };
}

function flags(ephemeral: boolean): InteractionReplyOptions['flags'] {
  return ephemeral ? MessageFlags.Ephemeral : undefined;
}

/** Stores a form for `userId` and returns the key its modal or button carries. */
export async function storeForm(deps: ResponderDeps, pending: PendingForm): Promise<string> {
  const key = crypto.randomUUID().replaceAll('-', '').slice(0, 16);
  await deps.forms.save(key, pending);
  return key;
}

/** A reply ready to go out: what it refers to is stored, and it is rendered. */
type Prepared =
  | { kind: 'form'; modal: APIModalInteractionResponseCallbackData; opener: DiscordMessage }
  | { kind: 'message'; message: DiscordMessage; replace: boolean };

/** Discord only shows a modal as the first response; later, a button opens it instead. */
function openerReply(form: Form, formKey: string): MessageReply {
  return {
    kind: 'message',
    text: `${form.title}: press the button to open the form.`,
    blocks: [
      { type: 'text', text: `**${form.title}**: press the button to open the form.` },
      {
        type: 'buttons',
        buttons: [{ action: OPEN_FORM_ACTION, label: 'Open form', value: formKey, style: 'primary' }],
      },
    ],
    private: true,
  };
}

/** Stores what the reply's modal and buttons refer to, and renders it. */
async function prepare(interaction: AnswerableInteraction, outcome: Outcome, deps: ResponderDeps): Promise<Prepared> {
  const { reply, file } = outcome;
  if (reply.kind === 'form') {
    const formKey = await storeForm(deps, { form: reply.form, userId: interaction.user.id, file });
    return {
      kind: 'form',
      modal: renderModal(reply.form, formId(formKey)),
      opener: await renderMessageStoring(openerReply(reply.form, formKey), deps.buttons),
    };
  }
  if (reply.kind === 'form-errors') {
    const text = Object.entries(reply.errors)
      .map(([field, error]) => `**${field}**: ${error}`)
      .join('\n');
    const errors: MessageReply = { kind: 'message', text, blocks: [{ type: 'error', text }], private: true };
    return { kind: 'message', message: await renderMessageStoring(errors, deps.buttons), replace: false };
  }
  const replace = reply.kind === 'message' && reply.replaceOriginal === true && !interaction.isChatInputCommand();
  return { kind: 'message', message: await renderMessageStoring(reply, deps.buttons), replace };
}

/**
 * Answers an interaction with a prepared reply, whatever state it is in: first response, deferred
 * reply or deferred update. Privacy follows the reply: a private reply to a public deferral goes out
 * as an ephemeral follow-up (and the other way round), never as a public edit of private data.
 */
async function send(interaction: AnswerableInteraction, ack: Ack, prepared: Prepared): Promise<void> {
  if (prepared.kind === 'form') {
    if (ack.kind === 'none' && !interaction.isModalSubmit()) await interaction.showModal(prepared.modal);
    else await send(interaction, ack, { kind: 'message', message: prepared.opener, replace: false });
    return;
  }
  const { message, replace } = prepared;
  if (ack.kind === 'none') {
    if (replace && (interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage()))) {
      await interaction.update(payload(message));
    } else {
      await interaction.reply({ ...payload(message), flags: flags(message.ephemeral) } as InteractionReplyOptions);
    }
    return;
  }
  if (ack.kind === 'update') {
    if (replace) await interaction.editReply(payload(message));
    else
      await interaction.followUp({ ...payload(message), flags: flags(message.ephemeral) } as InteractionReplyOptions);
    return;
  }
  if (ack.ephemeral === message.ephemeral || (ack.ephemeral && !message.ephemeral && replace)) {
    await interaction.editReply(payload(message));
    return;
  }
  await interaction.followUp({ ...payload(message), flags: flags(message.ephemeral) } as InteractionReplyOptions);
  await interaction.deleteReply();
}

/** What the work behind an interaction produced. */
export interface Outcome {
  reply: Reply;
  /** A definition file attached to the command, kept with the form the reply opens. */
  file?: string;
}

export interface AnswerOptions {
  /** Acknowledge at once instead of after `DEFER_AFTER_MS`. */
  deferNow?: boolean;
  /** Whether a deferred reply is ephemeral (its privacy cannot change later). */
  ephemeral?: boolean;
  /** Buttons acknowledge with a deferred update, so a reply can still replace their message. */
  update?: boolean;
}

/**
 * Runs `work` and answers with its reply. When the work outlives `DEFER_AFTER_MS` (or `deferNow`),
 * the interaction is deferred first so Discord's 3-second limit is always met.
 */
export async function answer(
  interaction: AnswerableInteraction,
  work: () => Promise<Outcome>,
  deps: ResponderDeps,
  options: AnswerOptions = {},
): Promise<void> {
  let ack: Ack = { kind: 'none' };
  let deferring: Promise<void> | undefined;
  const defer = () => {
    deferring ??= (async () => {
      if (options.update && interaction.isButton()) {
        await interaction.deferUpdate();
        ack = { kind: 'update' };
      } else {
        const ephemeral = options.ephemeral ?? true;
        await interaction.deferReply({ flags: flags(ephemeral) } as Parameters<typeof interaction.deferReply>[0]);
        ack = { kind: 'reply', ephemeral };
      }
    })();
    return deferring;
  };
  if (options.deferNow) await defer();
  const timer = options.deferNow ? undefined : setTimeout(() => void defer().catch(() => undefined), DEFER_AFTER_MS);
  try {
    const outcome = await work();
    // Forms and long button values are stored before the timer stops, so a slow write defers the
    // answer instead of missing the limit.
    const prepared = await prepare(interaction, outcome, deps);
    clearTimeout(timer);
    if (deferring) await deferring;
    await send(interaction, ack, prepared);
  } finally {
    clearTimeout(timer);
  }
}
