import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAsyncApi } from '../../mock/openapi/load-asyncapi.ts';
import { loadSpec } from '../../mock/openapi/load-spec.ts';
import { GENERATED_TYPES_PATH } from '../../mock/openapi/paths.ts';
import { renderTypes } from '../../scripts/generate.ts';
import { bin, run } from '../support/processes.ts';

describe('the contract documents are valid', () => {
  it('swagger-parser validates and dereferences openapi.yaml (OpenAPI 3.0.3)', async () => {
    const { document } = await loadSpec();
    expect(document.openapi).toBe('3.0.3');
    expect(JSON.stringify(document)).not.toContain('"$ref"');
  });

  it('the AsyncAPI parser validates asyncapi.yaml with no error or warning', async () => {
    const { diagnostics, messages } = await loadAsyncApi();
    expect(diagnostics.filter((d) => d.severity <= 1)).toEqual([]);
    expect(messages.size).toBeGreaterThan(10);
  });

  it('Redocly lint is clean with its recommended rules', async () => {
    const { code, output } = await run(bin('redocly'), ['lint', 'openapi.yaml', '--format=json']);
    // The JSON report sits between Redocly's banners, a block from a lone `{` to a lone `}`.
    const json = /^\{$[\s\S]*?^\}/m.exec(output)?.[0] ?? '{}';
    const report = JSON.parse(json) as { totals?: Record<string, number> };
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(code, output).toBe(0);
  });

  it('the committed types are what openapi-typescript makes of openapi.yaml today', async () => {
    expect(readFileSync(GENERATED_TYPES_PATH, 'utf8')).toBe(await renderTypes());
  });
});
