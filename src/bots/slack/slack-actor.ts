import type { webApi } from '@slack/bolt';
import type { Actor } from '../../core/use-cases/actor.ts';
import type { Logger } from '../../logger.ts';

const ADMIN_TTL_MS = 60_000;

export interface SlackIdentity {
  teamId: string;
  teamName?: string;
  userId: string;
  userName?: string;
}

/**
 * Builds the actor of a Slack request: the workspace is the team, and Slack admins and owners
 * are platform admins. `users.info` is asked at most once a minute per user.
 */
export function createActorResolver(client: webApi.WebClient, logger: Logger) {
  const admins = new Map<string, { admin: boolean; until: number }>();

  async function isAdmin(teamId: string, userId: string): Promise<boolean> {
    const key = `${teamId}:${userId}`;
    const cached = admins.get(key);
    if (cached && cached.until > Date.now()) return cached.admin;
    try {
      const { user } = await client.users.info({ user: userId });
      const admin = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      admins.set(key, { admin, until: Date.now() + ADMIN_TTL_MS });
      return admin;
    } catch (error) {
      // Without an answer the user is treated as a member; admin-only commands then say so.
      logger.warn({ err: error, userId }, 'users.info failed');
      return false;
    }
  }

  return async function resolveActor(identity: SlackIdentity): Promise<Actor> {
    return {
      workspace: { platform: 'slack', externalId: identity.teamId, name: identity.teamName ?? '' },
      userId: identity.userId,
      userName: identity.userName ?? '',
      platformAdmin: await isAdmin(identity.teamId, identity.userId),
    };
  };
}

export type ActorResolver = ReturnType<typeof createActorResolver>;
