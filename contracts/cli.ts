/**
 * The generic runner's command line: any contract, no profile but those of `--profile`. The call
 * center's `npm run contract` is profiles/call-center/runner/cli.ts, which registers its profile.
 */
import { runContractCli } from './run-cli.ts';

await runContractCli();
