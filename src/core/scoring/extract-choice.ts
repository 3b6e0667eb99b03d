const BARE = /^\(?\*{0,2}\(?([A-Ja-j])\)?\*{0,2}\)?[.:]?$/;
const PHRASE = /\b(?:answer|option|choice)(?:\s+is)?\s*[:-]?\s*(?:\*\*)?\s*\(?([A-Ja-j])(?![A-Za-z0-9])/gi;
// A lowercase letter after "answer is" counts only when nothing but punctuation or a line end
// follows, so "the answer is a bit tricky" does not read as choice A.
const LOWERCASE_END = /^(?:\)|\*\*|[.,;:!\]]|[ \t]*(?:\r?\n|$))/;
const BOLD = /\*\*\(?([A-J])(?:\*\*|[).:])/g;
const LEADING = /^\(?([A-J])[).:](?:\s|$)/;
const PARENTHESISED = /\(([A-J])\)/g;

function last(text: string, pattern: RegExp, accept: (match: RegExpMatchArray) => boolean = () => true) {
  let found: string | undefined;
  for (const match of text.matchAll(pattern)) if (accept(match)) found = match[1];
  return found?.toUpperCase();
}

/**
 * The multiple-choice label (A–J) a reply picks: a bare label ("B", "(b)"), the last
 * "answer is (B)" / "Answer: d" / "option C", the last bold `**C**`, a reply opening with
 * "B) …", or the last "(B)" anywhere.
 */
export function extractChoice(text: string): string | undefined {
  const trimmed = text.trim();
  const bare = BARE.exec(trimmed);
  if (bare) return bare[1]?.toUpperCase();
  const phrase = last(trimmed, PHRASE, (match) => {
    const letter = match[1] ?? '';
    if (letter === letter.toUpperCase()) return true;
    return LOWERCASE_END.test(trimmed.slice((match.index ?? 0) + match[0].length));
  });
  if (phrase) return phrase;
  const bold = last(trimmed, BOLD);
  if (bold) return bold;
  const leading = LEADING.exec(trimmed);
  if (leading) return leading[1];
  return last(trimmed, PARENTHESISED);
}
