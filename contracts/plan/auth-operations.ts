/**
 * The operations of the runner's auth convention, by their role: the ids a contract with `x-auth`
 * gives its health probe, login, refresh, logout and current user. The runner finds them by these
 * ids (docs/runner.md, "Any spec"); this is their one home, so that the generic runner names no
 * other operation of any contract, and tests/engine/engine-names-nothing.test.ts allows these here
 * and nowhere else in contracts/.
 */
export const AUTH_OPERATIONS = {
  health: 'getHealth',
  login: 'login',
  refresh: 'refreshToken',
  logout: 'logout',
  currentUser: 'getCurrentUser',
} as const;
