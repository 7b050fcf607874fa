// A dashboard polling the gateway, as a process of its own (bench/status-under-load.ts starts it): its timings are
// not held up by the bench's check-in loop, nor by the bench process's own garbage collection (it built a 1M-event
// queue and a gateway in process), as a real dashboard's would not be.
// argv[2]: JSON { url, routes, everyMs, count }; prints { [route]: number[] } (ms per poll, in order) as one JSON line.
import { Client } from 'undici';

const { url, routes, everyMs, count } = JSON.parse(process.argv[2]);
const connection = new Client(url);
const timings = Object.fromEntries(routes.map((route) => [route, []]));
const get = async (route) => {
  const start = performance.now();
  const answer = await connection.request({ method: 'GET', path: route });
  await answer.body.dump();
  if (answer.statusCode !== 200) throw new Error(`${route} answered ${answer.statusCode}`);
  timings[route].push(performance.now() - start);
};
// A dashboard's connection is open before it polls: the first request, which opens it, is not counted.
await (await connection.request({ method: 'GET', path: routes[0] })).body.dump();
// Polls at a steady rate, never two at once on the one connection (a slow answer delays the next poll, as it would).
let next = performance.now();
for (let i = 0; i < count; i++) {
  next += everyMs;
  await get(routes[i % routes.length]);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
}
await connection.close();
process.stdout.write(`${JSON.stringify(timings)}\n`);
