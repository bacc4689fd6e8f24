import type { UploadRules } from '../openapi/extensions.ts';
import type { MockRequest } from '../routes/mock-request.ts';
import type { Reply } from '../routes/reply.ts';
import { type FileKeeper, type ReceivedUpload, SNIFF_BYTES, type Sniff } from './file-keeper.ts';
import { uploadProblems as problems, safeName } from './upload-problems.ts';

/**
 * Files kept in memory, for the mock in a browser (MSW's service worker has no disk). An upload
 * arrives as the FormData the fetch answerer read; the same rules as the server's apply to it.
 */
export class MemoryFiles implements FileKeeper {
  readonly dir = '';
  private readonly byId = new Map<string, Uint8Array>();

  async receive<K>(req: MockRequest, rules: UploadRules, sniff: Sniff<K>): Promise<ReceivedUpload<K>> {
    const form = await req.readForm?.();
    if (!form) throw problems.notMultipart();
    const fields: Record<string, string> = {};
    let file: Blob | undefined;
    let fileName: string | undefined;
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else if (name === rules.field && !file) {
        file = value;
        fileName = (value as File).name;
      }
    }
    if (!file) throw problems.missing(rules);
    if (file.size > rules.maxFileSizeBytes) throw problems.tooLarge(rules);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const head = bytes.subarray(0, SNIFF_BYTES);
    const kind = await sniff(head, rules.contentTypes);
    if (!kind) throw problems.notAccepted(rules);
    if (bytes.length === 0) throw problems.empty(rules);
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return {
      name: safeName(fileName),
      fields,
      size: bytes.length,
      digest: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''),
      head,
      kind,
      keep: async (id) => {
        this.byId.set(id, bytes);
      },
      drop: async () => undefined,
    };
  }

  async write(id: string, bytes: Uint8Array): Promise<void> {
    this.byId.set(id, bytes);
  }

  async reply(id: string, mediaType: string, name: string): Promise<Reply> {
    const bytes = this.byId.get(id) ?? new Uint8Array();
    return { status: 200, file: { bytes, mediaType, name } };
  }

  async remove(id: string): Promise<void> {
    this.byId.delete(id);
  }
}
