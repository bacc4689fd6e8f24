/**
 * Writes a real, playable PCM WAV file: a short deterministic melody of sine tones with soft edges,
 * so that seeded audio plays in a browser and its metadata (duration, rate, channels) is true.
 */
export function makeWav(options: { seconds: number; sampleRate?: number; notes: number[] }): Buffer {
  const sampleRate = options.sampleRate ?? 16_000;
  const samples = Math.round(options.seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  const perNote = Math.max(1, Math.floor(samples / options.notes.length));
  // Each note's sine comes from the two-term recurrence sin((n+1)w) = 2cos(w)sin(nw) - sin((n-1)w),
  // started exactly from Math.sin: a multiplication per sample instead of a sine. The seeded audio
  // was a sixth of a start (profiled).
  for (let start = 0; start < samples; start += perNote) {
    const note = options.notes[Math.min(options.notes.length - 1, Math.floor(start / perNote))] ?? 440;
    const w = (2 * Math.PI * note) / sampleRate;
    const k = 2 * Math.cos(w);
    let previous = Math.sin(w * (start - 1));
    let current = Math.sin(w * start);
    const end = Math.min(samples, start + perNote);
    for (let i = start; i < end; i++) {
      const inNote = i % perNote;
      const envelope = Math.min(1, inNote / 400, (perNote - inNote) / 400);
      view.setInt16(i * 2, Math.round(current * 0.3 * envelope * 32767), true);
      const next = k * current - previous;
      previous = current;
      current = next;
    }
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // size of the fmt chunk
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Reads duration, rate and channels from a WAV header; undefined when it is not PCM WAV. */
export function readWavInfo(
  head: Buffer,
  totalBytes: number,
): { durationSeconds: number; sampleRate: number; channels: number } | undefined {
  if (head.length < 44 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE')
    return undefined;
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  let byteRate = 0;
  while (offset + 8 <= head.length) {
    const id = head.toString('ascii', offset, offset + 4);
    const size = head.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 24 <= head.length) {
      channels = head.readUInt16LE(offset + 10);
      sampleRate = head.readUInt32LE(offset + 12);
      byteRate = head.readUInt32LE(offset + 16);
    }
    if (id === 'data') {
      const dataBytes = Math.min(size, totalBytes - offset - 8);
      if (!byteRate || !channels || !sampleRate) return undefined;
      return { durationSeconds: Math.round(dataBytes / byteRate), sampleRate, channels };
    }
    offset += 8 + size + (size % 2);
  }
  return undefined;
}
