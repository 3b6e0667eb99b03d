import type { App } from '@slack/bolt';
import { handleAction } from '../../core/commands/handle-action.ts';
import { handleCommand } from '../../core/commands/handle-command.ts';
import { handleSubmission } from '../../core/commands/handle-submission.ts';
import { parseCommandText } from '../../core/commands/parse-command-text.ts';
import { errorReply } from '../../core/commands/replies/error.ts';
import { AppError } from '../../core/errors.ts';
import type { ChatRef } from '../../core/use-cases/actor.ts';
import type { BenchmarkHub } from '../../core/use-cases/hub.ts';
import type { Logger } from '../../logger.ts';
import { deliverReply, type SlackTarget } from './deliver-reply.ts';
import { type FileDownloader, readModalValues } from './read-modal-values.ts';
import { decodeMetadata } from './render-modal.ts';
import type { ActorResolver } from './slack-actor.ts';

export interface HandlerDeps {
  hub: BenchmarkHub;
  logger: Logger;
  resolveActor: ActorResolver;
  downloader: Omit<FileDownloader, 'client'>;
}

function chatRef(channelId: string, userId: string): ChatRef {
  return { platform: 'slack', channelId, threadId: '', messageId: '', userId };
}

/** Runs the work of one request; refusals and failures become the one error reply, never silence. */
async function answer(deps: HandlerDeps, target: SlackTarget, work: () => Promise<Parameters<typeof deliverReply>[1]>) {
  try {
    await deliverReply(target, await work());
  } catch (error) {
    if (!(error instanceof AppError)) deps.logger.error({ err: error }, 'slack request failed');
    await deliverReply(target, errorReply(error)).catch((deliveryError) =>
      deps.logger.error({ err: deliveryError }, 'slack error reply failed'),
    );
  }
}

/** `/bench …`: acknowledged at once (Slack allows 3 s), answered through the response_url. */
function registerCommand(app: App, deps: HandlerDeps): void {
  app.command('/bench', async ({ command, ack, respond, client }) => {
    await ack();
    const target: SlackTarget = {
      client,
      channelId: command.channel_id,
      userId: command.user_id,
      respond,
      triggerId: command.trigger_id,
    };
    await answer(deps, target, async () => {
      const parsed = parseCommandText(command.text);
      const actor = await deps.resolveActor({
        teamId: command.team_id,
        teamName: command.team_domain,
        userId: command.user_id,
        userName: command.user_name,
      });
      return handleCommand(deps.hub, actor, parsed, { chat: chatRef(command.channel_id, command.user_id) });
    });
  });
}

/** Buttons. Link buttons also send an action; they need only the acknowledgement. */
function registerActions(app: App, deps: HandlerDeps): void {
  app.action({ type: 'block_actions' }, async ({ body, action, ack, respond, client }) => {
    await ack();
    if (action.type !== 'button' || action.url) return;
    const channelId = body.channel?.id ?? '';
    const target: SlackTarget = { client, channelId, userId: body.user.id, respond, triggerId: body.trigger_id };
    await answer(deps, target, async () => {
      const actor = await deps.resolveActor({
        teamId: body.team?.id ?? body.user.team_id ?? '',
        userId: body.user.id,
        userName: body.user.name,
      });
      return handleAction(deps.hub, actor, {
        action: action.action_id.replace(/#\d+$/, ''),
        value: action.value ?? '',
        chat: chatRef(channelId, body.user.id),
      });
    });
  });
}

/**
 * Modal submissions must be answered within 3 s and problems can only be shown in that answer,
 * so validation and the save happen before the acknowledgement; Slack keeps the user's input.
 */
function registerSubmissions(app: App, deps: HandlerDeps): void {
  app.view({ type: 'view_submission' }, async ({ body, view, ack, client }) => {
    const metadata = decodeMetadata(view.private_metadata);
    const target: SlackTarget = { client, channelId: metadata.channelId, userId: body.user.id };
    try {
      const actor = await deps.resolveActor({
        teamId: body.team?.id ?? '',
        userId: body.user.id,
        userName: body.user.name,
      });
      const values = await readModalValues(view.state.values as never, { ...deps.downloader, client });
      const reply = await handleSubmission(deps.hub, actor, view.callback_id, metadata.state, values);
      if (reply.kind === 'form-errors') {
        await ack({ response_action: 'errors', errors: reply.errors });
        return;
      }
      await ack();
      if (target.channelId) await deliverReply(target, reply);
    } catch (error) {
      if (!(error instanceof AppError)) deps.logger.error({ err: error }, 'slack view submission failed');
      const message = error instanceof AppError ? error.userMessage : errorReply(error).text;
      const firstBlock = view.blocks[0]?.block_id ?? 'name';
      await ack({ response_action: 'errors', errors: { [firstBlock]: message.slice(0, 2000) } });
    }
  });
}

/** Model search for the builder's model picker (an external select). */
function registerOptions(app: App, deps: HandlerDeps): void {
  app.options('models', async ({ options, ack }) => {
    const models = await deps.hub.searchModels(options.value ?? '', 50).catch((error) => {
      deps.logger.warn({ err: error }, 'model search failed');
      return [];
    });
    await ack({
      options: models.map((model) => ({
        text: { type: 'plain_text' as const, text: model.id.slice(0, 75) },
        value: model.id.slice(0, 150),
      })),
    });
  });
}

/** Wires `/bench`, buttons, modal submissions and the model search to the command layer. */
export function registerHandlers(app: App, deps: HandlerDeps): void {
  registerCommand(app, deps);
  registerActions(app, deps);
  registerSubmissions(app, deps);
  registerOptions(app, deps);
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'slack listener failed');
  });
}
