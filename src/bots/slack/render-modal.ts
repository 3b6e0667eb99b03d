import type { Form, FormField } from '../../core/commands/reply.ts';
import { clip, toPlain } from './mrkdwn.ts';

type Block = Record<string, unknown>;

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });

/** What a modal carries back on submit: the form's state and the channel it was opened from. */
export interface ModalMetadata {
  state: string;
  channelId: string;
}

export function encodeMetadata(metadata: ModalMetadata): string {
  return JSON.stringify({ s: metadata.state, c: metadata.channelId });
}

export function decodeMetadata(text: string): ModalMetadata {
  try {
    const value = JSON.parse(text) as { s?: unknown; c?: unknown };
    return { state: typeof value.s === 'string' ? value.s : '', channelId: typeof value.c === 'string' ? value.c : '' };
  } catch {
    return { state: '', channelId: '' };
  }
}

function option(value: string, label: string) {
  return { text: plain(clip(toPlain(label), 75)), value: clip(value, 150) };
}

function element(field: FormField): Block {
  const placeholder = field.placeholder ? { placeholder: plain(clip(field.placeholder, 150)) } : {};
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return {
        type: 'plain_text_input',
        action_id: field.id,
        multiline: field.kind === 'multiline',
        max_length: Math.min(field.maxLength ?? 3000, 3000),
        ...(field.value ? { initial_value: clip(field.value, Math.min(field.maxLength ?? 3000, 3000)) } : {}),
        ...placeholder,
      };
    case 'select': {
      const options = field.options.slice(0, 100).map((o) => option(o.value, o.label));
      const initial = options.find((o) => o.value === field.selected[0]);
      return {
        type: 'static_select',
        action_id: field.id,
        options,
        ...(initial ? { initial_option: initial } : {}),
        ...placeholder,
      };
    }
    case 'multiselect': {
      // Without fixed options the choices come from a search (`app.options(field.id)`).
      const initial = field.selected.map((value) => option(value, value));
      const fixed = field.options.length > 0;
      return {
        type: fixed ? 'multi_static_select' : 'multi_external_select',
        action_id: field.id,
        ...(fixed
          ? { options: field.options.slice(0, 100).map((o) => option(o.value, o.label)) }
          : { min_query_length: 0 }),
        ...(initial.length > 0 ? { initial_options: initial } : {}),
        ...placeholder,
      };
    }
    case 'file':
      return {
        type: 'file_input',
        action_id: field.id,
        filetypes: ['csv', 'tsv', 'yaml', 'yml', 'json', 'txt'],
        max_files: 1,
      };
  }
}

/** A form as a Slack modal: one input block per field, block and action ids equal to the field id. */
export function renderModal(form: Form, metadata: ModalMetadata): Block {
  return {
    type: 'modal',
    callback_id: form.id,
    private_metadata: encodeMetadata(metadata),
    title: plain(clip(form.title, 24)),
    submit: plain(clip(form.submitLabel, 24)),
    close: plain('Cancel'),
    blocks: form.fields.map((field) => ({
      type: 'input',
      block_id: field.id,
      optional: !field.required,
      label: plain(clip(field.label, 2000)),
      ...(field.hint ? { hint: plain(clip(toPlain(field.hint), 2000)) } : {}),
      element: element(field),
    })),
  };
}
