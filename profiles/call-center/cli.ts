/**
 * `npm start` and the package's `ai-call-center-mock` command: the engine's command line with the
 * call center registered as any team registers its own profile (`--profile` adds more).
 */
import { runMockCli } from '../../mock/cli.ts';
import { callCenterProfile } from './index.ts';

await runMockCli([callCenterProfile]);
