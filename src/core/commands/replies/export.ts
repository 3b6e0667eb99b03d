import type { ExportFile } from '../../use-cases/hub.ts';
import type { Reply } from '../reply.ts';

/** An export as a file for the requester. */
export function exportReply(runId: string, file: ExportFile): Reply {
  return {
    kind: 'file',
    text: `Results of run ${runId} (${file.filename})`,
    attachment: { filename: file.filename, contentType: file.contentType, data: new TextEncoder().encode(file.body) },
    private: true,
  };
}
