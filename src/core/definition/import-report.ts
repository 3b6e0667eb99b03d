import { z } from 'zod';
import type { ResolvedDefinition } from './schema.ts';
import type { LineOf } from './zod-issues.ts';

/** Text formats a definition can arrive in; `auto` detects one of the others. */
export const DefinitionFormatSchema = z.enum(['auto', 'yaml', 'json', 'csv', 'tsv', 'lines', 'promptfoo']);
export type DefinitionFormat = z.infer<typeof DefinitionFormatSchema>;
export const ResolvedFormatSchema = DefinitionFormatSchema.exclude(['auto']);
export type ResolvedFormat = z.infer<typeof ResolvedFormatSchema>;

/** What an import did, shown to the user next to the imported definition. */
export const ImportReportSchema = z.object({
  format: ResolvedFormatSchema,
  caseCount: z.number().int().min(0),
  /** Parts of the source that have no meaning here and were left out. */
  ignored: z.array(z.string()),
  /** Things that were imported but may not behave as the source meant. */
  warnings: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export interface ParsedDefinition {
  definition: ResolvedDefinition;
  report: ImportReport;
}

/** What each format parser hands to validation: definition-shaped data and where it came from. */
export interface ParserOutput {
  /** Definition fields as parsed; validated afterwards. */
  input: Record<string, unknown>;
  lineOf: LineOf;
  ignored: string[];
  warnings: string[];
}
