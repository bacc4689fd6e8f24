/**
 * Every option of the engine, defined once: the CLI builds its flags and `--help` from this list
 * (with the registered profiles' own options after it), reads the environment variables it names,
 * and docs/mock.md's options table is generated from it (`npm run generate`), so the four can never
 * disagree. What only a profile reads (the call center's `--calls`) is in that profile's table.
 */

import { integer, number, onOff } from './option-parsers.ts';
import {
  checkDistinct,
  defaultsOf,
  type OptionDefinition,
  OptionError,
  type OptionList,
  valuesFromEnv,
} from './option-table.ts';

export { OptionError, optionsTable, shownDefault } from './option-table.ts';

export type LogFormat = 'pretty' | 'json' | 'off';

/** The engine's options (a type, not an interface: a profile's options are added to it). */
export type MockOptions = {
  port: number;
  host: string;
  seed: number;
  seedDate: string | undefined;
  counts: Record<string, number>;
  db: string | undefined;
  dbJsonMaxRecords: number;
  dbMaxMb: number | undefined;
  dataDir: string | undefined;
  auth: boolean;
  userEmail: string;
  userPassword: string;
  jwtSecret: string | undefined;
  accessTokenTtl: number | undefined;
  rateLimit: number | undefined;
  corsOrigins: string[] | undefined;
  corsStrict: boolean;
  log: LogFormat;
  wsHeartbeatMs: number;
  latency: [number, number];
  errorRate: number;
  validateResponses: boolean;
  watch: boolean;
  spec: string | undefined;
  lenient: boolean;
  /** Where what can be recomputed is kept between starts; undefined: node_modules/.cache. */
  cacheDir: string | undefined;
  /** Modules of profiles to register beside those the caller registers (`--profile`). */
  profileModules: string[];
};

/**
 * The options a mock is built with: the engine's, and those of the registered profiles' tables by
 * their keys (each profile reads its own: mock/option-table.ts's valuesOf).
 */
export type GivenOptions = MockOptions & Readonly<Record<string, unknown>>;

/** One engine option, its key and its value's type tied together. */
export type EngineOption = {
  [K in keyof MockOptions]: OptionDefinition<K, MockOptions[K]>;
}[keyof MockOptions];

export const OPTIONS: EngineOption[] = [
  {
    key: 'port',
    flag: '--port',
    env: 'PORT',
    default: 3001,
    valueName: 'n',
    help: 'TCP port to listen on.',
    parse: integer('PORT', 0, 65535),
  },
  {
    key: 'host',
    flag: '--host',
    env: 'HOST',
    default: '127.0.0.1',
    valueName: 'addr',
    help: 'Address to listen on (loopback by default; use 0.0.0.0 to share on a network).',
    parse: (raw) => raw,
  },
  {
    key: 'seed',
    flag: '--seed',
    env: 'MOCK_SEED',
    default: 1,
    valueName: 'n',
    help: 'Seed of the generated data: the same seed gives the same data, byte for byte.',
    parse: integer('MOCK_SEED', 0),
  },
  {
    key: 'seedDate',
    flag: '--seed-date',
    env: 'MOCK_SEED_DATE',
    default: undefined,
    valueName: 'YYYY-MM-DD',
    help: 'Day the seeded history ends (default: today, UTC). Pin it for byte-identical data across days.',
    parse: (raw) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`)))
        throw new OptionError(`MOCK_SEED_DATE must be a date YYYY-MM-DD, not "${raw}"`);
      return raw;
    },
  },
  {
    key: 'counts',
    flag: '--counts',
    env: 'MOCK_COUNTS',
    default: {},
    valueName: 'name=n,…',
    help: 'Records to seed per collection, e.g. "agents=50,qas=5" (collections left out get their x-mock seed, else 10).',
    parse: (raw) => {
      const counts: Record<string, number> = {};
      for (const part of raw.split(',').filter((p) => p.trim() !== '')) {
        const [name, value] = part.split('=').map((s) => s.trim());
        const n = Number(value);
        if (!name || !Number.isInteger(n) || n < 0 || n > 1_000_000)
          throw new OptionError(`MOCK_COUNTS must be name=n pairs with n from 0 to 1000000, not "${raw}"`);
        counts[name] = n;
      }
      return counts;
    },
  },
  {
    key: 'db',
    flag: '--db',
    env: 'MOCK_DB',
    default: undefined,
    valueName: 'file',
    help: 'Persist the state: an SQLite file (`.sqlite`, `.db`) at any size, or a json-server-style db.json for small data (default: in memory only). One process per file.',
    parse: (raw) => raw,
  },
  {
    key: 'dbJsonMaxRecords',
    flag: '--db-json-max-records',
    env: 'MOCK_DB_JSON_MAX_RECORDS',
    default: 50_000,
    valueName: 'n',
    help: 'Most records a db.json MOCK_DB may hold: each write rewrites the whole file, so a bigger state is refused, naming the SQLite store.',
    parse: integer('MOCK_DB_JSON_MAX_RECORDS', 1),
  },
  {
    key: 'dbMaxMb',
    flag: '--db-max-mb',
    env: 'MOCK_DB_MAX_MB',
    default: undefined,
    valueName: 'MB',
    help: 'Largest size of an SQLite MOCK_DB: a write that would grow it further is refused with a 409 storage_full problem, as a full disk is (default: no limit but the disk).',
    parse: integer('MOCK_DB_MAX_MB', 1),
  },
  {
    key: 'dataDir',
    flag: '--data-dir',
    env: 'MOCK_DATA_DIR',
    default: undefined,
    valueName: 'dir',
    help: 'Where uploaded audio is kept (default: beside MOCK_DB, else a temporary folder).',
    parse: (raw) => raw,
  },
  {
    key: 'auth',
    flag: '--auth',
    env: 'MOCK_AUTH',
    default: true,
    valueName: 'on|off',
    help: 'Require a bearer token as the contract says; off lets every request in.',
    parse: onOff('MOCK_AUTH'),
  },
  {
    key: 'userEmail',
    flag: '--user-email',
    env: 'MOCK_USER_EMAIL',
    default: 'admin@example.com',
    valueName: 'email',
    help: 'Email of the demo user.',
    parse: (raw) => raw,
  },
  {
    key: 'userPassword',
    flag: '--user-password',
    env: 'MOCK_USER_PASSWORD',
    default: 'admin123',
    valueName: 'text',
    help: 'Password of the demo user.',
    parse: (raw) => raw,
  },
  {
    key: 'jwtSecret',
    flag: '--jwt-secret',
    env: 'JWT_SECRET',
    default: undefined,
    valueName: 'text',
    help: 'HS256 secret of access tokens (default: a new random secret each start).',
    parse: (raw) => {
      if (raw.length < 32) throw new OptionError('JWT_SECRET must be at least 32 characters');
      return raw;
    },
  },
  {
    key: 'accessTokenTtl',
    flag: '--access-token-ttl',
    env: 'MOCK_ACCESS_TOKEN_TTL',
    default: undefined,
    valueName: 's',
    help: "Lifetime of access tokens in seconds, said in the login's expiresIn (default: the contract's x-auth.accessToken.ttlSeconds, 900 here): a few seconds lets a test, or the contract runner's token_expiry, see a token expire.",
    parse: integer('MOCK_ACCESS_TOKEN_TTL', 1, 31_536_000),
  },
  {
    key: 'rateLimit',
    flag: '--rate-limit',
    env: 'MOCK_RATE_LIMIT',
    default: undefined,
    valueName: 'n',
    help: "Requests a minute per client for the default policy; 0 turns limiting off (default: the spec's x-rate-limits).",
    parse: integer('MOCK_RATE_LIMIT', 0),
  },
  {
    key: 'corsOrigins',
    flag: '--cors-origins',
    env: 'CORS_ORIGINS',
    default: undefined,
    valueName: 'list',
    help: "Comma-separated allowed origins: added to the development defaults, or with CORS_STRICT the only ones (replacing the spec's x-cors list).",
    parse: (raw) =>
      raw
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
  },
  {
    key: 'corsStrict',
    flag: '--cors-strict',
    env: 'CORS_STRICT',
    default: false,
    valueName: 'on|off',
    help: 'Allow exactly the x-cors list (or CORS_ORIGINS). Off (development): also any origin on localhost, 127.0.0.1 or [::1], at any port.',
    parse: onOff('CORS_STRICT'),
  },
  {
    key: 'log',
    flag: '--log',
    env: 'MOCK_LOG',
    default: 'pretty',
    valueName: 'pretty|json|off',
    help: 'One line per request: readable, JSON, or none.',
    parse: (raw) => {
      if (raw !== 'pretty' && raw !== 'json' && raw !== 'off')
        throw new OptionError(`MOCK_LOG must be pretty, json or off, not "${raw}"`);
      return raw;
    },
  },
  {
    key: 'wsHeartbeatMs',
    flag: '--ws-heartbeat-ms',
    env: 'MOCK_WS_HEARTBEAT_MS',
    default: 30_000,
    valueName: 'ms',
    help: 'Interval of the WebSocket ping frames (asyncapi.yaml: 30 s); a client that misses one is dropped.',
    parse: integer('MOCK_WS_HEARTBEAT_MS', 10, 3_600_000),
  },
  {
    key: 'latency',
    flag: '--latency',
    env: 'MOCK_LATENCY',
    default: [0, 0],
    valueName: 'ms|min-max',
    help: 'Delay every answer by this many milliseconds, or a random delay in a range.',
    parse: (raw) => {
      const m = /^(\d+)(?:-(\d+))?$/.exec(raw);
      const min = Number(m?.[1]);
      const max = Number(m?.[2] ?? m?.[1]);
      if (!m || max < min || max > 60_000)
        throw new OptionError(`MOCK_LATENCY must be ms or min-max (at most 60000), not "${raw}"`);
      return [min, max];
    },
  },
  {
    key: 'errorRate',
    flag: '--error-rate',
    env: 'MOCK_ERROR_RATE',
    default: 0,
    valueName: '0..1',
    help: 'Share of requests answered with a 500 problem, to test error handling (chaos).',
    parse: number('MOCK_ERROR_RATE', 0, 1),
  },
  {
    key: 'validateResponses',
    flag: '--validate-responses',
    env: 'MOCK_VALIDATE_RESPONSES',
    default: true,
    valueName: 'on|off',
    help: 'Check every answer against the contract; a breach answers 500 and is logged.',
    parse: onOff('MOCK_VALIDATE_RESPONSES'),
  },
  {
    key: 'watch',
    flag: '--watch',
    env: 'MOCK_WATCH',
    default: false,
    valueName: 'on|off',
    help: 'Reload the contract when its file changes.',
    parse: onOff('MOCK_WATCH'),
  },
  {
    key: 'spec',
    flag: '--spec',
    env: 'MOCK_SPEC',
    default: undefined,
    valueName: 'file',
    help: "The contract to serve (default: this project's openapi.yaml).",
    parse: (raw) => raw,
  },
  {
    key: 'lenient',
    flag: '--lenient',
    env: 'MOCK_LENIENT',
    default: false,
    valueName: 'on|off',
    help: 'Serve a contract that fails OpenAPI validation anyway, saying so in one line (default: list its errors and exit 1).',
    parse: onOff('MOCK_LENIENT'),
  },
  {
    key: 'cacheDir',
    flag: '--cache-dir',
    env: 'MOCK_CACHE_DIR',
    default: undefined,
    valueName: 'folder',
    help: "Where the mock keeps what it can recompute between starts, by content: the contract's passed check, YAML parsed, seeded states (default: node_modules/.cache/ai-call-center). An empty folder gives a first start.",
    parse: (raw) => raw,
  },
  {
    key: 'profileModules',
    flag: '--profile',
    env: 'MOCK_PROFILE',
    default: [],
    valueName: 'module',
    help: 'Modules that export a profile (the behaviour your contract cannot state: docs/engine.md), comma-separated paths; a contract names the one it uses in its top-level x-mock.profile (default: the profiles this command ships).',
    parse: (raw) =>
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
  },
];

/** The options with every default applied. */
export function defaultOptions(): MockOptions {
  // The table is typed per option (EngineOption): its keys and defaults are MockOptions' own.
  return defaultsOf(OPTIONS) as MockOptions;
}

/**
 * Options from environment variables over the defaults, the engine's and those of `extra` (the
 * registered profiles' tables); flags are applied over these by the CLI.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv, extra: OptionList = []): GivenOptions {
  const all = [...OPTIONS, ...extra];
  checkDistinct(all);
  // The engine's keys are typed by its table (EngineOption); the others are the profiles' to read.
  return { ...defaultOptions(), ...defaultsOf(extra), ...valuesFromEnv(all, env) } as GivenOptions;
}
