/**
 * `npm run contract` and the package's `ai-call-center-contract` command: the runner's command
 * line with the call center registered as any team registers its own profile (`--profile` adds more).
 */
import { runContractCli } from '../../../contracts/run-cli.ts';
import { callCenterRunner } from './index.ts';

await runContractCli([callCenterRunner]);
