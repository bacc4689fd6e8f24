import type { Check } from './checks/types.ts';
import type { RealWorld } from './real-world.ts';

/**
 * What no contract can say about an API, for the runner: its domain checks, its demo login, and
 * what the run does around creates with real-world effects (`x-test-numbers`). A team registers
 * its own with `runContract({ profiles })` or `--profile ./my-profile.mjs`, as the call center's
 * (profiles/call-center/runner/) is registered; the runner itself imports no profile.
 */
export interface RunnerProfile {
  name: string;
  /**
   * Checks of the API's domain, run with the generic ones and selected by name the same way. Each
   * runs just before the generic check its `runsBefore` names (after the last sending check
   * otherwise); a profile check with a generic check's name takes its place.
   */
  checks?: (Check & { runsBefore?: string })[];
  /** The login the run uses when --email and --password are not given (a demo backend's). */
  login?: { email: string; password: string };
  /** What the run does around real-world creates, which only the profile knows. */
  realWorld?: RealWorld;
}

/**
 * The checks of a run: the generic ones, with each profile's checks in their place (see
 * RunnerProfile.checks). Throws, naming both, when two profiles bring a check of the same name.
 */
export function withProfileChecks(generic: Check[], profiles: RunnerProfile[]): Check[] {
  const checks = [...generic];
  const added = new Map<string, string>();
  for (const profile of profiles)
    for (const check of profile.checks ?? []) {
      const by = added.get(check.name);
      if (by)
        throw new Error(`Runner profiles ${by} and ${profile.name} both bring a check named ${check.name}`);
      added.set(check.name, profile.name);
      const same = checks.findIndex((c) => c.name === check.name);
      if (same >= 0) {
        checks[same] = check;
        continue;
      }
      const before = checks.findIndex((c) => c.name === check.runsBefore);
      const firstJudge = checks.findIndex((c) => c.phase === 'judge');
      const at = before >= 0 ? before : firstJudge >= 0 ? firstJudge : checks.length;
      checks.splice(at, 0, check);
    }
  return checks;
}

/** The one RealWorld of a run's profiles (the first that has one), or none. */
export function realWorldOf(profiles: RunnerProfile[]): RealWorld | undefined {
  return profiles.find((p) => p.realWorld)?.realWorld;
}
