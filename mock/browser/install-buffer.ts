import { PageBuffer } from './page-buffer.ts';

// Some of the mock's modules build answers with Node's Buffer at load time (the JSON memo), and a
// browser has none: the page's stand-in takes its place (page-buffer.ts, the calls the mock makes).
// Imported first by the browser entry, so that it runs before them; on Node the global Buffer is
// already there and stays.
const global = globalThis as { Buffer?: unknown };
global.Buffer ??= PageBuffer;
