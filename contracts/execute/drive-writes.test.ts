import { describe, expect, it } from 'vitest';
import { touchesCredentials } from './drive-writes.ts';

// The writes driver sends a valid request to every write nothing answered 2xx yet, except those on
// credentials: a valid logout or password change would end the run's own session.
describe('touchesCredentials', () => {
  it.each([
    ['/auth/logout', 'logout', true],
    ['/auth/refresh', 'refreshToken', true],
    ['/v1/oauth2/token', 'issueToken', true],
    ['/users/{id}/password', 'changePassword', true],
    ['/session/sign-out', 'endSession', true],
    ['/api/sessions/{session}', 'deleteApiSessionsBySession', false],
    ['/silence/{silenceID}', 'deleteSilence', false],
    ['/deployments/{id}/cancel', 'cancelDeployment', false],
  ])('%s (%s): %s', (path, operationId, want) => {
    expect(touchesCredentials({ path, operationId })).toBe(want);
  });
});
