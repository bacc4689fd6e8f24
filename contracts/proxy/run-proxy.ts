import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { OPENAPI_PATH, ROOT_DIR } from '../../mock/openapi/paths.ts';

/**
 * `npm run proxy -- --upstream URL`: Prism's validation proxy between a frontend and a real
 * backend. Every request and answer that passes through is checked against openapi.yaml and each
 * violation is logged (with --errors, answered as an error instead), so real traffic is judged live.
 * Prism's own CORS handling is off: the browser must see the backend's CORS policy, not Prism's.
 */
const program = new Command('proxy')
  .description('Validate live traffic between a client and a backend against openapi.yaml (Prism proxy).')
  .requiredOption('--upstream <url>', 'The backend, with its /api prefix (e.g. http://localhost:8080/api).')
  .option('--port <n>', 'Port to listen on.', '4010')
  .option('--host <addr>', 'Address to listen on.', '127.0.0.1')
  .option('--errors', 'Answer a contract violation with an error instead of only logging it.', false)
  .parse();

const options = program.opts<{ upstream: string; port: string; host: string; errors: boolean }>();
const args = [
  'proxy',
  OPENAPI_PATH,
  options.upstream,
  '--port',
  options.port,
  '--host',
  options.host,
  '--cors=false',
];
if (options.errors) args.push('--errors');
process.stdout.write(
  `Validating traffic to ${options.upstream}: point the client at http://${options.host}:${options.port} (violations are logged below).\n`,
);
const prism = spawn(resolve(ROOT_DIR, 'node_modules', '.bin', 'prism'), args, { stdio: 'inherit' });
prism.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => prism.kill(signal));
