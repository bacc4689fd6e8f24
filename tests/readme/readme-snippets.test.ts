import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { extractSnippets } from '../support/markdown-snippets.ts';

// The README's TypeScript is what a frontend developer copies first: it must compile against the
// generated types as they are, or the README teaches a request the client refuses (issue #13).

// Each snippet is a module of its own (top-level await, its own names) placed at the project's
// root, so `./client/client.ts` resolves as the README writes it.
const PRELUDE_END = '\nexport {};\n';

/**
 * Type-checks snippets as files at the project root with the project's compiler options plus the
 * DOM library (a snippet may run in a page, as in a Vite project). Answers the errors of each
 * snippet as `line: message`, lines counted from the snippet's first line.
 */
function typeCheckSnippets(snippets: string[]): string[][] {
  const config = ts.getParsedCommandLineOfConfigFile(
    resolve(ROOT_DIR, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('typeCheckSnippets: tsconfig.json could not be read');
  const options: ts.CompilerOptions = {
    ...config.options,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    // A page's snippet reads Vite's import.meta.env, as the frontend apps it is written for do.
    types: [...(config.options.types ?? []), 'vite/client'],
    noEmit: true,
  };
  const files = new Map(
    snippets.map((code, i) => [resolve(ROOT_DIR, `readme-snippet-${i}.ts`), code + PRELUDE_END]),
  );
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, version, ...rest) => {
    const text = files.get(name);
    return text === undefined
      ? getSourceFile.call(host, name, version, ...rest)
      : ts.createSourceFile(name, text, version, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return [...files.keys()].map((name) => {
    const source = program.getSourceFile(name);
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    return diagnostics.map((d) => {
      const line =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return `${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  });
}

const CLIENT = `import { createApiClient } from './client/client.ts';
const api = createApiClient({ baseUrl: 'http://localhost:3001/api' });
`;

/** The README and the reference in docs/: every document a reader may copy TypeScript from. */
const DOCUMENTS = [
  'README.md',
  ...readdirSync(resolve(ROOT_DIR, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('the TypeScript of the README and docs/', () => {
  const readme = readFileSync(resolve(ROOT_DIR, 'README.md'), 'utf8');
  const snippets = DOCUMENTS.flatMap((file) =>
    extractSnippets(readFileSync(resolve(ROOT_DIR, file), 'utf8')).map((s) => ({ ...s, file })),
  );

  it('has snippets, among them the place-call example with only targetNumber', () => {
    expect(snippets.length).toBeGreaterThan(0);
    expect(readme).toContain("api.POST('/voip/call', { body: { targetNumber } })");
  });

  it('type-checks every snippet against the generated types', () => {
    const errors = typeCheckSnippets(snippets.map((s) => s.code));
    const located = errors.flatMap((list, i) =>
      list.map((e) => {
        const [line = '0', ...message] = e.split(': ');
        return `${snippets[i]?.file}:${(snippets[i]?.line ?? 1) - 1 + Number(line)}: ${message.join(': ')}`;
      }),
    );
    expect(located).toEqual([]);
    // One TypeScript program over every snippet and the generated types: CPU-bound, so a loaded
    // machine stretches it well past the default 30 s.
  }, 120_000);

  // The checker must be able to fail: each case is a request the types must refuse or accept.
  const cases: [string, { given: string; want: RegExp | undefined }][] = [
    [
      'a defaulted field left out',
      {
        given: "await api.POST('/voip/call', { body: { targetNumber: '+998900000001' } });",
        want: undefined,
      },
    ],
    [
      'a required field left out',
      { given: "await api.POST('/voip/call', { body: {} });", want: /targetNumber/ },
    ],
    [
      'a File uploaded',
      { given: "await api.POST('/voip/file', { body: { file: new File([], 'a.wav') } });", want: undefined },
    ],
    [
      'a Blob uploaded',
      { given: "await api.POST('/voip/file', { body: { file: new Blob([]) } });", want: undefined },
    ],
    [
      'a string where the file goes',
      { given: "await api.POST('/voip/file', { body: { file: 'a.wav' } });", want: /TS2322 Type 'string'/ },
    ],
    [
      'an unknown status',
      { given: "await api.GET('/voip/calls', { params: { query: { status: ['x'] } } });", want: /"x"/ },
    ],
  ];
  const results = typeCheckSnippets(cases.map(([, { given }]) => CLIENT + given));
  it.each(cases.map(([name, c], i) => [name, c, results[i] ?? []] as const))(
    '%s',
    (_name, { want }, errors) => {
      if (want === undefined) expect(errors).toEqual([]);
      else expect(errors.join('\n')).toMatch(want);
    },
  );
});
