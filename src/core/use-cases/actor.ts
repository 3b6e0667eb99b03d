import { z } from 'zod';

export const PlatformSchema = z.enum(['slack', 'discord', 'local']);
export type Platform = z.infer<typeof PlatformSchema>;

/** The team a request belongs to: a Slack team, a Discord guild, or the local CLI user. */
export const WorkspaceRefSchema = z.object({
  platform: PlatformSchema,
  externalId: z.string().min(1).max(64),
  name: z.string().max(200).default(''),
});
export type WorkspaceRef = z.infer<typeof WorkspaceRefSchema>;

/** Who asks. Bots fill `platformAdmin` from the platform (Slack admin/owner, Discord Manage Server). */
export const ActorSchema = z.object({
  workspace: WorkspaceRefSchema,
  userId: z.string().min(1).max(64),
  userName: z.string().max(200).default(''),
  platformAdmin: z.boolean().default(false),
});
export type Actor = z.infer<typeof ActorSchema>;

/**
 * Where a run was requested, so progress and the result card go back there. It is stored with the run,
 * so it holds no credentials (no interaction tokens): notifiers post with the bot's own token.
 */
export const ChatRefSchema = z.object({
  platform: PlatformSchema,
  channelId: z.string().default(''),
  threadId: z.string().default(''),
  messageId: z.string().default(''),
  userId: z.string().default(''),
});
export type ChatRef = z.infer<typeof ChatRefSchema>;
