export { contentCaseId } from './case-id.ts';
export {
  type DefinitionFormat,
  DefinitionFormatSchema,
  type ImportReport,
  ImportReportSchema,
  type ParsedDefinition,
  type ResolvedFormat,
  ResolvedFormatSchema,
} from './import-report.ts';
export { type ParseOptions, parseDefinition } from './parse.ts';
export { renderMessages } from './render.ts';
export * from './schema.ts';
export { scanTemplate } from './template.ts';
export { type ValidateOptions, validateDefinition } from './validate.ts';
