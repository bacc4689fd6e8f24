/**
 * Audio that any backend judging formats by their bytes accepts: a short PCM WAV (RIFF header,
 * `fmt ` and `data` chunks), deterministic so that its SHA-256 is stable across runs.
 */
export function wavFile(samples = 8000, sampleRate = 8000): Uint8Array {
  const dataBytes = samples * 2;
  const buffer = Buffer.alloc(44 + dataBytes);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples; i++)
    buffer.writeInt16LE(Math.round(8000 * Math.sin((i * 2 * Math.PI * 440) / sampleRate)), 44 + i * 2);
  return new Uint8Array(buffer);
}

/** A WAV whose header is valid but which is `size` bytes long: for the over-size upload. */
export function oversizedWav(size: number): Uint8Array {
  const head = wavFile(16);
  const bytes = new Uint8Array(size);
  bytes.set(head);
  return bytes;
}

/** Plain text, to be sent named `.mp3` and typed `audio/mpeg`: the bytes are not audio. */
export function textPretendingToBeMp3(): Uint8Array {
  return new TextEncoder().encode(
    'This is a text file renamed to .mp3; its bytes are not audio.\n'.repeat(20),
  );
}

/**
 * A well-formed WAV of exactly `size` bytes (silence; a pad byte after an odd data chunk, as RIFF
 * asks): for the upload exactly at x-max-file-size, which must be accepted.
 */
export function wavOfSize(size: number): Uint8Array {
  const dataBytes = size - 44 - ((size - 44) % 2);
  const buffer = Buffer.alloc(size);
  buffer.set(wavFile(0));
  buffer.writeUInt32LE(size - 8, 4);
  buffer.writeUInt32LE(dataBytes, 40);
  return new Uint8Array(buffer);
}
