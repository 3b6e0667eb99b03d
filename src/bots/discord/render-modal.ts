import {
  type APIFileUploadComponent,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
  type APIStringSelectComponent,
  type APITextInputComponent,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import type { FormValues } from '../../core/commands/handle-submission.ts';
import type { Form, FormField } from '../../core/commands/reply.ts';

// Discord modals: at most 5 top-level components, labels of 45 and descriptions of 100 characters,
// text inputs of 4000, selects with 1..25 options of 100 characters.
const MAX_COMPONENTS = 5;
const MAX_TEXT = 4000;
const MAX_OPTIONS = 25;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function textInput(field: FormField, value: string, placeholder: string): APITextInputComponent {
  const maxLength = Math.min(field.maxLength ?? MAX_TEXT, MAX_TEXT);
  return {
    type: ComponentType.TextInput,
    custom_id: field.id,
    style: field.kind === 'multiline' ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required: field.required,
    max_length: maxLength,
    ...(value ? { value: value.slice(0, maxLength) } : {}),
    ...(placeholder ? { placeholder: clip(placeholder, 100) } : {}),
  };
}

/** A select Discord can show: 1..25 options of at most 100 characters. */
function fitsSelect(field: FormField): boolean {
  return (
    field.options.length > 0 &&
    field.options.length <= MAX_OPTIONS &&
    field.options.every((option) => option.value.length <= 100 && option.label.length <= 100)
  );
}

function stringSelect(field: FormField): APIStringSelectComponent {
  const multi = field.kind === 'multiselect';
  return {
    type: ComponentType.StringSelect,
    custom_id: field.id,
    required: field.required,
    min_values: field.required ? 1 : 0,
    max_values: multi ? field.options.length : 1,
    ...(field.placeholder ? { placeholder: clip(field.placeholder, 150) } : {}),
    options: field.options.map((option) => ({
      label: option.label,
      value: option.value,
      default: field.selected.includes(option.value),
    })),
  };
}

function component(field: FormField): APITextInputComponent | APIStringSelectComponent | APIFileUploadComponent {
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return textInput(field, field.value, field.placeholder);
    case 'file':
      return {
        type: ComponentType.FileUpload,
        custom_id: field.id,
        required: field.required,
        min_values: 0,
        max_values: 1,
      };
    case 'select':
    case 'multiselect': {
      if (fitsSelect(field)) return stringSelect(field);
      // No options to pick from (free model ids) or too many: type them, separated by commas.
      const choices = field.options.map((option) => option.value).join(', ');
      const placeholder = choices ? `One of: ${choices}` : field.placeholder;
      return textInput(field, field.selected.join(', '), placeholder);
    }
  }
}

/**
 * Renders a form as a Discord modal: each field becomes a Label (title and hint) around a text input,
 * a string select or a file upload. Discord shows five components at most; fields past the fifth are
 * left out, so forms put the essential fields first.
 */
export function renderModal(form: Form, customId: string): APIModalInteractionResponseCallbackData {
  const components: APILabelComponent[] = form.fields.slice(0, MAX_COMPONENTS).map((field) => ({
    type: ComponentType.Label,
    label: clip(field.label, 45),
    ...(field.hint ? { description: clip(field.hint, 100) } : {}),
    component: component(field),
  }));
  return { custom_id: customId, title: clip(form.title, 45), components };
}

/** The form again with the user's submitted values filled in, for "Fix and resubmit". */
export function formWithValues(form: Form, values: FormValues): Form {
  return {
    ...form,
    fields: form.fields.map((field) => {
      const value = values[field.id];
      if (value === undefined || field.kind === 'file') return field;
      if (Array.isArray(value)) return { ...field, selected: value, value: value.join(', ') };
      const selects = field.kind === 'select' || field.kind === 'multiselect';
      return selects ? { ...field, selected: value.split(/[\s,]+/).filter(Boolean), value } : { ...field, value };
    }),
  };
}
