import { createHmac } from 'node:crypto';

/** Headers Slack sends with a request: the `v0` HMAC of `v0:<timestamp>:<body>` with the signing secret. */
export function slackSignature(secret: string, body: string, timestampS = Math.floor(Date.now() / 1000)) {
  const signature = createHmac('sha256', secret).update(`v0:${timestampS}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestampS), 'x-slack-signature': `v0=${signature}` };
}

export interface SlackWho {
  teamId: string;
  userId: string;
  channelId: string;
}

/** A slash command body, url-encoded as Slack posts it. */
export function slashCommandBody(who: SlackWho, text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: who.teamId,
    team_domain: who.teamId.toLowerCase(),
    channel_id: who.channelId,
    channel_name: 'general',
    user_id: who.userId,
    user_name: who.userId.toLowerCase(),
    command: '/bench',
    text,
    api_app_id: 'A1',
    response_url: responseUrl,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

/** An interaction payload from `who`, url-encoded as Slack posts it. */
function interaction(who: SlackWho, payload: object): string {
  const from = {
    team: { id: who.teamId, domain: who.teamId.toLowerCase() },
    user: { id: who.userId, name: who.userId.toLowerCase(), team_id: who.teamId },
    api_app_id: 'A1',
    token: 'legacy',
  };
  return new URLSearchParams({ payload: JSON.stringify({ ...from, ...payload }) }).toString();
}

/** A button press (block_actions) as an interaction payload. */
export function blockActionBody(
  who: SlackWho,
  button: { action_id: string; value: string },
  responseUrl: string,
): string {
  return interaction(who, {
    type: 'block_actions',
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    channel: { id: who.channelId, name: 'general' },
    container: { type: 'message', channel_id: who.channelId, is_ephemeral: true },
    response_url: responseUrl,
    actions: [{ type: 'button', block_id: 'b1', action_ts: '1', ...button }],
  });
}

type ViewBlock = { block_id: string; element: { type: string; action_id: string } };

/** A modal submission: `view` as it was opened, with the user's input in `state.values`. */
export function viewSubmissionBody(
  who: SlackWho,
  view: { callback_id: string; private_metadata: string; blocks: ViewBlock[] },
  input: Record<string, string | string[]>,
): string {
  const values: Record<string, Record<string, object>> = {};
  for (const block of view.blocks) {
    const given = input[block.block_id];
    const { type, action_id } = block.element;
    let value: object;
    if (type === 'file_input') value = { type, files: typeof given === 'string' ? [{ id: given }] : [] };
    else if (type.startsWith('multi_'))
      value = { type, selected_options: ((given as string[]) ?? []).map((v) => ({ value: v })) };
    else if (type === 'static_select') value = { type, selected_option: given ? { value: given } : null };
    else value = { type, value: typeof given === 'string' ? given : null };
    values[block.block_id] = { [action_id]: value };
  }
  return interaction(who, {
    type: 'view_submission',
    trigger_id: 'trigger-submit',
    view: { id: 'V1', type: 'modal', ...view, state: { values } },
  });
}
