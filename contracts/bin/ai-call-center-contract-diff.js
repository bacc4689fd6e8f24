#!/usr/bin/env node
// The breaking-change check (npm run contract:diff), as the `ai-call-center-contract-diff` command. In a checkout the TypeScript source runs through tsx, so
// the command never runs a stale build; the published package ships the JavaScript compiled into lib/.
import { existsSync } from 'node:fs';

const source = new URL('../../contracts/diff/cli.ts', import.meta.url);
if (existsSync(source)) (await import('tsx/esm/api')).register();
await import(
  existsSync(source) ? source.href : new URL('../lib/contracts/diff/cli.js', import.meta.url).href
);
