import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.ts';
import { NEEDLE_TEMPLATE_SLUG } from '../../../src/core/templates/needle.ts';
import { createTemplateLibrary } from '../../../src/templates/library.ts';

const GOOD = `name: Tiny
description: A two-case template for tests.
cases:
  - { id: one, input: "1 + 1", expected: 2 }
  - { id: two, input: "2 + 2", expected: 4 }
`;

const dirs: string[] = [];
function templateDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bh-templates-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createTemplateLibrary', () => {
  it('lists the shipped templates and the generated needle template, sorted by name', () => {
    const infos = createTemplateLibrary().list();
    expect(infos.length).toBeGreaterThanOrEqual(23);
    expect(infos.map((info) => info.name)).toEqual(
      [...infos.map((info) => info.name)].sort((a, b) => a.localeCompare(b, 'en')),
    );
    const needle = infos.find((info) => info.slug === NEEDLE_TEMPLATE_SLUG);
    expect(needle?.caseCount).toBe(15);
    expect(infos.find((info) => info.slug === 'arithmetic')).toMatchObject({
      name: 'Arithmetic',
      tags: expect.arrayContaining(['math']),
    });
    for (const info of infos) expect(info.caseCount).toBeGreaterThanOrEqual(15);
  });

  it('returns a validated definition by slug, and undefined for an unknown slug', () => {
    const library = createTemplateLibrary();
    const parsed = library.get('capital-cities');
    expect(parsed?.definition.cases[0]).toMatchObject({ id: 'australia', expected: 'Canberra' });
    expect(parsed?.report.format).toBe('yaml');
    expect(library.get('no-such-template')).toBeUndefined();
    expect(library.get('../package')).toBeUndefined();
  });

  it('hands out copies, so editing a forked template leaves the library unchanged', () => {
    const library = createTemplateLibrary();
    const first = library.get('arithmetic');
    first?.definition.cases.splice(0);
    expect(library.get('arithmetic')?.definition.cases.length).toBeGreaterThanOrEqual(15);
  });

  it('reads a directory of templates once and names only .yaml files', () => {
    const dir = templateDir({ 'tiny.yaml': GOOD, 'notes.txt': 'not a template' });
    const library = createTemplateLibrary(dir);
    expect(library.list().map((info) => info.slug)).toEqual([NEEDLE_TEMPLATE_SLUG, 'tiny']);
    rmSync(join(dir, 'tiny.yaml'));
    expect(library.get('tiny')?.definition.name).toBe('Tiny');
  });

  it('names the broken template and the case at fault', () => {
    const broken = GOOD.replace('expected: 4 }', 'expected: 4, assert: [{ type: regex, value: "(" }] }');
    const library = createTemplateLibrary(templateDir({ 'tiny.yaml': broken }));
    let error: unknown;
    try {
      library.list();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('template_invalid');
    expect((error as AppError).userMessage).toMatch(/`tiny`[\s\S]*case 2/);
  });
});
