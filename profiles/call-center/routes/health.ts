import type { Handler } from '../../../mock/routes/reply.ts';

export const getHealth: Handler = () => ({ status: 200, body: { status: 'ok' } });
