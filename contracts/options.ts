/**
 * Every option of the contract runner, defined once: the CLI builds its flags and help from this
 * list and the README's table is checked against it.
 */

export interface RunnerOptions {
  baseUrl: string;
  spec: string | undefined;
  asyncapi: string | undefined;
  headers: string[];
  queryParams: string[];
  profileModules: string[];
  email: string | undefined;
  password: string | undefined;
  token: string | undefined;
  expiredToken: string | undefined;
  expiryWaitMs: number;
  only: string[];
  skip: string[];
  seed: number | undefined;
  examples: number | undefined;
  testNumber: string | undefined;
  readOnly: boolean;
  rateLimitBurst: boolean;
  strictServerErrors: boolean;
  timeoutMs: number;
  runTimeoutMs: number;
  realtimeTimeoutMs: number;
  callTimeoutMs: number;
  corsOrigins: string[];
  junit: string | undefined;
  json: string | undefined;
  quiet: boolean;
  depth: Depth;
  rules: boolean;
}

/** How hard a run tries: quick for a smoke test, standard by default, deep for nightly jobs. */
export type Depth = 'quick' | 'standard' | 'deep';
export const DEPTHS: Depth[] = ['quick', 'standard', 'deep'];

export interface RunnerOptionDefinition {
  key: keyof RunnerOptions;
  /** Commander's flag syntax: `--base-url <url>`. */
  flag: string;
  help: string;
  default?: string | number | boolean | string[];
}

const list = (raw: string, previous: string[] = []) => [
  ...previous,
  ...raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export const RUNNER_OPTIONS: (RunnerOptionDefinition & {
  parse?: (raw: string, previous?: never) => unknown;
})[] = [
  {
    key: 'baseUrl',
    flag: '--base-url <url>',
    help: 'Base URL of the backend, with its /api prefix (required).',
  },
  {
    key: 'spec',
    flag: '--spec <file-or-url>',
    help: "The OpenAPI document to check against (a file or an http(s) URL); default: the project's openapi.yaml.",
  },
  {
    key: 'asyncapi',
    flag: '--asyncapi <file>',
    help: 'The AsyncAPI document of its WebSocket; default: asyncapi.yaml beside the spec, else none (realtime is skipped).',
  },
  {
    key: 'headers',
    flag: '--header <line>',
    help: "A header sent with every request, as 'Name: value' (repeatable): an API key, a tenant.",
    default: [],
    parse: ((raw: string, previous: string[] = []) => [...previous, raw]) as never,
  },
  {
    key: 'queryParams',
    flag: '--query <pair>',
    help: "A query parameter sent with every request, as 'name=value' (repeatable): an API key the spec's security takes in the query.",
    default: [],
    parse: ((raw: string, previous: string[] = []) => [...previous, raw]) as never,
  },
  {
    key: 'profileModules',
    flag: '--profile <module>',
    help: 'A module whose default export is a runner profile: its domain checks, demo login, real-world creates (repeatable).',
    default: [],
    parse: ((raw: string, previous: string[] = []) => [...previous, raw]) as never,
  },
  {
    key: 'email',
    flag: '--email <email>',
    help: "User to log in as; default: a registered profile's demo login, else none.",
  },
  { key: 'password', flag: '--password <password>', help: "Password of that user; default: the profile's." },
  {
    key: 'token',
    flag: '--token <jwt>',
    help: 'Use this access token instead of logging in; token_lifecycle, which logs in by itself, is then skipped.',
  },
  {
    key: 'expiredToken',
    flag: '--expired-token <token>',
    help: "An access token the backend issued whose lifetime has passed: token_expiry presents it (a JWT whose exp is still ahead is waited out within --expiry-wait) instead of waiting out a login's.",
  },
  {
    key: 'expiryWaitMs',
    flag: '--expiry-wait <ms>',
    help: 'Longest token lifetime token_expiry waits out: within it, a login of its own is waited out beside the other checks; longer, the check is skipped saying how to judge it.',
    default: 30_000,
  },
  {
    key: 'only',
    flag: '--only <names>',
    help: 'Run only these tags, operationIds or checks (comma-separated, repeatable).',
    default: [],
    parse: list as never,
  },
  {
    key: 'skip',
    flag: '--skip <names>',
    help: 'Leave out these tags, operationIds or checks (comma-separated, repeatable).',
    default: [],
    parse: list as never,
  },
  {
    key: 'seed',
    flag: '--seed <n>',
    help: 'Seed of the generated inputs; printed on every run so a failure can be replayed.',
  },
  {
    key: 'depth',
    flag: '--depth <depth>',
    help: "quick, standard or deep: how many generated requests (deep: every one, waiting out rate limits; standard: within the backend's announced RateLimit-Remaining).",
    default: 'standard',
  },
  {
    key: 'examples',
    flag: '--examples <n>',
    help: 'Generated valid inputs per query parameter (default by --depth: quick 1, standard 3, deep 5).',
  },
  {
    key: 'testNumber',
    flag: '--test-number <e164>',
    help: "The only number calls may be placed to; one of placeCall's x-test-numbers. Without it, placing calls is skipped.",
  },
  {
    key: 'readOnly',
    flag: '--read-only',
    help: 'Send only safe requests (GET, OPTIONS and the login): nothing is created, changed or deleted.',
    default: false,
  },
  {
    key: 'rateLimitBurst',
    flag: '--rate-limit-burst',
    help: 'Also exhaust the smallest rate limit (with failed logins) to see the 429; locks logins for a minute.',
    default: false,
  },
  {
    key: 'strictServerErrors',
    flag: '--strict-server-errors',
    help: 'Fail every 5xx, also a status other than 500 that the operation documents, answered with its documented body (a note by default).',
    default: false,
  },
  {
    key: 'runTimeoutMs',
    flag: '--timeout <ms>',
    help: 'Limit of the whole run: past it the run stops, cleans up, reports what it found and exits 124.',
    default: 300_000,
  },
  { key: 'timeoutMs', flag: '--request-timeout <ms>', help: 'Timeout of every request.', default: 10_000 },
  {
    key: 'realtimeTimeoutMs',
    flag: '--realtime-timeout <ms>',
    help: 'How long to wait for each expected WebSocket event.',
    default: 5_000,
  },
  {
    key: 'callTimeoutMs',
    flag: '--call-timeout <ms>',
    help: 'How long to wait for a call to the test number to end (a busy number ends fastest).',
    default: 180_000,
  },
  {
    key: 'corsOrigins',
    flag: '--cors-origin <origins>',
    help: "Origins the backend is configured to allow (comma-separated, repeatable); default: x-cors's development list.",
    default: [],
    parse: list as never,
  },
  {
    key: 'junit',
    flag: '--junit <file>',
    help: 'Also write a JUnit XML report (one test case per check and operation).',
  },
  { key: 'json', flag: '--json <file>', help: 'Also write the whole result, coverage included, as JSON.' },
  { key: 'quiet', flag: '--quiet', help: 'Print only failures and the summary.', default: false },
  {
    key: 'rules',
    flag: '--rules',
    help: 'Also list every rule of the contract with the check that judges it and how many exchanges it judged; without --base-url, only the list.',
    default: false,
  },
];
