import type { Handler } from '../../../mock/routes/handler.ts';

export const getHealth: Handler = () => ({ status: 200, body: { status: 'ok' } });
