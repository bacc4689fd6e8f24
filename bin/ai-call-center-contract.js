#!/usr/bin/env node
// The contract runner (npm run contract), as the `ai-call-center-contract` command of the package.
import { runEntry } from './run-entry.js';

await runEntry('profiles/call-center/runner/cli');
