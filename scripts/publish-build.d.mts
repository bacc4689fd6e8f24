// Types of scripts/publish-build.mjs (plain JavaScript, run by node without a TypeScript runner).

/** Moves a finished build from its own folder into `target` file by file (publish-build.mjs). */
export function publish(built: string, target: string): Promise<void>;
