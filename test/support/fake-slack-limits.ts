/**
 * The Block Kit and view limits Slack enforces (docs.slack.dev/reference/block-kit), as checks the
 * fake Web API applies to every payload. Each returns Slack's error code and what was wrong, or undefined.
 */
type Json = Record<string, unknown>;

const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const textOf = (value: unknown): string => {
  const text = (value as Json | undefined)?.text;
  return typeof text === 'string' ? text : '';
};

function checkTextObject(value: unknown, where: string, max: number): string | undefined {
  if (value === undefined) return undefined;
  const object = value as Json;
  if (object.type !== 'plain_text' && object.type !== 'mrkdwn') return `${where}: text object without a valid type`;
  const text = textOf(object);
  if (text.length === 0) return `${where}: empty text`;
  if (text.length > max) return `${where}: ${text.length} characters, more than ${max}`;
  return undefined;
}

function checkElement(element: Json, where: string, actionIds: Set<string>): string | undefined {
  const actionId = element.action_id;
  if (typeof actionId === 'string') {
    if (actionId.length > 255) return `${where}: action_id longer than 255`;
    if (actionIds.has(actionId)) return `${where}: duplicate action_id ${actionId}`;
    actionIds.add(actionId);
  }
  if (element.type === 'button') {
    if ((element.text as Json | undefined)?.type !== 'plain_text') return `${where}: button text must be plain_text`;
    return (
      checkTextObject(element.text, `${where}.text`, 75) ??
      (typeof element.value === 'string' && element.value.length > 2000
        ? `${where}: value longer than 2000`
        : undefined) ??
      (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger'
        ? `${where}: style must be primary or danger`
        : undefined)
    );
  }
  if (element.type === 'plain_text_input') {
    const max = typeof element.max_length === 'number' ? element.max_length : 3000;
    if (max > 3000) return `${where}: max_length above 3000`;
    const initial = element.initial_value;
    if (typeof initial === 'string' && initial.length > max) return `${where}: initial_value longer than max_length`;
  }
  if (element.type === 'static_select' || element.type === 'multi_static_select') {
    const options = asArray(element.options);
    if (options.length === 0 || options.length > 100) return `${where}: needs 1 to 100 options`;
    for (const option of options) {
      const problem = checkTextObject(option.text, `${where}.option`, 75);
      if (problem) return problem;
    }
  }
  if (element.placeholder !== undefined) return checkTextObject(element.placeholder, `${where}.placeholder`, 150);
  return undefined;
}

/** Checks a list of blocks the way `chat.postMessage` / `views.open` do. */
export function checkBlocks(blocks: unknown, maxBlocks: number): string | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return 'blocks must be an array';
  if (blocks.length > maxBlocks) return `${blocks.length} blocks, more than ${maxBlocks}`;
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  for (const [index, block] of (blocks as Json[]).entries()) {
    const where = `blocks[${index}]`;
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) return `${where}: duplicate block_id`;
      blockIds.add(block.block_id);
    }
    let problem: string | undefined;
    switch (block.type) {
      case 'header':
        problem =
          (block.text as Json | undefined)?.type !== 'plain_text'
            ? `${where}: header text must be plain_text`
            : checkTextObject(block.text, where, 150);
        break;
      case 'section': {
        const fields = asArray(block.fields);
        if (block.text === undefined && fields.length === 0) problem = `${where}: section needs text or fields`;
        problem ??= checkTextObject(block.text, `${where}.text`, 3000);
        if (fields.length > 10) problem ??= `${where}: ${fields.length} fields, more than 10`;
        for (const field of fields) problem ??= checkTextObject(field, `${where}.field`, 2000);
        break;
      }
      case 'context': {
        const elements = asArray(block.elements);
        if (elements.length === 0 || elements.length > 10) problem = `${where}: context needs 1 to 10 elements`;
        for (const element of elements) problem ??= checkTextObject(element, `${where}.element`, 3000);
        break;
      }
      case 'actions': {
        const elements = asArray(block.elements);
        if (elements.length === 0 || elements.length > 25) problem = `${where}: actions need 1 to 25 elements`;
        for (const element of elements) problem ??= checkElement(element, `${where}.element`, actionIds);
        break;
      }
      case 'input':
        if (!block.element) problem = `${where}: input without element`;
        problem ??=
          checkTextObject(block.label, `${where}.label`, 2000) ??
          (block.label ? undefined : `${where}: input without label`);
        problem ??= checkTextObject(block.hint, `${where}.hint`, 2000);
        if (!problem) problem = checkElement(block.element as Json, `${where}.element`, actionIds);
        break;
      case 'divider':
      case 'image':
        break;
      default:
        problem = `${where}: unknown block type ${String(block.type)}`;
    }
    if (problem) return problem;
  }
  return undefined;
}

/** Checks a modal view for `views.open` / `views.update`. */
export function checkView(view: unknown): string | undefined {
  const v = view as Json | undefined;
  if (v?.type !== 'modal') return 'view.type must be modal';
  const blocks = asArray(v.blocks);
  const hasInputs = blocks.some((block) => block.type === 'input');
  return (
    checkTextObject(v.title, 'view.title', 24) ??
    (v.title ? undefined : 'view.title is required') ??
    checkTextObject(v.submit, 'view.submit', 24) ??
    (hasInputs && !v.submit ? 'view.submit is required with input blocks' : undefined) ??
    checkTextObject(v.close, 'view.close', 24) ??
    (typeof v.private_metadata === 'string' && v.private_metadata.length > 3000
      ? 'private_metadata longer than 3000'
      : undefined) ??
    (typeof v.callback_id === 'string' && v.callback_id.length > 255 ? 'callback_id longer than 255' : undefined) ??
    checkBlocks(v.blocks, 100)
  );
}
