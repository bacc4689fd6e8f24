// Loaded into the mock by the bench's scale step (`node --import heap-probe.mjs dist/mock.mjs`),
// and nothing else: on SIGUSR2 it writes the heap as it is, then the heap after a full collection
// (the live size), as one line on stderr. The collector is reached through V8's flags at that
// moment, so the process runs as `npm start` runs it until the bench asks: the mock itself never
// calls the collector, and the probe only measures how far the heap has drifted from what is live.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

process.on('SIGUSR2', () => {
  const before = getHeapStatistics();
  const rss = process.memoryUsage.rss();
  setFlagsFromString('--expose-gc');
  runInNewContext('gc')();
  const after = getHeapStatistics();
  const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const figures = {
    usedMb: mb(before.used_heap_size),
    totalMb: mb(before.total_heap_size),
    rssMb: mb(rss),
    liveMb: mb(after.used_heap_size),
  };
  process.stderr.write(`heap-probe ${JSON.stringify(figures)}\n`);
});
