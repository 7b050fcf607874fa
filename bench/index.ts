/** `npm run bench`: runs every benchmark in turn. Figures only; tests check correctness. */
await import('./startup.js');
await import('./checkin-latency.js');
await import('./door-latency.js');
await import('./status-under-load.js');
await import('./uplink-drain.js');
await import('./uplink-tier.js');
await import('./equipment-ingest.js');
await import('./adverts.js');
await import('./floor-50.js');
await import('./floor-brokers.js');
await import('./floor-screen.js');
await import('./fanout.js');
await import('./webhooks-fanout.js');
await import('./render-cost.js');
await import('./class-render-cost.js');
await import('./entrance-latency.js');
export {};
