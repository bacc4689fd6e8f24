import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { readSpec } from './load-spec.ts';
import { OPENAPI_PATH } from './paths.ts';
import { readYaml } from './read-yaml.ts';
import { checkSpecOnce } from './validate-once.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'spec-cache-'));

describe('the parsed-YAML cache', () => {
  it('answers what js-yaml reads, from the file the first time and from the cache after', async () => {
    const cache = fresh();
    const expected = load((await import('node:fs')).readFileSync(OPENAPI_PATH, 'utf8'), {
      schema: CORE_SCHEMA,
    });
    expect(await readYaml(OPENAPI_PATH, cache)).toEqual(expected);
    expect(readdirSync(cache).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(await readYaml(OPENAPI_PATH, cache)).toEqual(expected);
  });

  it('reads the YAML again when the cached copy is damaged, and follows an edit', async () => {
    const cache = fresh();
    const dir = fresh();
    const file = join(dir, 'doc.yaml');
    writeFileSync(file, 'a: 1\n');
    expect(await readYaml(file, cache)).toEqual({ a: 1 });
    for (const name of readdirSync(cache)) writeFileSync(join(cache, name), '{"a": ');
    expect(await readYaml(file, cache)).toEqual({ a: 1 });
    writeFileSync(file, 'a: 2\n');
    expect(await readYaml(file, cache)).toEqual({ a: 2 });
  });
});

describe('the contract check, once per content', () => {
  it('checks a valid contract once, then remembers it', async () => {
    const cache = fresh();
    const source = await readSpec(OPENAPI_PATH);
    expect(await checkSpecOnce(source, cache)).toEqual({ how: 'checked', problems: [], warnings: [] });
    expect(await checkSpecOnce(source, cache)).toEqual({ how: 'remembered', problems: [], warnings: [] });
  });

  it('refuses an invalid contract every time, never remembering it', async () => {
    const cache = fresh();
    const source = await readSpec(OPENAPI_PATH);
    const raw = { ...source.raw, info: undefined } as unknown as typeof source.raw;
    const broken = { ...source, raw, text: JSON.stringify(raw) };
    const refused = { how: 'checked', problems: ["# must have required property 'info'"], warnings: [] };
    expect(await checkSpecOnce(broken, cache)).toEqual(refused);
    expect(await checkSpecOnce(broken, cache)).toEqual(refused);
    expect(readdirSync(cache)).toEqual([]);
  });
});
