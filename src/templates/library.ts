import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ParsedDefinition } from '../core/definition/parse.ts';
import { parseDefinition } from '../core/definition/parse.ts';
import { AppError, InputError } from '../core/errors.ts';
import { sortTemplateInfos, type TemplateInfo, TemplateSlugSchema, toTemplateInfo } from '../core/templates/catalog.ts';
import { generateNeedleBenchmark, NEEDLE_TEMPLATE_SLUG } from '../core/templates/needle.ts';

/** The `templates/` directory at the repository root. */
export const DEFAULT_TEMPLATE_DIR = resolve(import.meta.dirname, '../../templates');

/** The built-in benchmark templates users can list and fork. */
export interface TemplateLibrary {
  /** Every template, sorted by name. */
  list(): TemplateInfo[];
  /** The validated definition of a template, or undefined when no template has that slug. */
  get(slug: string): ParsedDefinition | undefined;
}

function parseTemplate(slug: string, text: string, format: 'yaml' | 'json'): ParsedDefinition {
  try {
    return parseDefinition(text, { format });
  } catch (error) {
    // A shipped template that does not validate is our bug, not the user's input.
    const detail = error instanceof InputError ? `: ${error.userMessage}` : '';
    throw new AppError('template_invalid', `The template \`${slug}\` is broken${detail}`, { cause: error });
  }
}

function loadTemplates(dir: string): Map<string, ParsedDefinition> {
  const templates = new Map<string, ParsedDefinition>();
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  for (const file of files) {
    const slug = file.slice(0, -'.yaml'.length);
    if (!TemplateSlugSchema.safeParse(slug).success) {
      throw new AppError('template_invalid', `The template file \`${file}\` needs a lowercase, dash-separated name`);
    }
    templates.set(slug, parseTemplate(slug, readFileSync(join(dir, file), 'utf8'), 'yaml'));
  }
  // The needle benchmark is generated, not stored: its haystacks would dwarf every other template.
  templates.set(
    NEEDLE_TEMPLATE_SLUG,
    parseTemplate(NEEDLE_TEMPLATE_SLUG, JSON.stringify(generateNeedleBenchmark()), 'json'),
  );
  return templates;
}

/**
 * Reads every `*.yaml` template of `dir` (plus the generated long-context template) on first use,
 * validates each with the definition parser and caches them. Throws AppError `template_invalid`
 * naming the template when one does not validate.
 */
export function createTemplateLibrary(dir: string = DEFAULT_TEMPLATE_DIR): TemplateLibrary {
  let templates: Map<string, ParsedDefinition> | undefined;
  let infos: TemplateInfo[] | undefined;
  const load = () => {
    templates ??= loadTemplates(dir);
    return templates;
  };
  return {
    list() {
      infos ??= sortTemplateInfos([...load()].map(([slug, parsed]) => toTemplateInfo(slug, parsed.definition)));
      return infos.map((info) => ({ ...info, tags: [...info.tags] }));
    },
    get(slug) {
      const parsed = load().get(slug);
      // Callers fork and edit definitions; a copy keeps the cached one pristine.
      return parsed === undefined ? undefined : structuredClone(parsed);
    },
  };
}
