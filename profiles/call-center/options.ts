import { integer, number } from '../../mock/option-parsers.ts';
import type { OptionValues } from '../../mock/option-table.ts';

/**
 * The call center's own options, declared as the engine declares its own: `npm start -- --help`,
 * the environment and docs/mock.md's table show them after the engine's, and a bad value is refused
 * in the same words. Only this profile reads them.
 */
export const CALL_CENTER_OPTIONS = [
  {
    key: 'calls',
    flag: '--calls',
    env: 'MOCK_CALLS',
    default: 5000,
    valueName: 'n',
    help: 'How many calls to seed, spread over the year before the seed day.',
    parse: integer('MOCK_CALLS', 0, 5_000_000),
  },
  {
    key: 'callSpeed',
    flag: '--call-speed',
    env: 'MOCK_CALL_SPEED',
    default: 1,
    valueName: 'x',
    help: 'Speed of the simulated call clock (10 makes calls progress ten times faster).',
    parse: number('MOCK_CALL_SPEED', 0.01, 10_000),
  },
] as const;

/** `{ calls: number; callSpeed: number }`: the values of the call center's options. */
export type CallCenterOptions = OptionValues<typeof CALL_CENTER_OPTIONS>;
