import { describe, expect, it } from 'vitest';
import type { Verdict } from './classify.ts';
import { renderMarkdown } from './render-markdown.ts';
import type { Change, ContractVersion } from './types.ts';

const version = (label: string): ContractVersion => ({ label, files: {} });
const change = (subject: string, rule: Change['rule'], breaks: Change['breaks']): Change => ({
  rule,
  breaks,
  subject,
  message: `${subject} changed`,
  before: 'openapi.yaml#/paths/~1topics',
});

describe('renderMarkdown', () => {
  const changes = [
    change('POST /topics', 'request-property-removed', ['client']),
    change('GET /topics', 'response-optional-property-added', []),
    change('POST /topics', 'response-required-property-added', ['server']),
  ];
  const verdict: Verdict = {
    changes,
    failing: [changes[0] as Change],
    warnings: ['x-breaking-changes: odd'],
  };

  it('groups by subject in first-seen order, says who breaks and which lines fail', () => {
    const text = renderMarkdown(verdict, version('main'), version('the working copy'));
    expect(text).toContain(
      '3 changes: 1 breaking for clients, 1 breaking for servers, 1 compatible; 0 acknowledged. **1 fail the check.**',
    );
    expect(text.indexOf('### POST /topics')).toBeLessThan(text.indexOf('### GET /topics'));
    expect(text.match(/### POST \/topics/g)).toHaveLength(1);
    expect(text).toContain(
      '- **breaks clients** `request-property-removed`: POST /topics changed (fails the check)',
    );
    expect(text).toContain('- compatible `response-optional-property-added`');
    expect(text).toContain('> Warning: x-breaking-changes: odd');
  });

  it('stops at whole groups below the limit and says how many it left out', () => {
    const text = renderMarkdown(verdict, version('main'), version('head'), 500);
    expect(text).toContain('### POST /topics');
    expect(text).not.toContain('### GET /topics');
    expect(text).toContain('... and 1 more changes');
  });
});
