/** `max_tokens` assumed when the definition sets none: the worst case must stay finite. */
export const DEFAULT_MAX_TOKENS = 1024;
