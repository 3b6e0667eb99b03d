import { z } from 'zod';

/**
 * A platform-neutral answer to a command. Bots render it (Slack Block Kit, Discord embeds and
 * components); the command layer never knows which platform asked.
 *
 * Inline text uses a small markup every renderer converts: `**bold**`, `_italic_`, `` `code` ``,
 * and links as `[label](https://…)`.
 */
export const ButtonSchema = z.object({
  /** Stable action id the bots route back to `handleAction`, e.g. `run.confirm`. */
  action: z.string().min(1).max(64),
  label: z.string().min(1).max(75),
  /** Opaque argument of the action (a run id, a benchmark name). */
  value: z.string().max(200).default(''),
  style: z.enum(['primary', 'danger', 'default']).default('default'),
  /** A link button: opens the URL instead of sending an action. */
  url: z.string().url().optional(),
});
export type Button = z.infer<typeof ButtonSchema>;

export const ReplyBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), text: z.string() }),
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('fields'), fields: z.array(z.object({ label: z.string(), value: z.string() })) }),
  /** A small table; renderers show it monospaced. Keep it under ~12 rows. */
  z.object({ type: z.literal('table'), columns: z.array(z.string()), rows: z.array(z.array(z.string())) }),
  z.object({
    type: z.literal('progress'),
    done: z.number().int().min(0),
    total: z.number().int().min(0),
    label: z.string(),
  }),
  z.object({ type: z.literal('buttons'), buttons: z.array(ButtonSchema).max(5) }),
  /** An image attached to the reply (see `attachments`), shown inline. */
  z.object({ type: z.literal('image'), attachment: z.string(), alt: z.string() }),
  z.object({ type: z.literal('error'), text: z.string() }),
  z.object({ type: z.literal('notice'), text: z.string() }),
]);
export type ReplyBlock = z.infer<typeof ReplyBlockSchema>;

export interface ReplyAttachment {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/** One form field. Discord modals hold at most five; the command layer keeps to that. */
export const FormFieldSchema = z.object({
  id: z.string().min(1).max(64),
  label: z.string().min(1).max(45),
  kind: z.enum(['text', 'multiline', 'select', 'multiselect', 'file']),
  required: z.boolean().default(false),
  value: z.string().default(''),
  /** Selected values of a (multi)select. */
  selected: z.array(z.string()).default([]),
  placeholder: z.string().max(150).default(''),
  hint: z.string().max(150).default(''),
  maxLength: z.number().int().positive().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).default([]),
});
export type FormField = z.infer<typeof FormFieldSchema>;

export const FormSchema = z.object({
  /** Routes the submission back to `handleSubmission`, e.g. `benchmark.save`. */
  id: z.string().min(1).max(64),
  /** Opaque state carried through the form (e.g. the name of the benchmark being edited). */
  state: z.string().max(2000).default(''),
  title: z.string().min(1).max(24),
  submitLabel: z.string().min(1).max(24).default('Save'),
  fields: z.array(FormFieldSchema).min(1).max(10),
});
export type Form = z.infer<typeof FormSchema>;

/** What a command or action answers. */
export type Reply =
  | {
      kind: 'message';
      /** Plain-text fallback (notifications, screen readers). */
      text: string;
      blocks: ReplyBlock[];
      /** Only the requester sees it. */
      private: boolean;
      attachments?: ReplyAttachment[];
      /** Replace the message the action came from instead of posting a new one. */
      replaceOriginal?: boolean;
    }
  /** Open a form (a Slack modal, a Discord modal). */
  | { kind: 'form'; form: Form }
  /** A submitted form had problems: show them next to the fields and keep the user's input. */
  | { kind: 'form-errors'; errors: Record<string, string> }
  /** A file to send to the requester (exports). */
  | { kind: 'file'; text: string; attachment: ReplyAttachment; private: boolean };
