import { type BaseInteraction, PermissionFlagsBits } from 'discord.js';
import { AppError } from '../../core/errors.ts';
import type { Actor, ChatRef } from '../../core/use-cases/actor.ts';

/**
 * Who asks: the workspace is the guild, and members with Manage Server are its admins (budgets,
 * thresholds). `/bench` is registered for guilds only, so a DM has no workspace.
 */
export function actorOf(interaction: BaseInteraction): Actor {
  if (!interaction.guildId) {
    throw new AppError('guild_only', 'BenchmarkHub works inside a server: use `/bench` in one of its channels.');
  }
  return {
    workspace: { platform: 'discord', externalId: interaction.guildId, name: interaction.guild?.name ?? '' },
    userId: interaction.user.id,
    userName: interaction.user.globalName ?? interaction.user.username,
    platformAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
}

/** Where progress and results of a run started from this interaction go: the same channel. */
export function chatOf(interaction: BaseInteraction): ChatRef {
  return {
    platform: 'discord',
    channelId: interaction.channelId ?? '',
    threadId: '',
    messageId: '',
    userId: interaction.user.id,
  };
}
