import { z } from 'zod';
import type { BenchmarkDefinition } from '../definition/schema.ts';

/** A template's slug: its file name without `.yaml`, safe to type in chat and to use in a URL. */
export const TemplateSlugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by `-`');

/** What a template list shows about one template, without its cases. */
export const TemplateInfoSchema = z.object({
  slug: TemplateSlugSchema,
  name: z.string().min(1),
  description: z.string(),
  tags: z.array(z.string()),
  caseCount: z.number().int().min(1),
});
export type TemplateInfo = z.infer<typeof TemplateInfoSchema>;

/** Summarises a validated template definition for listings. */
export function toTemplateInfo(
  slug: string,
  definition: Pick<BenchmarkDefinition, 'name' | 'description' | 'tags' | 'cases'>,
): TemplateInfo {
  return TemplateInfoSchema.parse({
    slug,
    name: definition.name,
    description: definition.description,
    tags: definition.tags,
    caseCount: definition.cases.length,
  });
}

/** Orders templates for display: by name, so a list reads the same on every surface. */
export function sortTemplateInfos(infos: readonly TemplateInfo[]): TemplateInfo[] {
  return [...infos].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
