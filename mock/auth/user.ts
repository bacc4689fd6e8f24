/**
 * Who a token stands for, in the engine's own terms: the demo user a profile names (or a generic
 * one), as the auth operations answer it. A contract's own user schema may say more; the profile
 * that serves it answers with its own type.
 */
export interface MockUser {
  id: string;
  email: string;
  name: string;
  role: string;
}
