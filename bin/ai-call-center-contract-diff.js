#!/usr/bin/env node
// The breaking-change check (npm run contract:diff), as the `ai-call-center-contract-diff` command of the package.
import { runEntry } from './run-entry.js';

await runEntry('contracts/diff/cli');
