/** The JSON value in a model answer: the whole answer, or the first fenced block that parses. */
export type ExtractedJson = { ok: true; value: unknown; fenced: boolean } | { ok: false; reason: string };

// Lazy body, so each fence ends at the next closing fence: one pass over the text, no backtracking blow-up.
const FENCE = /```[ \t]*(?:json5?|JSON)?[ \t]*\r?\n([\s\S]*?)```/g;

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Finds JSON in an answer; models often wrap it in a ```json fenced block with prose around. */
export function extractJson(output: string): ExtractedJson {
  const trimmed = output.trim();
  if (trimmed === '') return { ok: false, reason: 'the answer is empty' };
  const whole = tryParse(trimmed);
  if (whole.ok) return { ok: true, value: whole.value, fenced: false };
  for (const match of trimmed.matchAll(FENCE)) {
    const block = tryParse((match[1] ?? '').trim());
    if (block.ok) return { ok: true, value: block.value, fenced: true };
  }
  return { ok: false, reason: `not valid JSON (${whole.message})` };
}
