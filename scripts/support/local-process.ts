import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';

/** A free TCP port on loopback, found by letting the OS pick one. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The path of an installed package's command, so that tests and the bench never depend on npx or PATH. */
export function bin(name: string): string {
  return resolve(ROOT_DIR, 'node_modules', '.bin', name);
}
