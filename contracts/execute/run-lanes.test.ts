import { describe, expect, it } from 'vitest';
import { runInLanes } from './run-lanes.ts';

type C = { name: string; awaitsRealWorld?: boolean };

/** A promise and the function that settles it, so that the test decides when a check ends. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((done) => {
    open = done;
  });
  return { open, opened };
}

describe('runInLanes', () => {
  it('runs the other checks, in plan order, while a waiting check waits', async () => {
    const log: string[] = [];
    const call = gate();
    const checks: C[] = [
      { name: 'a' },
      { name: 'waits', awaitsRealWorld: true },
      { name: 'b' },
      { name: 'after-wait', awaitsRealWorld: true },
      { name: 'c' },
    ];
    const done = runInLanes(checks, async (c) => {
      log.push(`start ${c.name}`);
      // The waiting check ends only once every other check has run: without lanes, this never settles.
      if (c.name === 'waits') await call.opened;
      if (c.name === 'c') call.open();
      log.push(`end ${c.name}`);
    });
    await done;
    expect(log.filter((l) => l.startsWith('end'))).toEqual([
      'end a',
      'end b',
      'end c',
      'end waits',
      'end after-wait',
    ]);
  });

  it('settles only after both lanes, and then says what failed', async () => {
    const log: string[] = [];
    const slow = gate();
    const done = runInLanes<C>([{ name: 'breaks', awaitsRealWorld: true }, { name: 'slow' }], async (c) => {
      if (c.name === 'breaks') {
        setTimeout(slow.open, 0);
        throw new Error('a bug in breaks');
      }
      await slow.opened;
      log.push('slow ended');
    });
    await expect(done).rejects.toThrow('a bug in breaks');
    expect(log).toEqual(['slow ended']);
  });
});
