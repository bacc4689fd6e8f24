import type { Handler } from './reply.ts';

export const getHealth: Handler = () => ({ status: 200, body: { status: 'ok' } });
