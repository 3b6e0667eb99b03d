import { utf8ByteLength } from './text-checks.ts';

/** Keys that reach an object's prototype when code assigns them; refused anywhere in a definition. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface ValueInspection {
  /** Dotted paths of forbidden keys. */
  forbidden: string[];
  /** Whether the value is larger than the byte budget (aliases expanded, structure counted). */
  tooLarge: boolean;
}

/**
 * Walks a parsed definition without recursion. Every node costs at least one byte, so a value that
 * YAML aliases expanded far beyond its text, or that refers to itself, stops the walk at the budget.
 */
export function inspectValue(value: unknown, byteBudget: number): ValueInspection {
  const forbidden: string[] = [];
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  let bytes = 0;
  while (stack.length > 0) {
    const { value: node, path } = stack.pop()!;
    bytes += typeof node === 'string' ? utf8ByteLength(node) + 1 : 1;
    if (bytes > byteBudget) return { forbidden, tooLarge: true };
    if (node === null || typeof node !== 'object') continue;
    for (const [key, child] of Object.entries(node)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      bytes += key.length;
      if (FORBIDDEN_KEYS.has(key) && !Array.isArray(node)) forbidden.push(childPath);
      else stack.push({ value: child, path: childPath });
    }
  }
  return { forbidden, tooLarge: false };
}
