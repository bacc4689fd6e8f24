import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { OPTIONS } from '../../mock/options.ts';
import { CALL_CENTER_OPTIONS } from '../../profiles/call-center/options.ts';
import { renderReadme } from '../../scripts/generate.ts';
import { demoLogin } from '../../scripts/support/demo-login.ts';
import { bin, run, startService } from '../support/processes.ts';

const CLI = ['profiles/call-center/cli.ts'];

describe('npm start', () => {
  it('--help lists every option with its environment variable, from the one definition', async () => {
    const { code, output } = await run(bin('tsx'), [...CLI, '--help']);
    expect(code).toBe(0);
    for (const o of [...OPTIONS, ...CALL_CENTER_OPTIONS]) {
      expect(output).toContain(o.flag);
      expect(output).toContain(o.env);
    }
  });

  it('the README options table is the one definition, rendered', async () => {
    const readme = readFileSync(resolve(ROOT_DIR, 'docs', 'mock.md'), 'utf8');
    expect(readme).toBe(await renderReadme(readme));
    for (const o of [...OPTIONS, ...CALL_CENTER_OPTIONS]) expect(readme).toContain(`| \`${o.env}\` |`);
  });

  it.each([
    [['--port', 'abc'], {}, 'PORT must be a whole number'],
    [[], { MOCK_LOG: 'loud' }, 'MOCK_LOG must be pretty, json or off'],
    [[], { MOCK_RATE_LIMIT: '-1' }, 'MOCK_RATE_LIMIT must be a whole number'],
    [['--latency', '500-100'], {}, 'MOCK_LATENCY must be ms or min-max'],
    // The call center's own options (its profile's table): refused in the same words.
    [['--calls', '-5'], {}, 'MOCK_CALLS must be a whole number from 0 to 5000000'],
    [[], { MOCK_CALL_SPEED: 'fast' }, 'MOCK_CALL_SPEED must be a number from 0.01 to 10000'],
  ])('refuses a bad option %j %j in one sentence, exit 2', async (args, env, message) => {
    const { code, output } = await run(bin('tsx'), [...CLI, ...args], env);
    expect(code).toBe(2);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toContain(message);
  });

  it('starts, prints the base URL, docs URL and demo login, and answers health at once', async () => {
    let base = '';
    const service = await startService(
      bin('tsx'),
      CLI,
      async (output) => {
        base = /API +(http\S+)/.exec(output)?.[1] ?? '';
        return base !== '' && (await fetch(`${base.replace('localhost', '127.0.0.1')}/health`)).ok;
      },
      { env: { PORT: '0', MOCK_CALLS: '50', MOCK_LOG: 'pretty' } },
    );
    try {
      const out = service.output();
      expect(out).toMatch(/Docs +http:\/\/localhost:\d+\/api\/docs/);
      expect(out).toContain('admin@example.com / admin123');
      await fetch(`${base.replace('localhost', '127.0.0.1')}/topics`);
      await new Promise((r) => setTimeout(r, 100));
      expect(service.output()).toMatch(/GET \/api\/topics 401 \d+ms/);
    } finally {
      await service.stop();
    }
  });

  it('is what the README quick start runs: npm start builds the bundle and serves', async () => {
    let base = '';
    const service = await startService(
      'npm',
      ['start', '--silent'],
      async (output) => {
        base = /API +(http\S+)/.exec(output)?.[1]?.replace('localhost', '127.0.0.1') ?? '';
        return base !== '' && (await fetch(`${base}/health`)).ok;
      },
      { env: { PORT: '0', MOCK_CALLS: '50', MOCK_LOG: 'off' } },
    );
    try {
      expect(service.output()).toContain('admin@example.com / admin123');
      // The bundle carries its dependencies: what they look up at run time (MIME types, the docs'
      // assets, the JSON parser) works from it as from the sources.
      const auth = { authorization: `Bearer ${await demoLogin(base)}` };
      const files = (await (await fetch(`${base}/voip/file?pageSize=1`, { headers: auth })).json()) as {
        items: { id: string }[];
      };
      const audio = await fetch(`${base}/voip/file/${files.items[0]?.id}/content`, { headers: auth });
      expect(audio.status).toBe(200);
      expect(audio.headers.get('content-type')).toBe('audio/wav');
      await audio.arrayBuffer();
      const css = await fetch(`${base}/docs/swagger-ui.css`);
      expect(css.headers.get('content-type')).toContain('text/css');
      await css.arrayBuffer();
      const wrongType = await fetch(`${base}/topics`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/plain' },
        body: 'x',
      });
      expect(wrongType.status).toBe(415);
    } finally {
      await service.stop();
    }
  });

  it('says in one sentence that the port is taken', async () => {
    const { startMock } = await import('../../profiles/call-center/package.ts');
    const taken = await startMock({ port: 0, log: 'off', calls: 10 });
    try {
      const { code, output } = await run(bin('tsx'), CLI, { PORT: String(taken.port), MOCK_CALLS: '10' });
      expect(code).toBe(1);
      expect(output.trim()).toBe(`Port ${taken.port} is in use: stop what runs there, or set PORT.`);
    } finally {
      await taken.close();
    }
  });
});

describe('npm start with a contract that fails validation', () => {
  // `type: objct` in a shared schema and `type: integr` in a shared parameter: two typos, each used
  // in several operations, so each is reported once, where it is written.
  const broken = async () => {
    const path = resolve(mkdtempSync(resolve(tmpdir(), 'mock-invalid-')), 'openapi.yaml');
    const text = readFileSync(resolve(ROOT_DIR, 'openapi.yaml'), 'utf8')
      .replace('    FileUpload:\n      type: object', '    FileUpload:\n      type: objct')
      .replace(
        'schema: { type: integer, minimum: 1, maximum: 100, default: 20 }',
        'schema: { type: integr, minimum: 1, maximum: 100, default: 20 }',
      );
    writeFileSync(path, text);
    return path;
  };

  it('refuses to start, listing each error once in one message, exit 1, no ready banner', async () => {
    const spec = await broken();
    const { code, output } = await run(bin('tsx'), CLI, { PORT: '0', MOCK_CALLS: '10', MOCK_SPEC: spec });
    expect(code).toBe(1);
    expect(output).not.toContain('is ready');
    expect(output).toContain(`${spec} is not a valid OpenAPI document (2 errors):`);
    expect(output).toContain(
      '- #/components/schemas/FileUpload/type must be equal to one of the allowed values',
    );
    expect(output).toContain('not "objct"');
    expect(output).toContain('- #/components/parameters/PageSize/schema/type');
    expect(output).toContain('--lenient');
  });

  it('serves it anyway with --lenient, saying so in one line before the banner', async () => {
    const spec = await broken();
    let base = '';
    const service = await startService(
      bin('tsx'),
      [...CLI, '--lenient'],
      async (output) => {
        base = /API +(http\S+)/.exec(output)?.[1]?.replace('localhost', '127.0.0.1') ?? '';
        return base !== '' && (await fetch(`${base}/health`)).ok;
      },
      { env: { PORT: '0', MOCK_CALLS: '10', MOCK_LOG: 'off', MOCK_SPEC: spec } },
    );
    try {
      const lines = service.output().split('\n');
      const said = lines.filter((l) => l.includes('--lenient'));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(
        /serving .*openapi\.yaml although it is not a valid OpenAPI document \(#\/.*, and 1 more\)/,
      );
      expect(lines.findIndex((l) => l.includes('--lenient'))).toBeLessThan(
        lines.findIndex((l) => l.includes('is ready')),
      );
    } finally {
      await service.stop();
    }
  });
});

/** `npm start -- --watch` on a copy of openapi.yaml in a temporary folder, answering once ready. */
async function startWatched(log: 'off' | 'json') {
  const dir = mkdtempSync(resolve(tmpdir(), 'mock-watch-'));
  const spec = resolve(dir, 'openapi.yaml');
  copyFileSync(resolve(ROOT_DIR, 'openapi.yaml'), spec);
  let base = '';
  const service = await startService(
    bin('tsx'),
    [...CLI, '--watch'],
    async (output) => {
      base = /API +(http\S+)/.exec(output)?.[1]?.replace('localhost', '127.0.0.1') ?? '';
      return base !== '' && (await fetch(`${base}/health`)).ok;
    },
    { env: { PORT: '0', MOCK_CALLS: '20', MOCK_LOG: log, MOCK_SPEC: spec } },
  );
  return { service, base, spec };
}

/** Waits (at most 20 s) until the mock's output says `text`. */
async function outputSays(service: { output(): string }, text: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!service.output().includes(text) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
}

describe('npm start -- --watch', () => {
  it('follows an edit of the contract: a CORS origin added to x-cors is let in, no code changed', async () => {
    const { service, base, spec } = await startWatched('off');
    const preflight = () =>
      fetch(`${base}/qa`, {
        method: 'OPTIONS',
        headers: { origin: 'https://crm.example.uz', 'access-control-request-method': 'GET' },
      });
    try {
      expect((await preflight()).headers.get('access-control-allow-origin')).toBeNull();
      writeFileSync(
        spec,
        readFileSync(spec, 'utf8').replace(
          '    - http://localhost:5173\n',
          '    - http://localhost:5173\n    - https://crm.example.uz\n',
        ),
      );
      await outputSays(service, 'contract reloaded');
      expect(service.output()).toContain('openapi.yaml changed: contract reloaded, state kept.');
      expect((await preflight()).headers.get('access-control-allow-origin')).toBe('https://crm.example.uz');
      // A broken edit keeps the last good contract running.
      writeFileSync(spec, 'openapi: 3.0.3\npaths: [');
      await outputSays(service, 'is not valid');
      expect(service.output()).toContain('still serving the previous version');
      expect((await fetch(`${base}/health`)).ok).toBe(true);
    } finally {
      await service.stop();
    }
  }, 60_000);
  it('keeps the state across a reload, dropping only the records the new contract refuses', async () => {
    const { service, base, spec } = await startWatched('json');
    try {
      const token = await demoLogin(base);
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const create = async (name: string) =>
        (
          (await (
            await fetch(`${base}/topics`, { method: 'POST', headers, body: JSON.stringify({ name }) })
          ).json()) as {
            id: string;
          }
        ).id;
      const short = await create('Qisqa');
      const long = await create('Juda uzun mavzu nomi');
      // The edit: topic names (the Topic schema's `name`) of at most 12 characters.
      const text = readFileSync(spec, 'utf8');
      const topicName = /(\n {4}Topic:\n[\s\S]*?\n {8}name: \{[^}\n]*?maxLength: )100/;
      expect(text).toMatch(topicName);
      writeFileSync(
        spec,
        text.replace(topicName, (_, head: string) => `${head}12`),
      );
      await outputSays(service, 'contract reloaded');
      expect(service.output()).toContain('contract reloaded, state kept');
      expect((await fetch(`${base}/topics/${short}`, { headers })).status).toBe(200);
      expect((await fetch(`${base}/topics/${long}`, { headers })).status).toBe(404);
      expect(service.output()).toMatch(/topics record\(s\) break the current contract and were dropped/);
    } finally {
      await service.stop();
    }
  }, 60_000);
});
