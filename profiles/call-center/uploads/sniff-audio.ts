import type { AudioFile } from '../models.ts';

/** What file-type's answer means in the contract's terms. */
const BY_MIME: Record<string, { contentType: AudioFile['contentType']; format: AudioFile['format'] }> = {
  'audio/mpeg': { contentType: 'audio/mpeg', format: 'mp3' },
  'audio/wav': { contentType: 'audio/wav', format: 'wav' },
  'audio/vnd.wave': { contentType: 'audio/wav', format: 'wav' },
  'audio/x-wav': { contentType: 'audio/wav', format: 'wav' },
  'audio/ogg': { contentType: 'audio/ogg', format: 'ogg' },
  'audio/opus': { contentType: 'audio/ogg', format: 'ogg' },
  'audio/x-flac': { contentType: 'audio/flac', format: 'flac' },
  'audio/flac': { contentType: 'audio/flac', format: 'flac' },
  'audio/x-m4a': { contentType: 'audio/mp4', format: 'm4a' },
  'audio/mp4': { contentType: 'audio/mp4', format: 'm4a' },
};

/**
 * Judges an upload's format from its first bytes, never from its name or declared type: text
 * renamed `.mp3` is not audio. Answers undefined for anything outside `accepted`.
 */
export async function sniffAudio(
  head: Uint8Array,
  accepted: string[],
): Promise<(typeof BY_MIME)[string] | undefined> {
  // Loaded on the first upload: in a page, file-type is a chunk that only a page that uploads fetches.
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(head);
  const known = detected ? BY_MIME[detected.mime] : undefined;
  return known && accepted.includes(known.contentType) ? known : undefined;
}
