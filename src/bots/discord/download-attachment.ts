import { AppError } from '../../core/errors.ts';

/** The file types a benchmark definition comes in. */
const DEFINITION_FILE = /\.(csv|tsv|ya?ml|json|jsonl|txt)$/i;

export interface AttachmentRef {
  name: string;
  url: string;
  size: number;
}

/**
 * Downloads an attached definition file (CSV/TSV, YAML, JSON) as text, refusing other types, files over
 * `maxBytes` (checked before and while reading, as the declared size may lie) and slow downloads.
 */
export async function downloadAttachment(file: AttachmentRef, maxBytes: number, timeoutMs: number): Promise<string> {
  if (!DEFINITION_FILE.test(file.name)) {
    throw new AppError('unsupported_file', `${file.name}: attach a CSV, YAML or JSON file.`);
  }
  const tooBig = () =>
    new AppError(
      'file_too_large',
      `${file.name} is larger than ${Math.round(maxBytes / 1024)} KB; split it or trim it.`,
    );
  if (file.size > maxBytes) throw tooBig();
  const response = await fetch(file.url, { signal: AbortSignal.timeout(timeoutMs) }).catch((cause: unknown) => {
    throw new AppError('download_failed', `Could not download ${file.name}; please attach it again.`, { cause });
  });
  if (!response.ok || !response.body) {
    throw new AppError('download_failed', `Could not download ${file.name} (HTTP ${response.status}).`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooBig();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
