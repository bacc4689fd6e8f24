import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compareVersions } from './compare-versions.ts';
import type { ContractVersion } from './types.ts';

// Edits that change the text but not the contract: none may report a change.
const text = readFileSync(new URL('./fixtures/operation-added/before.yaml', import.meta.url), 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: the tests edit a parsed fixture freely, like a person editing YAML.
type Doc = Record<string, any>;
const version = (edit: (doc: Doc) => void = () => {}): ContractVersion => {
  const doc = load(text, { schema: CORE_SCHEMA }) as Doc;
  doc.paths['/topics/{id}'] = {
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    get: { operationId: 'getTopic', responses: { '200': { description: 'The topic.' } } },
  };
  doc.paths['/topics'].get.parameters.push({
    name: 'tags',
    in: 'query',
    schema: { type: 'array', items: { type: 'string' } },
  });
  edit(doc);
  return { label: 'fixture', files: { 'openapi.yaml': doc } };
};

describe('edits that are not changes', () => {
  it.each<[string, (doc: Doc) => void]>([
    [
      'a path parameter renamed ({id} -> {topicId})',
      (doc) => {
        const item = doc.paths['/topics/{id}'];
        item.parameters[0].name = 'topicId';
        doc.paths['/topics/{topicId}'] = item;
        delete doc.paths['/topics/{id}'];
      },
    ],
    [
      'a header parameter in another case',
      (doc) => {
        doc.paths['/topics'].get.parameters[1].name = 'x-tenant';
      },
    ],
    [
      "a parameter's default style written out",
      (doc) => {
        Object.assign(doc.paths['/topics'].get.parameters[2], { style: 'form', explode: true });
        Object.assign(doc.paths['/topics/{id}'].parameters[0], { style: 'simple', explode: false });
      },
    ],
    [
      'explode and another query style on a single value (?q=x either way)',
      (doc) => {
        Object.assign(doc.paths['/topics'].get.parameters[0], { style: 'spaceDelimited', explode: false });
      },
    ],
    [
      'a $ref inlined',
      (doc) => {
        const media = doc.paths['/topics'].post.requestBody.content['application/json'];
        media.schema = structuredClone(doc.components.schemas.TopicInput);
      },
    ],
    [
      'descriptions and examples',
      (doc) => {
        doc.components.schemas.Topic.properties.name.example = 'Billing';
      },
    ],
    [
      'an x-breaking-changes entry',
      (doc) => {
        doc['x-breaking-changes'] = [{ rule: 'operation-removed', reason: 'Nothing.' }];
      },
    ],
  ])('%s', (_, edit) => {
    expect(compareVersions(version(), version(edit))).toEqual([]);
  });
});
