// A dashboard polling the gateway, on its own thread (bench/status-under-load.ts starts it as a worker): its timings
// are not held up by the bench's check-in loop on the main thread, as a real dashboard's would not be.
// workerData: { url, routes, everyMs, count }; posts back { [route]: number[] } (ms per poll, in order).
import { parentPort, workerData } from 'node:worker_threads';
import { Client } from 'undici';

const { url, routes, everyMs, count } = workerData;
const connection = new Client(url);
const timings = Object.fromEntries(routes.map((route) => [route, []]));
const get = async (route) => {
  const start = performance.now();
  const answer = await connection.request({ method: 'GET', path: route });
  await answer.body.dump();
  if (answer.statusCode !== 200) throw new Error(`${route} answered ${answer.statusCode}`);
  timings[route].push(performance.now() - start);
};
// Polls at a steady rate, never two at once on the one connection (a slow answer delays the next poll, as it would).
let next = performance.now();
for (let i = 0; i < count; i++) {
  next += everyMs;
  await get(routes[i % routes.length]);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
}
await connection.close();
parentPort.postMessage(timings);
