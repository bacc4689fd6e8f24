#!/usr/bin/env node
// The `api-contract` command for npx: registers tsx so that the TypeScript CLI runs as it is.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
