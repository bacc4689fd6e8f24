import type { Party } from './party.ts';

export interface RuleDefinition {
  /** One line for the README and the changelog's legend. */
  what: string;
  /** Who the change breaks; empty when it is compatible. */
  breaks: readonly Party[];
}

const C = ['client'] as const;
const S = ['server'] as const;
const CS = ['client', 'server'] as const;
const NONE = [] as const;

/**
 * Every rule of the breaking-change check, defined once: the comparers emit these names, the
 * README's table lists them, and each has a fixture pair under fixtures/<name>/ (a test checks).
 *
 * Direction decides who breaks. A request is produced by the client and consumed by the server; a
 * response or event the other way round. Narrowing what a message may hold breaks its producer
 * (what it sends today may be refused); widening it breaks its consumer (it may receive what it
 * does not handle). Hence each schema rule exists once per direction.
 */
export const RULES = {
  'operation-removed': { what: 'An operation (method and path) is gone', breaks: C },
  'operation-added': { what: 'A new operation', breaks: NONE },
  'operation-deprecated': { what: 'An operation is marked deprecated (a notice, not a break)', breaks: NONE },
  'parameter-removed': { what: 'A path, query or header parameter is gone', breaks: C },
  'required-parameter-added': { what: 'A new required parameter', breaks: C },
  'optional-parameter-added': { what: 'A new optional parameter', breaks: NONE },
  'parameter-became-required': { what: 'An optional parameter is now required', breaks: C },
  'parameter-became-optional': { what: 'A required parameter is now optional', breaks: S },
  'parameter-style-changed': {
    what: 'A parameter is serialised another way (style or explode)',
    breaks: CS,
  },
  'request-body-became-required': { what: 'The request body is now required', breaks: C },
  'request-body-became-optional': { what: 'Servers must accept a request without a body', breaks: S },
  'request-media-type-removed': { what: 'A request content type is no longer accepted', breaks: C },
  'request-media-type-added': { what: 'A new request content type must be accepted', breaks: S },
  'response-media-type-removed': { what: 'A response content type is gone', breaks: S },
  'response-media-type-added': { what: 'A response may come in a new content type', breaks: C },
  'response-status-removed': { what: 'A response status is gone', breaks: S },
  'response-status-added': { what: 'A new response status clients must handle', breaks: C },
  'response-header-removed': { what: 'A response header is gone', breaks: C },
  'response-required-header-added': { what: 'A response must carry a new header', breaks: S },
  'response-header-became-required': { what: 'A response must always carry a header', breaks: S },
  'response-header-became-optional': { what: 'A response header clients rely on may be absent', breaks: C },
  'request-property-removed': { what: 'A request field is gone', breaks: C },
  'request-required-property-added': { what: 'A new required request field', breaks: C },
  'request-optional-property-added': { what: 'A new optional request field', breaks: NONE },
  'request-property-became-required': { what: 'An optional request field is now required', breaks: C },
  'request-property-became-optional': { what: 'A required request field is now optional', breaks: S },
  'response-property-removed': { what: 'A response or event field is gone', breaks: C },
  'response-required-property-added': { what: 'A response or event must carry a new field', breaks: S },
  'response-optional-property-added': { what: 'A new optional response or event field', breaks: NONE },
  'response-property-became-required': { what: 'An optional response field is now required', breaks: S },
  'response-property-became-optional': { what: 'A response field clients rely on may be absent', breaks: C },
  'request-property-became-read-only': {
    what: 'A request field is now readOnly: servers may refuse or ignore it',
    breaks: C,
  },
  'request-property-became-writable': { what: 'A readOnly field may now be sent in requests', breaks: NONE },
  'response-property-became-write-only': {
    what: 'A response field is now writeOnly: servers leave it out',
    breaks: C,
  },
  'response-property-became-readable': { what: 'A writeOnly field may now come in responses', breaks: NONE },
  'request-enum-value-removed': { what: 'A value clients may send is refused', breaks: C },
  'request-enum-value-added': { what: 'Servers must accept a new value', breaks: S },
  'response-enum-value-removed': { what: 'A value servers send today is no longer allowed', breaks: S },
  'response-enum-value-added': { what: 'Clients may receive a value they do not know', breaks: C },
  'type-changed': { what: 'A schema type changed to an unrelated one', breaks: CS },
  'discriminator-changed': {
    what: 'A oneOf/anyOf branch is picked by another property (or a discriminator added or dropped)',
    breaks: CS,
  },
  'format-or-pattern-changed': { what: 'A format or pattern changed to another one', breaks: CS },
  'request-default-changed': { what: 'A request value left out now means something else', breaks: C },
  'request-constraint-tightened': { what: 'A request value is bounded more strictly', breaks: C },
  'request-constraint-loosened': { what: 'Servers must accept a wider request value', breaks: S },
  'response-constraint-tightened': { what: 'A response value is bounded more strictly', breaks: S },
  'response-constraint-loosened': { what: 'Clients may receive a wider value', breaks: C },
  'security-added': { what: 'A public operation now needs a credential', breaks: C },
  'security-removed': { what: 'A protected operation is now public', breaks: S },
  'security-changed': { what: 'An operation needs another credential', breaks: C },
  'cors-tightened': { what: 'x-cors allows fewer origins, methods or headers', breaks: C },
  'cors-loosened': { what: 'x-cors allows more origins, methods or headers', breaks: S },
  'rate-limit-tightened': { what: 'An operation allows fewer requests per second', breaks: C },
  'rate-limit-loosened': { what: 'An operation must allow more requests per second', breaks: S },
  'upload-limit-tightened': { what: 'Smaller x-max-file-size or fewer accepted file types', breaks: C },
  'upload-limit-loosened': { what: 'Larger x-max-file-size or more accepted file types', breaks: S },
  'emits-event-removed': { what: 'An operation no longer emits an event (x-emits)', breaks: C },
  'emits-event-added': { what: 'An operation must emit a new event (x-emits)', breaks: S },
  'cross-field-rule-tightened': {
    what: 'x-constraints refuses requests it accepted (a rule added, or atMostOne over more fields)',
    breaks: C,
  },
  'cross-field-rule-loosened': {
    what: 'x-constraints accepts requests it refused (a rule removed, or atMostOne over fewer fields)',
    breaks: S,
  },
  'cross-field-rule-changed': {
    what: 'An x-constraints rule judges requests another way (before reversed, exists in another collection)',
    breaks: CS,
  },
  'auth-rules-changed': { what: 'The token rules of x-auth changed', breaks: CS },
  'event-removed': { what: 'An AsyncAPI message is gone', breaks: C },
  'event-added': { what: 'A new AsyncAPI message', breaks: NONE },
} as const satisfies Record<string, RuleDefinition>;

export type RuleName = keyof typeof RULES;

export const RULE_NAMES = Object.keys(RULES) as RuleName[];
