#!/usr/bin/env node
// The contract runner (npm run contract), as the `ai-call-center-contract` command. In a checkout the TypeScript source runs through tsx, so
// the command never runs a stale build; the published package ships the JavaScript compiled into lib/.
import { existsSync } from 'node:fs';

const source = new URL('../../profiles/call-center/runner/cli.ts', import.meta.url);
if (existsSync(source)) (await import('tsx/esm/api')).register();
await import(
  existsSync(source)
    ? source.href
    : new URL('../lib/profiles/call-center/runner/cli.js', import.meta.url).href
);
