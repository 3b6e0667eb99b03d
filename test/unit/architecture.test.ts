import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );
}

/** Pure computation libraries core may use: no I/O, no SDK. */
const CORE_LIBRARIES = ['zod', 'yaml', 're2js', 'ajv', 'gpt-tokenizer'];

describe('dependency rule', () => {
  const coreDir = join(root, 'src/core');

  it('keeps src/core free of adapters, SDKs and Node I/O', () => {
    const offences: string[] = [];
    for (const file of sourceFiles(coreDir)) {
      for (const specifier of importsOf(file)) {
        const name = relative(root, file);
        if (specifier.startsWith('.')) {
          const target = resolve(join(file, '..'), specifier);
          if (!target.startsWith(coreDir)) offences.push(`${name} imports ${specifier} (outside src/core)`);
        } else if (!CORE_LIBRARIES.some((lib) => specifier === lib || specifier.startsWith(`${lib}/`))) {
          offences.push(`${name} imports ${specifier}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
