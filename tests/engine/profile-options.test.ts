import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createInProcessMock } from '../../mock/in-process.ts';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { integer } from '../../mock/option-parsers.ts';
import type { Profile } from '../../mock/profile.ts';
import { bin, run } from '../support/processes.ts';

// A profile brings its own options, declared as the engine's are: startMock takes them by key
// (typed), the command line as flags and variables, --help lists them, a bad value is refused in
// the engine's words. The call center's --calls is one (tests/mock/cli.test.ts); these use a
// team's profile, registered from outside the repository's code.

const GREETINGS = [
  {
    key: 'greetings',
    flag: '--greetings',
    env: 'MOCK_GREETINGS',
    default: 2,
    valueName: 'n',
    help: 'How many greetings the hello operation answers.',
    parse: integer('MOCK_GREETINGS', 0, 10),
  },
] as const;

const greeter: Profile<typeof GREETINGS> = {
  name: 'greeter',
  options: GREETINGS,
  attach: ({ options }) => ({
    // options.greetings is a number here: the table's type, with no cast.
    handlers: { hello: () => ({ status: 200, body: Array(options.greetings).fill('hello') }) },
  }),
};

function specFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'profile-options-'));
  const path = join(dir, 'openapi.json');
  writeFileSync(
    path,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'greeter', version: '1' },
      'x-mock': { profile: 'greeter' },
      servers: [{ url: '/api' }],
      paths: {
        '/hello': {
          get: {
            operationId: 'hello',
            responses: {
              '200': {
                description: 'greetings',
                content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } },
              },
            },
          },
        },
      },
    }),
  );
  return path;
}

describe("a profile's own options", () => {
  const spec = specFile();

  it.each([
    ['left out: the default', {}, 2],
    ['given by key beside the engine', { greetings: 3 }, 3],
  ])('reach its attach typed (%s)', async (_name, given, count) => {
    const mock = await createInProcessMock({ log: 'off', rateLimit: 0, profiles: [greeter], ...given }, spec);
    try {
      expect(await (await mock.fetch('/api/hello')).json()).toEqual(Array(count).fill('hello'));
    } finally {
      await mock.close();
    }
  });

  it('refuses a bad value given in code in the words of its variable', async () => {
    await expect(
      createInProcessMock({ log: 'off', profiles: [greeter], greetings: 11 }, spec),
    ).rejects.toThrow('MOCK_GREETINGS must be a whole number from 0 to 10, not "11"');
  });

  // The engine's command line with a team's profile module: its option is a flag and a variable.
  const module = join(mkdtempSync(join(tmpdir(), 'profile-module-')), 'greeter.mjs');
  writeFileSync(
    module,
    `import { integer } from ${JSON.stringify(pathToFileURL(join(ROOT_DIR, 'mock', 'option-parsers.ts')).href)};
export default {
  name: 'greeter',
  options: [{ key: 'greetings', flag: '--greetings', env: 'MOCK_GREETINGS', default: 2, valueName: 'n',
    help: 'How many greetings the hello operation answers.', parse: integer('MOCK_GREETINGS', 0, 10) }],
};
`,
  );
  const CLI = ['profiles/call-center/cli.ts', '--profile', module, '--spec', spec];

  it('lists it in --help, after the engine options', async () => {
    const { code, output } = await run(bin('tsx'), [...CLI, '--help']);
    expect(code).toBe(0);
    expect(output).toContain('--greetings <n>');
    expect(output).toContain('MOCK_GREETINGS');
    expect(output.indexOf('--greetings')).toBeGreaterThan(output.indexOf('--port'));
  });

  it.each([
    [['--greetings', '11'], {}],
    [[], { MOCK_GREETINGS: 'many' }],
  ])('refuses a bad value %j %j in one sentence, exit 2, as an engine option', async (args, env) => {
    const { code, output } = await run(bin('tsx'), [...CLI, ...args], env);
    expect(code).toBe(2);
    expect(output.trim().split('\n')).toEqual([
      expect.stringContaining('MOCK_GREETINGS must be a whole number from 0 to 10, not'),
    ]);
  });

  it('refuses a profile option that takes an engine flag, naming it', async () => {
    const clash = join(mkdtempSync(join(tmpdir(), 'profile-clash-')), 'clash.mjs');
    writeFileSync(
      clash,
      `export default { name: 'clash', options: [{ key: 'port2', flag: '--port', env: 'PORT2', default: 1, help: '', parse: Number }] };\n`,
    );
    const { code, output } = await run(bin('tsx'), [
      'profiles/call-center/cli.ts',
      '--profile',
      clash,
      '--spec',
      spec,
    ]);
    expect(code).toBe(1);
    expect(output).toContain('two options have the flag "--port"');
  });
});
