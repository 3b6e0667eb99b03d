// The payload limits Discord enforces (API v10), so the fake refuses what Discord would refuse.
// Each check returns the problems found; an empty list means Discord would accept the payload.

type Json = Record<string, unknown>;

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

function tooLong(problems: string[], where: string, value: unknown, max: number, min = 0): void {
  const text = str(value);
  if (text.length > max || text.length < min) problems.push(`${where}: length ${text.length} not in ${min}..${max}`);
}

/** Embeds, content, components and files of a message create/edit. */
export function messageProblems(body: Json, fileCount: number, isEdit: boolean): string[] {
  const problems: string[] = [];
  tooLong(problems, 'content', body.content, 2000);
  const embeds = list(body.embeds);
  if (embeds.length > 10) problems.push(`embeds: ${embeds.length} > 10`);
  let total = 0;
  embeds.forEach((embed, i) => {
    const at = `embeds[${i}]`;
    tooLong(problems, `${at}.title`, embed.title, 256);
    tooLong(problems, `${at}.description`, embed.description, 4096);
    const fields = list(embed.fields);
    if (fields.length > 25) problems.push(`${at}.fields: ${fields.length} > 25`);
    fields.forEach((field, j) => {
      tooLong(problems, `${at}.fields[${j}].name`, field.name, 256, 1);
      tooLong(problems, `${at}.fields[${j}].value`, field.value, 1024, 1);
      total += str(field.name).length + str(field.value).length;
    });
    const footer = (embed.footer ?? {}) as Json;
    tooLong(problems, `${at}.footer.text`, footer.text, 2048);
    total += str(embed.title).length + str(embed.description).length + str(footer.text).length;
  });
  if (total > 6000) problems.push(`embeds: ${total} characters in total > 6000`);
  problems.push(...componentProblems(list(body.components)));
  if (fileCount > 10) problems.push(`files: ${fileCount} > 10`);
  const empty = !str(body.content) && embeds.length === 0 && list(body.components).length === 0 && fileCount === 0;
  if (empty && !isEdit && list(body.attachments).length === 0) problems.push('Cannot send an empty message');
  return problems;
}

function componentProblems(rows: Json[]): string[] {
  const problems: string[] = [];
  if (rows.length > 5) problems.push(`components: ${rows.length} rows > 5`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if (row.type !== 1) problems.push(`components[${i}]: type ${String(row.type)} is not an action row`);
    const buttons = list(row.components);
    if (buttons.length < 1 || buttons.length > 5) problems.push(`components[${i}]: ${buttons.length} buttons`);
    buttons.forEach((button, j) => {
      const at = `components[${i}].components[${j}]`;
      tooLong(problems, `${at}.label`, button.label, 80, 1);
      if (button.style === 5) {
        if (!str(button.url) || button.custom_id !== undefined) problems.push(`${at}: link buttons need url only`);
      } else {
        tooLong(problems, `${at}.custom_id`, button.custom_id, 100, 1);
        if (ids.has(str(button.custom_id))) problems.push(`${at}.custom_id: duplicate`);
        ids.add(str(button.custom_id));
      }
    });
  });
  return problems;
}

/** A modal (interaction callback type 9). */
export function modalProblems(modal: Json): string[] {
  const problems: string[] = [];
  tooLong(problems, 'title', modal.title, 45, 1);
  tooLong(problems, 'custom_id', modal.custom_id, 100, 1);
  const components = list(modal.components);
  if (components.length < 1 || components.length > 5) problems.push(`components: ${components.length} not in 1..5`);
  components.forEach((top, i) => {
    const at = `components[${i}]`;
    if (top.type === 18) {
      tooLong(problems, `${at}.label`, top.label, 45, 1);
      tooLong(problems, `${at}.description`, top.description, 100);
      problems.push(...inputProblems((top.component ?? {}) as Json, `${at}.component`, true));
    } else if (top.type === 1) {
      const inner = list(top.components);
      if (inner.length !== 1) problems.push(`${at}: an action row in a modal holds one text input`);
      for (const input of inner) problems.push(...inputProblems(input, `${at}.components[0]`, false));
    } else if (top.type !== 10) {
      problems.push(`${at}: type ${String(top.type)} is not allowed in a modal`);
    }
  });
  return problems;
}

function inputProblems(input: Json, at: string, inLabel: boolean): string[] {
  const problems: string[] = [];
  tooLong(problems, `${at}.custom_id`, input.custom_id, 100, 1);
  if (input.type === 4) {
    if (inLabel && input.label !== undefined) problems.push(`${at}.label: not allowed inside a label`);
    if (!inLabel) tooLong(problems, `${at}.label`, input.label, 45, 1);
    tooLong(problems, `${at}.value`, input.value, 4000);
    tooLong(problems, `${at}.placeholder`, input.placeholder, 100);
    if (typeof input.max_length === 'number' && input.max_length > 4000) problems.push(`${at}.max_length > 4000`);
  } else if (input.type === 3 && inLabel) {
    const options = list(input.options);
    if (options.length < 1 || options.length > 25) problems.push(`${at}.options: ${options.length} not in 1..25`);
    options.forEach((option, j) => {
      tooLong(problems, `${at}.options[${j}].label`, option.label, 100, 1);
      tooLong(problems, `${at}.options[${j}].value`, option.value, 100, 1);
    });
  } else if (!(input.type === 19 && inLabel)) {
    problems.push(`${at}: type ${String(input.type)} is not allowed here`);
  }
  return problems;
}

/** Autocomplete choices (interaction callback type 8). */
export function choiceProblems(body: Json): string[] {
  const problems: string[] = [];
  const choices = list(body.choices);
  if (choices.length > 25) problems.push(`choices: ${choices.length} > 25`);
  choices.forEach((choice, i) => {
    tooLong(problems, `choices[${i}].name`, choice.name, 100, 1);
    if (typeof choice.value === 'string') tooLong(problems, `choices[${i}].value`, choice.value, 100);
  });
  return problems;
}

/** Application commands of a bulk overwrite. */
export function commandProblems(commands: Json[]): string[] {
  const problems: string[] = [];
  if (commands.length > 100) problems.push(`${commands.length} commands > 100`);
  const check = (options: Json[], at: string) => {
    if (options.length > 25) problems.push(`${at}.options: ${options.length} > 25`);
    let optionalSeen = false;
    options.forEach((option, i) => {
      const where = `${at}.options[${i}]`;
      if (!NAME.test(str(option.name))) problems.push(`${where}.name: invalid "${str(option.name)}"`);
      tooLong(problems, `${where}.description`, option.description, 100, 1);
      const choices = list(option.choices);
      if (choices.length > 25) problems.push(`${where}.choices > 25`);
      if (choices.length > 0 && option.autocomplete) problems.push(`${where}: choices and autocomplete`);
      if (option.type === 1 || option.type === 2) check(list(option.options), where);
      else if (option.required && optionalSeen) problems.push(`${where}: required after optional`);
      if (!option.required && option.type !== 1 && option.type !== 2) optionalSeen = true;
    });
  };
  commands.forEach((command, i) => {
    if (!NAME.test(str(command.name))) problems.push(`commands[${i}].name: invalid`);
    tooLong(problems, `commands[${i}].description`, command.description, 100, 1);
    check(list(command.options), `commands[${i}]`);
  });
  return problems;
}
