// Types of scripts/build-browser.mjs (plain JavaScript, run by node without a TypeScript runner).
import type { BuildResult } from 'esbuild';

export declare const BROWSER_ENTRY: string;
export declare const PREPARED_LOCALES: Record<string, string[]>;
export declare function withoutProse<T>(node: T, key?: string): T;
export declare function buildBrowserMock(
  outdir: string,
  options?: { minify?: boolean; metafile?: boolean },
): Promise<BuildResult>;
