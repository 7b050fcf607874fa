// Preloaded with `--import` into a gateway child (Node 20 refuses --cpu-prof in NODE_OPTIONS): profiles the whole
// process with the inspector's sampling profiler (100 µs) and writes $CPU_PROF_DIR/gateway-<pid>.cpuprofile at exit
// (open it in Chromium's DevTools, Performance panel).
import inspector from 'node:inspector';
import { writeFileSync } from 'node:fs';

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 100 });
session.post('Profiler.start');
process.on('exit', () => {
  // An in-process session answers synchronously, so this still runs before the process is gone.
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(`${process.env.CPU_PROF_DIR}/gateway-${process.pid}.cpuprofile`, JSON.stringify(result.profile));
  });
});
