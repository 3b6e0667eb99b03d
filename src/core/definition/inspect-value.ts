import { utf8ByteLength } from './text-checks.ts';

/** Keys that reach an object's prototype when code assigns them; refused anywhere in a definition. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Far deeper than any real definition (JSON schemas in assertions included); stops self-references early. */
const MAX_DEPTH = 64;

export interface ValueInspection {
  /** Dotted paths of forbidden keys. */
  forbidden: string[];
  /** Whether the value is larger than the byte budget (aliases expanded, structure counted). */
  tooLarge: boolean;
  /** Whether the value nests deeper than any definition needs (or refers to itself). */
  tooDeep: boolean;
}

/**
 * Walks a parsed definition without recursion. Every node costs at least one byte, so a value that
 * YAML aliases expanded far beyond its text stops the walk at the budget; one that refers to itself
 * stops at the depth limit.
 */
export function inspectValue(value: unknown, byteBudget: number): ValueInspection {
  const forbidden: string[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  let bytes = 0;
  while (stack.length > 0) {
    const { value: node, path, depth } = stack.pop()!;
    bytes += typeof node === 'string' ? utf8ByteLength(node) + 1 : 1;
    if (bytes > byteBudget) return { forbidden, tooLarge: true, tooDeep: false };
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_DEPTH) return { forbidden, tooLarge: false, tooDeep: true };
    for (const [key, child] of Object.entries(node)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      bytes += key.length;
      if (FORBIDDEN_KEYS.has(key) && !Array.isArray(node)) forbidden.push(childPath);
      else stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return { forbidden, tooLarge: false, tooDeep: false };
}
