import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compareVersions } from './compare-versions.ts';
import type { ContractVersion } from './types.ts';

// The fixture with GET /topics?q&from&to and TopicInput.parentId, without x-constraints.
const text = readFileSync(
  new URL('./fixtures/cross-field-rule-tightened/before.yaml', import.meta.url),
  'utf8',
);
// biome-ignore lint/suspicious/noExplicitAny: the tests edit a parsed fixture freely, like a person editing YAML.
type Doc = Record<string, any>;
const version = (edit: (doc: Doc) => void): ContractVersion => {
  const doc = load(text, { schema: CORE_SCHEMA }) as Doc;
  doc.paths['/topics/{id}'] = {
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    get: { operationId: 'getTopic', responses: { '200': { description: 'The topic.' } } },
  };
  edit(doc);
  return { label: 'fixture', files: { 'openapi.yaml': doc } };
};
const listTopics = (doc: Doc, ...constraints: object[]) => {
  doc.paths['/topics'].get['x-constraints'] = constraints;
};
const isBefore = (...fields: string[]) => ({ rule: 'before', fields });
const atMostOne = (...fields: string[]) => ({ rule: 'atMostOne', fields });

// The cases the fixture pairs do not show: edits that change the text of x-constraints but not the
// requests it accepts, and rules that come or go with their fields.
describe('x-constraints compared', () => {
  it.each<[string, { before: (doc: Doc) => void; after: (doc: Doc) => void; want: string[] }]>([
    [
      'an exists message reworded',
      {
        before: (doc) => {
          doc.paths['/topics'].post['x-constraints'] = [
            { rule: 'exists', field: 'body.parentId', collection: 'topics', message: 'unknown' },
          ];
        },
        after: (doc) => {
          doc.paths['/topics'].post['x-constraints'] = [
            { rule: 'exists', field: 'body.parentId', collection: 'topics', message: 'no such topic' },
          ];
        },
        want: [],
      },
    ],
    [
      'atMostOne written in another order',
      {
        before: (doc) => listTopics(doc, atMostOne('query.q', 'query.from')),
        after: (doc) => listTopics(doc, atMostOne('query.from', 'query.q')),
        want: [],
      },
    ],
    [
      'atMostOne of three written as its three pairs',
      {
        before: (doc) => listTopics(doc, atMostOne('query.q', 'query.from', 'query.to')),
        after: (doc) =>
          listTopics(
            doc,
            atMostOne('query.q', 'query.from'),
            atMostOne('query.from', 'query.to'),
            atMostOne('query.q', 'query.to'),
          ),
        want: [],
      },
    ],
    [
      'atMostOne of three split into two pairs: q with to is allowed now',
      {
        before: (doc) => listTopics(doc, atMostOne('query.q', 'query.from', 'query.to')),
        after: (doc) =>
          listTopics(doc, atMostOne('query.q', 'query.from'), atMostOne('query.from', 'query.to')),
        want: ['cross-field-rule-loosened'],
      },
    ],
    [
      'a rule added with its new parameter: only the parameter is a change',
      {
        before: () => {},
        after: (doc) => {
          doc.paths['/topics'].get.parameters.push({
            name: 'until',
            in: 'query',
            schema: { type: 'string' },
          });
          listTopics(doc, isBefore('query.from', 'query.until'));
        },
        want: ['optional-parameter-added'],
      },
    ],
    [
      'a rule removed with one of its parameters: only the parameter is a change',
      {
        before: (doc) => listTopics(doc, isBefore('query.from', 'query.to')),
        after: (doc) => {
          doc.paths['/topics'].get.parameters.pop();
        },
        want: ['parameter-removed'],
      },
    ],
    [
      'an exists that names another collection as its field goes: only the field is a change',
      {
        before: (doc) => {
          doc.paths['/topics'].post['x-constraints'] = [
            { rule: 'exists', field: 'body.parentId', collection: 'topics' },
          ];
        },
        after: (doc) => {
          delete doc.components.schemas.TopicInput.properties.parentId;
          doc.paths['/topics'].post['x-constraints'] = [
            { rule: 'exists', field: 'body.parentId', collection: 'files' },
          ];
        },
        want: ['request-property-removed'],
      },
    ],
    [
      'a path parameter renamed with the rule that names it',
      {
        before: (doc) => {
          doc.paths['/topics/{id}'].get['x-constraints'] = [
            { rule: 'exists', field: 'path.id', collection: 'topics' },
          ];
        },
        after: (doc) => {
          const item = doc.paths['/topics/{id}'];
          item.parameters[0].name = 'topicId';
          item.get['x-constraints'] = [{ rule: 'exists', field: 'path.topicId', collection: 'topics' }];
          doc.paths['/topics/{topicId}'] = item;
          delete doc.paths['/topics/{id}'];
        },
        want: [],
      },
    ],
    [
      'a rule this check cannot read, added',
      {
        before: () => {},
        after: (doc) => listTopics(doc, { rule: 'oneOf', fields: ['query.q', 'query.from'] }),
        want: ['cross-field-rule-tightened'],
      },
    ],
  ])('%s', (_, { before: a, after: b, want }) => {
    const changes = compareVersions(version(a), version(b));
    expect(changes.map((c) => c.rule)).toEqual(want);
  });

  it('names the rule and points at the entry in each version', () => {
    const changes = compareVersions(
      version((doc) => listTopics(doc, atMostOne('query.q', 'query.from'))),
      version((doc) =>
        listTopics(doc, isBefore('query.from', 'query.to'), atMostOne('query.q', 'query.from', 'query.to')),
      ),
    );
    expect(changes).toEqual([
      {
        rule: 'cross-field-rule-tightened',
        breaks: ['client'],
        subject: 'GET /topics',
        message: 'x-constraints before [query.from, query.to] added',
        before: 'openapi.yaml#/paths/~1topics/get/x-constraints',
        after: 'openapi.yaml#/paths/~1topics/get/x-constraints/0',
      },
      {
        rule: 'cross-field-rule-tightened',
        breaks: ['client'],
        subject: 'GET /topics',
        message: 'x-constraints atMostOne [query.q, query.from] -> [query.q, query.from, query.to]',
        before: 'openapi.yaml#/paths/~1topics/get/x-constraints/0',
        after: 'openapi.yaml#/paths/~1topics/get/x-constraints/1',
      },
    ]);
  });
});
