import { z } from 'zod';

/** Size limits of a definition; parsers enforce them before and after parsing. */
export const LIMITS = {
  maxCases: 5000,
  maxInputBytes: 32 * 1024,
  maxDefinitionBytes: 5 * 1024 * 1024,
  maxSamples: 20,
} as const;

export const ChatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** Sampling parameters sent to every model (OpenAI chat-completions names). */
export const ModelParamsSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().min(1).max(1_000_000).optional(),
    top_p: z.number().gt(0).max(1).optional(),
    seed: z.number().int().optional(),
    stop: z.union([z.string().min(1), z.array(z.string().min(1)).max(4)]).optional(),
  })
  .strict();
export type ModelParams = z.infer<typeof ModelParamsSchema>;

/**
 * A model reference: `provider:model`, or a bare OpenRouter id such as `openai/gpt-4o-mini`.
 * Whitespace, control characters and quotes are refused so a reference is safe to show and to key on.
 */
export const ModelRefSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/, 'must look like `provider:model` or `vendor/model`');
export type ModelRef = z.infer<typeof ModelRefSchema>;

/**
 * One check of an answer. `type` names a scorer (optionally prefixed `not-`); what `value` means
 * depends on the scorer, and the scoring registry validates it.
 */
export const AssertionSchema = z
  .object({
    type: z.string().min(1).max(64),
    value: z.unknown().optional(),
    /** Score at or above which this assertion passes (0..1); scorers have their own default. */
    threshold: z.number().min(0).max(1).optional(),
    /** Relative weight in the case score (default 1). */
    weight: z.number().min(0).max(1000).optional(),
    /** Scorer-specific options (normalisation flags, tolerances, bounds…). */
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type Assertion = z.infer<typeof AssertionSchema>;

export const JudgeSettingsSchema = z
  .object({
    models: z.array(ModelRefSchema).min(1).max(5),
    rubric: z.string().min(1).max(8000).optional(),
    threshold: z.number().min(0).max(1).default(0.5),
    combine: z.enum(['mean', 'majority']).default('mean'),
  })
  .strict();
export type JudgeSettings = z.infer<typeof JudgeSettingsSchema>;

const VarValueSchema = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const CaseSchema = z
  .object({
    /** Stable id; derived from the case's content when not given. */
    id: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9_.-]+$/, 'may contain letters, digits, `_`, `.` and `-` only')
      .optional(),
    vars: z.record(z.string(), VarValueSchema).optional(),
    input: z.union([z.string(), z.array(ChatMessageSchema).min(1)]).optional(),
    expected: z.union([z.string(), z.number(), z.boolean()]).transform(String).optional(),
    /** Assertions of this case; `assertMode` says whether they extend or replace the defaults. */
    assert: z.array(AssertionSchema).max(50).optional(),
    assertMode: z.enum(['extend', 'replace']).default('extend'),
    tags: z.array(z.string().min(1).max(64)).max(20).default([]),
    weight: z.number().positive().max(1000).default(1),
    /** Case score at or above which the case passes (default: every assertion passes). */
    threshold: z.number().min(0).max(1).optional(),
  })
  .strict();
export type Case = z.infer<typeof CaseSchema>;
export type CaseInput = z.input<typeof CaseSchema>;

export const BenchmarkDefinitionSchema = z
  .object({
    schema: z.literal(1).default(1),
    name: z.string().trim().min(1).max(100),
    description: z.string().max(2000).default(''),
    tags: z.array(z.string().min(1).max(64)).max(20).default([]),
    system: z.string().max(LIMITS.maxInputBytes).optional(),
    /** Prompt template; `{{var}}` placeholders are filled from the case's vars (and `input`). */
    prompt: z.string().min(1).max(LIMITS.maxInputBytes).default('{{input}}'),
    params: ModelParamsSchema.default({}),
    samples: z.number().int().min(1).max(LIMITS.maxSamples).default(1),
    models: z.array(ModelRefSchema).max(20).default([]),
    assert: z.array(AssertionSchema).max(50).default([]),
    judge: JudgeSettingsSchema.optional(),
    cases: z.array(CaseSchema).min(1).max(LIMITS.maxCases),
  })
  .strict();
/** A validated definition as written (case ids may still be missing). */
export type BenchmarkDefinitionInput = z.input<typeof BenchmarkDefinitionSchema>;
export type BenchmarkDefinition = z.infer<typeof BenchmarkDefinitionSchema>;
/** A definition after validation: every case has its id. */
export type ResolvedCase = Case & { id: string };
export type ResolvedDefinition = Omit<BenchmarkDefinition, 'cases'> & { cases: ResolvedCase[] };
