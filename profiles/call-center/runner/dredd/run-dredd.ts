import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { OPENAPI_PATH, ROOT_DIR } from '../../../../mock/openapi/paths.ts';

/**
 * `npm run contract:dredd -- --base-url URL`: Dredd, the design's independent runner, over every
 * documented 2xx example of openapi.yaml. The hooks (`hooks.cjs`) log in, put ids of resources
 * they create in place of the examples' ids, keep examples from clashing with existing data, and
 * skip what Dredd cannot express; everything else is checked by `npm run contract`.
 */
const program = new Command('contract:dredd')
  .description("Run Dredd over openapi.yaml's documented examples against a backend.")
  .option('--base-url <url>', 'The backend, with its /api prefix.', 'http://localhost:3001/api')
  .option('--email <email>', 'User to log in as.', 'admin@example.com')
  .option('--password <password>', 'Password of that user.', 'admin123')
  .option(
    '--test-number <e164>',
    'Number the placeCall and deleteCallHistory examples may use; without it they are skipped.',
  )
  .parse();

const o = program.opts<{ baseUrl: string; email: string; password: string; testNumber?: string }>();
const dredd = spawn(
  resolve(ROOT_DIR, 'node_modules', '.bin', 'dredd'),
  [
    OPENAPI_PATH,
    o.baseUrl,
    `--hookfiles=${resolve(ROOT_DIR, 'profiles', 'call-center', 'runner', 'dredd', 'hooks.cjs')}`,
    '--color=false',
  ],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      CONTRACT_BASE_URL: o.baseUrl,
      CONTRACT_EMAIL: o.email,
      CONTRACT_PASSWORD: o.password,
      CONTRACT_TEST_NUMBER: o.testNumber ?? '',
    },
  },
);
dredd.on('exit', (code) => process.exit(code ?? 1));
