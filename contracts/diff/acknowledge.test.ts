import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { findAcknowledgement, newAcknowledgements } from './acknowledge.ts';
import { compareVersions } from './compare-versions.ts';
import type { ContractVersion } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit a parsed fixture freely, like a person editing YAML.
type Doc = Record<string, any>;
const read = (side: string) =>
  load(
    readFileSync(new URL(`./fixtures/response-enum-value-removed/${side}.yaml`, import.meta.url), 'utf8'),
    {
      schema: CORE_SCHEMA,
    },
  ) as Doc;
const version = (doc: Doc): ContractVersion => ({ label: 'v', files: { 'openapi.yaml': doc } });

/** The fixture's one breaking change (Topic.status loses `archived`), acknowledged or not. */
function reasons(edit: { base?: (doc: Doc) => void; head?: (doc: Doc) => void }) {
  const [before, after] = [read('before'), read('after')];
  edit.base?.(before);
  edit.head?.(after);
  const [base, head] = [version(before), version(after)];
  const { acknowledgements } = newAcknowledgements(base, head);
  return compareVersions(base, head).map((change) =>
    findAcknowledgement(change, acknowledgements, base, head),
  );
}

const status = (doc: Doc) => doc.components.schemas.Topic.properties.status;
const topic = (doc: Doc) => doc.components.schemas.Topic;

describe('acknowledging a breaking change', () => {
  it.each<[string, { base?: (doc: Doc) => void; head?: (doc: Doc) => void }, (string | undefined)[]]>([
    ['nothing written', {}, [undefined, undefined]],
    [
      'a note on the changed schema',
      { head: (d) => void Object.assign(status(d), { 'x-breaking-change': 'Nobody archives.' }) },
      ['Nobody archives.', 'Nobody archives.'],
    ],
    [
      'a note with its rule on the component above it',
      {
        head: (d) =>
          void Object.assign(topic(d), {
            'x-breaking-change': { rule: 'response-enum-value-removed', reason: 'Archive is gone.' },
          }),
      },
      ['Archive is gone.', 'Archive is gone.'],
    ],
    [
      'a note for another rule',
      {
        head: (d) =>
          void Object.assign(topic(d), { 'x-breaking-change': { rule: 'type-changed', reason: 'No.' } }),
      },
      [undefined, undefined],
    ],
    [
      'a note the base already had at the same place',
      {
        base: (d) => void Object.assign(status(d), { 'x-breaking-change': 'Old.' }),
        head: (d) => void Object.assign(status(d), { 'x-breaking-change': 'Old.' }),
      },
      [undefined, undefined],
    ],
    [
      'a list entry naming one operation of the two',
      {
        head: (d) =>
          void Object.assign(d, {
            'x-breaking-changes': [
              { rule: 'response-enum-value-removed', subject: 'GET /topics', reason: 'Listed.' },
            ],
          }),
      },
      ['Listed.', undefined],
    ],
  ])('%s', (_, edit, expected) => {
    expect(reasons(edit)).toEqual(expected);
  });
});
