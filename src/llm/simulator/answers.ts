/** A model the simulator serves. */
export interface SimulatedModel {
  /** Model id: requests name it whole or, for `demo:smart`, as `smart`. */
  id: string;
  name?: string;
  /** Probability of answering a case correctly when the expected answer is known. */
  accuracy: number;
  latencyMs: number;
  promptPerToken: number;
  completionPerToken: number;
  contextLength?: number;
}

/** FNV-1a with a finaliser: a cheap, stable 32-bit hash (the simulator serves hundreds of requests a second). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // murmur3's finaliser: FNV alone leaves prompts differing in their last character clustered.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const WRONG_WORDS = ['I am not sure.', 'unknown', 'None of the above', 'It depends.'];

/** A wrong answer that still looks like an answer of the expected kind. */
export function wrongAnswer(expected: string, h: number): string {
  const trimmed = expected.trim();
  const number = Number(trimmed.replace(/,/g, ''));
  if (trimmed !== '' && Number.isFinite(number)) {
    const offset = (h % 9) + 1;
    return String(h & 1 ? number + offset : number - offset);
  }
  if (/^[A-Ea-e]$/.test(trimmed)) {
    const letters = ['A', 'B', 'C', 'D'].filter((letter) => letter !== trimmed.toUpperCase());
    return letters[h % letters.length] ?? 'A';
  }
  const flips: Record<string, string> = { yes: 'no', no: 'yes', true: 'false', false: 'true' };
  const flipped = flips[trimmed.toLowerCase()];
  if (flipped) return flipped;
  return WRONG_WORDS[h % WRONG_WORDS.length] ?? 'unknown';
}

/**
 * The answer of `model` to `prompt`: with a known expected answer, correct with probability
 * `accuracy`, decided by a hash of (model, prompt) so reruns answer alike.
 */
export function simulatedAnswer(model: SimulatedModel, prompt: string, expected: string | undefined): string {
  if (expected === undefined) return `This is a simulated answer from ${model.id}.`;
  const h = hash32(`${model.id}\u0000${prompt}`);
  return h / 4294967296 < model.accuracy ? expected : wrongAnswer(expected, h);
}

/** Roughly four characters a token: good enough for simulated usage and cheap to compute. */
export function approximateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
