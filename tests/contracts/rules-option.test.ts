import { describe, expect, it } from 'vitest';
import { bin, run } from '../support/processes.ts';

// `--rules` without a backend: the inventory of both documents, each rule with its judging check,
// and nothing sent anywhere.
describe('npm run contract -- --rules', () => {
  it('lists every rule of openapi.yaml and asyncapi.yaml with the check that judges it, and exits 0', async () => {
    const { code, output } = await run(bin('tsx'), ['contracts/cli.ts', '--rules']);
    expect(code, output).toBe(0);
    expect(output).toMatch(
      /^Rules of openapi\.yaml and asyncapi\.yaml: \d+ statements, 0 not judged, 2 outside what a run can cause$/m,
    );
    expect(output).not.toMatch(/^ {2}not judged /m);
    expect(output).toMatch(
      /^ {2}token_expiry +refusals\.expired: token_expired {2}\(openapi\.yaml#\/x-auth\/refusals\/expired\)$/m,
    );
    expect(output).toMatch(
      /^ {2}outside a run +events: serverShutdown closes 1001 \(the server shutting down; .*\) {2}\(asyncapi\.yaml#\/channels\/events\/x-closes-on\/serverShutdown\)$/m,
    );
    expect(output).toMatch(
      /^ {2}realtime +events: every event's id is new {2}\(asyncapi\.yaml#\/channels\/events\/x-delivery\/uniqueId\)$/m,
    );
    expect(output).toMatch(/^ {2}consistency +getStatistics: averageDurationSeconds = /m);
    expect(output).not.toMatch(/\d+×/);
  }, 60_000);
});
