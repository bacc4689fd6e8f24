import { Buffer } from 'buffer';

// Some of the mock's modules build answers with Node's Buffer at load time (the JSON memo), and a
// browser has none: the `buffer` package stands in. Imported first by the browser entry, so that
// it runs before them; on Node the global Buffer is already there and stays.
const global = globalThis as { Buffer?: unknown };
global.Buffer ??= Buffer;
