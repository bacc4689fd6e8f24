import { describe, expect, it } from 'vitest';
import { bin, run } from '../support/processes.ts';

// The check as CI runs it: the real command, its streams and its exit code.
describe('npm run contract:diff (tsx contracts/diff/cli.ts)', () => {
  it('the same version twice: exit 0 and the one line "no changes"', async () => {
    const same = 'contracts/diff/fixtures/operation-removed/before.yaml';
    const { code, output } = await run(bin('tsx'), ['contracts/diff/cli.ts', '--base', same, '--head', same]);
    expect({ code, output }).toEqual({ code: 0, output: 'no changes\n' });
  });

  it('a breaking fixture pair: exit 1 with the changelog', async () => {
    const dir = 'contracts/diff/fixtures/operation-removed';
    const { code, output } = await run(bin('tsx'), [
      'contracts/diff/cli.ts',
      '--base',
      `${dir}/before.yaml`,
      '--head',
      `${dir}/after.yaml`,
    ]);
    expect(code).toBe(1);
    expect(output).toContain('**breaks clients** `operation-removed`: POST /topics removed');
  });
});
