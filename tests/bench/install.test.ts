import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { userEnv } from '../../scripts/bench/bounded-command.ts';
import { warningsOf } from '../../scripts/bench/install.ts';

// The install step of the bench (`npm run bench -- --only install`) counts npm's warnings and runs
// npm as a user's shell would; bench-smoke.test.ts runs the step itself.
describe('warningsOf: one line per npm warning', () => {
  it.each([
    ['no warning', { given: ['', 'added 3 packages in 1s'], want: [] }],
    [
      "install-scripts' list, over four lines",
      {
        given: [
          'npm warn install-scripts 1 package has install scripts not yet covered by allowScripts:',
          'npm warn install-scripts   @scarf/scarf@1.4.0 (postinstall: node ./report.js)',
          'npm warn install-scripts',
          'npm warn install-scripts Run `npm install-scripts ls` to review',
          '',
          'added 86 packages in 15s',
        ],
        want: [
          'install-scripts: 1 package has install scripts not yet covered by allowScripts: @scarf/scarf@1.4.0 (postinstall: node ./report.js) Run `npm install-scripts ls` to review',
        ],
      },
    ],
    [
      'one warning per package of a topic, each of its lines joined',
      {
        given: [
          'npm warn EBADENGINE Unsupported engine {',
          "npm warn EBADENGINE   package: 'cookie@2.0.2',",
          'npm warn EBADENGINE }',
          'npm warn EBADENGINE Unsupported engine {',
          "npm warn EBADENGINE   package: 'undici@7.0.0',",
          'npm warn EBADENGINE }',
          'npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported',
          'npm warn deprecated inflight@1.0.6: leaks memory',
        ],
        want: [
          "EBADENGINE: Unsupported engine { package: 'cookie@2.0.2', }",
          "EBADENGINE: Unsupported engine { package: 'undici@7.0.0', }",
          'deprecated: glob@7.2.3: Glob versions prior to v9 are no longer supported',
          'deprecated: inflight@1.0.6: leaks memory',
        ],
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(warningsOf(given.join('\n'))).toEqual(want);
  });
});

describe("userEnv: npm runs as from a user's shell, not as from npm run bench", () => {
  it("drops npm run's npm_* variables and the checkout's node_modules/.bin, keeps the rest", () => {
    const saved = { ...process.env };
    try {
      process.env.npm_config_omit = 'dev';
      process.env.npm_lifecycle_event = 'bench';
      process.env.PATH = [`${ROOT_DIR}/node_modules/.bin`, '/work/node_modules/.bin', '/usr/bin'].join(':');
      const env = userEnv({ npm_config_cache: '/tmp/empty' });
      expect(Object.keys(env).filter((key) => key.startsWith('npm_'))).toEqual(['npm_config_cache']);
      expect(env.PATH).toBe('/usr/bin');
      expect(env.HOME).toBe(saved.HOME);
    } finally {
      process.env = saved;
    }
  });
});
