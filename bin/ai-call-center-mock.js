#!/usr/bin/env node
// The mock backend (npm start), as the `ai-call-center-mock` command of the package.
import { runEntry } from './run-entry.js';

await runEntry('profiles/call-center/cli');
