// A dashboard polling the gateway, as a process of its own (bench/status-under-load.ts forks it): its timings are
// not held up by the bench's check-in loop, nor by the bench process's own garbage collection (it built a 1M-event
// queue and a gateway in process), as a real dashboard's would not be.
// argv[2]: the gateway's URL. Asked over IPC:
//   { warm: { routes, count } }            → { warmed: true }
//   { poll: { routes, everyMs, count } }   → { timings: { [route]: number[] } } (ms per poll, in order)
// One process serves every phase: a dashboard that has been polling runs its HTTP client's code optimized (measured:
// a fresh poller's own first few hundred requests, run before V8 optimizes undici, held most of a phase's slow
// answers, p99 5.9 ms against 3.7 ms once warm), and that cost is the poller's, not the gateway's.
import { Client } from 'undici';

const connection = new Client(process.argv[2]);

async function get(route) {
  const answer = await connection.request({ method: 'GET', path: route });
  await answer.body.dump();
  if (answer.statusCode !== 200) throw new Error(`${route} answered ${answer.statusCode}`);
}

async function warm({ routes, count }) {
  for (let i = 0; i < count; i++) await get(routes[i % routes.length]);
  return { warmed: true };
}

/** Polls `routes` in turn at a steady rate, never two at once on the one connection (a slow answer delays the next). */
async function poll({ routes, everyMs, count }) {
  const timings = Object.fromEntries(routes.map((route) => [route, []]));
  let next = performance.now();
  for (let i = 0; i < count; i++) {
    next += everyMs;
    const route = routes[i % routes.length];
    const start = performance.now();
    await get(route);
    timings[route].push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  return { timings };
}

process.on('message', (ask) => {
  const work = ask.warm ? warm(ask.warm) : poll(ask.poll);
  work.then(
    (answer) => process.send(answer),
    (error) => process.send({ error: String(error) }),
  );
});
process.on('disconnect', () => void connection.close());
