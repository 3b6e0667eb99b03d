/** One step of a JSONPath: an object key or an array index. */
export type PathStep = { key: string } | { index: number };

const IDENTIFIER = /^[A-Za-z_$][\w$-]*/;
const QUOTED = /^\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/;
const INDEX = /^\[\s*(-?\d+)\s*\]/;

/**
 * Parses the safe JSONPath subset `$`, `.key`, `['key']`, `["key"]` and `[n]` (negative counts
 * from the end). Throws with a readable message on anything else: no filters, wildcards or scripts.
 */
export function parseJsonPath(path: string): PathStep[] {
  if (!path.startsWith('$')) throw new Error('a path starts with `$`');
  const steps: PathStep[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    if (rest.startsWith('.')) {
      const name = IDENTIFIER.exec(rest.slice(1));
      if (!name) throw new Error(`expected a key name after \`.\` at ${JSON.stringify(rest)}`);
      steps.push({ key: name[0] });
      rest = rest.slice(1 + name[0].length);
      continue;
    }
    const quoted = QUOTED.exec(rest);
    if (quoted) {
      steps.push({ key: (quoted[1] ?? quoted[2] ?? '').replace(/\\(.)/g, '$1') });
      rest = rest.slice(quoted[0].length);
      continue;
    }
    const index = INDEX.exec(rest);
    if (index) {
      steps.push({ index: Number(index[1]) });
      rest = rest.slice(index[0].length);
      continue;
    }
    throw new Error(`unsupported syntax at ${JSON.stringify(rest)} (use .key, ['key'] or [n])`);
  }
  return steps;
}

/** Follows the steps; own properties only, so `__proto__` or `constructor` never reach the prototype. */
export function resolveJsonPath(value: unknown, steps: PathStep[]): { found: true; value: unknown } | { found: false } {
  let current = value;
  for (const step of steps) {
    if ('index' in step) {
      if (!Array.isArray(current)) return { found: false };
      const at = step.index < 0 ? current.length + step.index : step.index;
      if (at < 0 || at >= current.length) return { found: false };
      current = current[at];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return { found: false };
      if (!Object.hasOwn(current, step.key)) return { found: false };
      current = (current as Record<string, unknown>)[step.key];
    }
  }
  return { found: true, value: current };
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]))
  );
}
