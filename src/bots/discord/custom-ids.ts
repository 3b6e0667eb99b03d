import { randomBytes } from 'node:crypto';
import { TtlMap } from './ttl-map.ts';

// Discord custom ids hold at most 100 characters; a button's value (a benchmark name) may be longer.
const MAX_CUSTOM_ID = 100;
const BUTTON = 'b';
const FORM = 'f';
const SEP = '|';

export interface ButtonAction {
  action: string;
  value: string;
}

/**
 * Encodes button actions and modal keys into custom ids. Values that do not fit are kept in memory for
 * a day and referenced by a short key; a click on such a button after a restart reads as expired.
 */
export class CustomIds {
  readonly #long = new TtlMap<string, string>({ ttlMs: 24 * 3600_000 });

  button(action: string, value: string): string {
    const direct = [BUTTON, action, value].join(SEP);
    if (direct.length <= MAX_CUSTOM_ID && !value.startsWith('~')) return direct;
    const key = randomBytes(8).toString('hex');
    this.#long.set(key, value);
    return [BUTTON, action, `~${key}`].join(SEP);
  }

  /** Parses a button's custom id; undefined when it is not ours or its stored value expired. */
  parseButton(customId: string): ButtonAction | undefined {
    const [kind, action, ...rest] = customId.split(SEP);
    if (kind !== BUTTON || !action) return undefined;
    const raw = rest.join(SEP);
    const value = raw.startsWith('~') ? this.#long.get(raw.slice(1)) : raw;
    return value === undefined ? undefined : { action, value };
  }

  form(key: string): string {
    return [FORM, key].join(SEP);
  }

  /** The key of a modal's custom id, or undefined when the id is not a form of ours. */
  parseForm(customId: string): string | undefined {
    const [kind, key] = customId.split(SEP);
    return kind === FORM && key ? key : undefined;
  }
}
