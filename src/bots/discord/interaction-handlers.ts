import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
} from 'discord.js';
import { FIELD } from '../../core/commands/builder-form.ts';
import { handleAction } from '../../core/commands/handle-action.ts';
import { handleCommand } from '../../core/commands/handle-command.ts';
import { type FormValues, handleSubmission } from '../../core/commands/handle-submission.ts';
import { errorReply } from '../../core/commands/replies/error.ts';
import type { Reply } from '../../core/commands/reply.ts';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/ports.ts';
import type { BenchmarkHub } from '../../core/use-cases/hub.ts';
import { buildCommand, isSubcommand, type OptionValues } from './build-command.ts';
import { DISCORD_SUBCOMMANDS, FILE_OPTION, type SubcommandSpec } from './commands-definition.ts';
import { formId, parseButtonId, parseFormId, resolveButton } from './custom-ids.ts';
import { downloadAttachment } from './download-attachment.ts';
import { actorOf, chatOf } from './interaction-context.ts';
import { formWithValues, renderModal } from './render-modal.ts';
import { answer, OPEN_FORM_ACTION, type Outcome, type ResponderDeps, storeForm } from './respond.ts';
import { safeError } from './safe-error.ts';
import type { Suggestions } from './suggestions.ts';

export interface HandlerDeps extends ResponderDeps {
  hub: BenchmarkHub;
  logger: Logger;
  suggestions: Suggestions;
  /** Largest definition file accepted, in bytes. */
  maxFileBytes: number;
}

// Autocomplete answers later than 3 seconds are dropped by Discord; an empty list beats none.
const AUTOCOMPLETE_BUDGET_MS = 2000;
const DOWNLOAD_TIMEOUT_MS = 2000;

/** The one place an error becomes a reply on Discord; unexpected ones are logged with their detail. */
function toOutcome(deps: HandlerDeps, what: string): (error: unknown) => Outcome {
  return (error) => {
    if (!(error instanceof AppError)) deps.logger.error({ err: safeError(error), what }, 'Discord interaction failed');
    return { reply: errorReply(error) };
  };
}

/** `/bench <subcommand> …` */
export async function onChatCommand(interaction: ChatInputCommandInteraction, deps: HandlerDeps): Promise<void> {
  const subcommand = interaction.options.getSubcommand();
  const spec: SubcommandSpec | undefined = isSubcommand(subcommand) ? DISCORD_SUBCOMMANDS[subcommand] : undefined;
  const work = async (): Promise<Outcome> => {
    const actor = actorOf(interaction);
    const values: OptionValues = {};
    for (const option of interaction.options.data[0]?.options ?? []) {
      if (option.value !== undefined) values[option.name] = option.value;
    }
    const command = buildCommand(subcommand, values);
    const reply = await handleCommand(deps.hub, actor, command, { chat: chatOf(interaction) });
    const attachment = interaction.options.getAttachment(FILE_OPTION);
    if (reply.kind !== 'form' || !attachment) return { reply };
    // The modal cannot carry the file: it is kept with the form until the form is submitted.
    const file = await downloadAttachment(attachment, deps.maxFileBytes, DOWNLOAD_TIMEOUT_MS);
    // A stored form must read back as a Form (hints of 150 characters at most); the modal shows 100.
    const hint = `Cases come from ${attachment.name}; leave this empty.`.slice(0, 150);
    const fields = reply.form.fields.map((field) => (field.id === FIELD.cases ? { ...field, value: '', hint } : field));
    return { reply: { kind: 'form', form: { ...reply.form, fields } }, file };
  };
  await answer(interaction, () => work().catch(toOutcome(deps, `/bench ${subcommand}`)), deps, {
    deferNow: spec?.slow === true,
    // Every answer is private except a forked benchmark's announcement.
    ephemeral: subcommand !== 'fork',
  }).catch(logFailure(deps));
}

function logFailure(deps: HandlerDeps): (error: unknown) => void {
  return (error) => deps.logger.error({ err: safeError(error) }, 'Discord answer failed');
}

/** Button clicks: ours (open a stored form) or the command layer's actions. */
export async function onButton(interaction: ButtonInteraction, deps: HandlerDeps): Promise<void> {
  const ref = parseButtonId(interaction.customId);
  // A modal can only be the first response, so the form is read before anything else is sent.
  // Its key always fits in the custom id: nothing else is read before the deferral timer runs.
  let unreadable: unknown;
  if (ref?.action === OPEN_FORM_ACTION && 'value' in ref) {
    const pending = await deps.forms.load(ref.value).catch((error: unknown) => {
      unreadable = error;
      return undefined;
    });
    if (pending && pending.userId === interaction.user.id) {
      await interaction.showModal(renderModal(pending.form, formId(ref.value)));
      return;
    }
  }
  const work = async (): Promise<Outcome> => {
    if (unreadable !== undefined) throw unreadable;
    // A value too long for the custom id is read here, within the deferral timer; a failed read
    // goes through the error mapping instead of posing as an expired button.
    const button = ref && ref.action !== OPEN_FORM_ACTION ? await resolveButton(ref, deps.buttons) : undefined;
    if (!button) throw new AppError('expired_button', 'This button has expired. Type the command again.');
    const input = { action: button.action, value: button.value, chat: chatOf(interaction) };
    return { reply: await handleAction(deps.hub, actorOf(interaction), input) };
  };
  await answer(interaction, () => work().catch(toOutcome(deps, `button ${ref?.action ?? '?'}`)), deps, {
    update: true,
  }).catch(logFailure(deps));
}

/** Values of a submitted modal by field id; uploaded files are downloaded and passed as text. */
async function modalValues(interaction: ModalSubmitInteraction, deps: HandlerDeps): Promise<FormValues> {
  const values: FormValues = {};
  for (const [id, field] of interaction.fields.fields) {
    if ('value' in field && typeof field.value === 'string') values[id] = field.value;
    else if ('attachments' in field && field.attachments) {
      const first = field.attachments.first();
      if (first) values[id] = await downloadAttachment(first, deps.maxFileBytes, DOWNLOAD_TIMEOUT_MS);
    } else if ('values' in field && Array.isArray(field.values)) values[id] = [...field.values];
  }
  return values;
}

/**
 * Modal submissions. Discord closes a modal on submit, so problems come back as an ephemeral message
 * listing them with a "Fix and resubmit" button that reopens the modal holding the user's input.
 */
export async function onModalSubmit(interaction: ModalSubmitInteraction, deps: HandlerDeps): Promise<void> {
  const key = parseFormId(interaction.customId);
  const work = async (): Promise<Outcome> => {
    const pending = key === undefined ? undefined : await deps.forms.load(key);
    if (!pending || pending.userId !== interaction.user.id) {
      throw new AppError('expired_form', 'This form has expired. Open it again with `/bench new` or `/bench edit`.');
    }
    const values = await modalValues(interaction, deps);
    if (pending.file !== undefined && !values.file) values.file = pending.file;
    const { form } = pending;
    const reply = await handleSubmission(deps.hub, actorOf(interaction), form.id, form.state, values);
    if (reply.kind !== 'form-errors') return { reply };
    const retryKey = await storeForm(deps, { ...pending, form: formWithValues(form, values) });
    const labels = new Map(form.fields.map((field) => [field.id, field.label]));
    const lines = Object.entries(reply.errors).map(([field, error]) => `**${labels.get(field) ?? field}**: ${error}`);
    const problems: Reply = {
      kind: 'message',
      text: `The benchmark was not saved:\n${lines.join('\n')}`,
      blocks: [
        { type: 'header', text: 'Not saved yet' },
        { type: 'error', text: lines.join('\n') },
        { type: 'notice', text: 'Your input is kept: fix it and submit again.' },
        {
          type: 'buttons',
          buttons: [{ action: OPEN_FORM_ACTION, label: 'Fix and resubmit', value: retryKey, style: 'primary' }],
        },
      ],
      private: true,
      replaceOriginal: true,
    };
    return { reply: problems };
  };
  await answer(interaction, () => work().catch(toOutcome(deps, `form ${interaction.customId}`)), deps, {
    ephemeral: false,
  }).catch(logFailure(deps));
}

/** Autocomplete: always answered, with an empty list when the lookup is too slow or fails. */
export async function onAutocomplete(interaction: AutocompleteInteraction, deps: HandlerDeps): Promise<void> {
  const subcommand = interaction.options.getSubcommand(false) ?? '';
  const focused = interaction.options.getFocused(true);
  const spec = isSubcommand(subcommand) ? DISCORD_SUBCOMMANDS[subcommand] : undefined;
  const option = spec?.options.find((candidate) => candidate.option === focused.name);
  let choices: { name: string; value: string }[] = [];
  if (option?.suggest) {
    const source = option.suggest;
    const lookup = (async () =>
      deps.suggestions.choices(actorOf(interaction), source, String(focused.value), option.list))();
    const timeout = new Promise<undefined>((resolve) =>
      setTimeout(() => resolve(undefined), AUTOCOMPLETE_BUDGET_MS).unref(),
    );
    choices =
      (await Promise.race([lookup, timeout]).catch((error: unknown) => {
        deps.logger.warn({ err: safeError(error) }, 'Discord autocomplete failed');
        return undefined;
      })) ?? [];
  }
  await interaction.respond(choices);
}
