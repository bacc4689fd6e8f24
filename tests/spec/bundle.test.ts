import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { yamlAliases } from '../../mock/openapi/bundle.ts';
import { OPENAPI_PATH } from '../../mock/openapi/paths.ts';
import { createInProcessMock } from '../../profiles/call-center/package.ts';
import { renderBundleFiles } from '../../scripts/generate.ts';
import { spec } from './support.ts';

describe('the contract travels as one alias-free document', () => {
  it('openapi.yaml itself holds no YAML anchor or alias', () => {
    expect(yamlAliases(readFileSync(OPENAPI_PATH, 'utf8'))).toEqual([]);
  });

  it('finds anchors and aliases where there are some', () => {
    expect(yamlAliases('a: &h { x: 1 }\nb: *h\n')).toEqual(['&h', '*h']);
  });

  it('the committed bundle is what npm run generate makes of openapi.yaml today', async () => {
    for (const [path, fresh] of await renderBundleFiles())
      expect(readFileSync(path, 'utf8'), `${path} is stale: run npm run generate`).toBe(fresh);
  });

  it('the committed bundle has no aliases and holds the same contract, $refs kept', async () => {
    const { raw } = await spec();
    const [[, yaml = ''] = [], [, json = ''] = []] = await renderBundleFiles();
    expect(yamlAliases(yaml)).toEqual([]);
    expect(parse(yaml)).toEqual(raw);
    expect(JSON.parse(json)).toEqual(raw);
    expect(json).toContain('"$ref": "#/components/headers/RateLimit-Limit"');
  });

  it('the mock serves the bundle at /api/openapi.yaml and /api/openapi.json', async () => {
    const mock = await createInProcessMock({ log: 'off' });
    try {
      const { raw } = await spec();
      const yamlAnswer = await mock.fetch('/api/openapi.yaml');
      const jsonAnswer = await mock.fetch('/api/openapi.json');
      expect(yamlAnswer.headers.get('content-type')).toMatch(/^application\/yaml/);
      const yaml = await yamlAnswer.text();
      const json = await jsonAnswer.text();
      expect(yamlAliases(yaml)).toEqual([]);
      expect(parse(yaml)).toEqual(raw);
      expect(JSON.parse(json)).toEqual(raw);
      const [[, committedYaml = ''] = [], [, committedJson = ''] = []] = await renderBundleFiles();
      expect(committedYaml.endsWith(yaml)).toBe(true);
      expect(json).toBe(committedJson);
    } finally {
      await mock.close();
    }
  });
});
