/** `npm run bench`: runs every benchmark in turn. Figures only; tests check correctness. */
await import('./startup.js');
await import('./checkin-latency.js');
await import('./status-under-load.js');
await import('./uplink-drain.js');
await import('./uplink-tier.js');
await import('./equipment-ingest.js');
await import('./floor-50.js');
await import('./fanout.js');
await import('./webhooks-fanout.js');
await import('./render-cost.js');
export {};
