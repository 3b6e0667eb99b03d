import type { webApi } from '@slack/bolt';
import type { FormValues } from '../../core/commands/handle-submission.ts';
import { AppError } from '../../core/errors.ts';

const MAX_FILE_BYTES = 5 * 1024 * 1024;

type StateValue = {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  files?: { id: string }[];
};

export interface FileDownloader {
  client: webApi.WebClient;
  token: string;
  /** Origins the bot token may be sent to: Slack's file host, or the fake in tests. */
  allowedOrigins: string[];
}

/** Downloads a file of the modal's file input as text (`files.info`, then `url_private_download`). */
async function downloadFile(fileId: string, downloader: FileDownloader): Promise<string> {
  const { file } = await downloader.client.files.info({ file: fileId });
  const url = file?.url_private_download ?? '';
  if (!downloader.allowedOrigins.includes(new URL(url, 'https://invalid').origin)) {
    throw new AppError('file_unavailable', 'That file could not be read from Slack; paste the cases instead.');
  }
  if ((file?.size ?? 0) > MAX_FILE_BYTES) {
    throw new AppError('file_too_large', 'That file is over 5 MB; split it or paste fewer cases.');
  }
  const response = await fetch(url, { headers: { authorization: `Bearer ${downloader.token}` } });
  if (!response.ok) throw new AppError('file_unavailable', 'That file could not be downloaded from Slack; try again.');
  return response.text();
}

/**
 * A submitted modal's state as form values keyed by field id (our block ids): text as strings,
 * selections as arrays, an uploaded file as its text.
 */
export async function readModalValues(
  state: Record<string, Record<string, StateValue>>,
  downloader: FileDownloader,
): Promise<FormValues> {
  const values: FormValues = {};
  for (const [blockId, actions] of Object.entries(state)) {
    const input = Object.values(actions)[0];
    if (!input) continue;
    if (input.files) {
      const first = input.files[0];
      values[blockId] = first ? await downloadFile(first.id, downloader) : '';
    } else if (input.selected_options) {
      values[blockId] = input.selected_options.map((option) => option.value);
    } else if (input.selected_option !== undefined) {
      values[blockId] = input.selected_option ? input.selected_option.value : '';
    } else {
      values[blockId] = input.value ?? '';
    }
  }
  return values;
}
