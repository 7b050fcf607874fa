/** What `floorgate start` tells the person at the terminal: where the screens and the console are, in words. */
export interface BannerFacts {
  version: string;
  /** http://localhost:8080 (or the address it listens on). */
  localUrl: string;
  /** One URL per LAN address; empty when the box listens on loopback only. */
  lanUrls: string[];
  dataDir: string;
  /** The file structured logs go to; null when they go to stdout as JSON. */
  logFile: string | null;
  cloudUrl: string | null;
  demo: { seed: number } | null;
  staffPinSet: boolean;
}

export function startBanner(facts: BannerFacts): string {
  const base = facts.lanUrls[0] ?? facts.localUrl;
  const row = (label: string, value: string) => `  ${label.padEnd(15)} ${value}`;
  const lines = [
    `Floorgate ${facts.version} is running at ${facts.localUrl}${facts.demo ? ' — DEMO: simulated machines, check-ins and members' : ''}`,
    '',
    row('on this box', `${facts.localUrl}/`),
    facts.lanUrls.length > 0
      ? row('on the LAN', facts.lanUrls.map((url) => `${url}/`).join('  '))
      : row('on the LAN', 'not reachable: it listens on this box only (set HOST=0.0.0.0 for TVs and tablets)'),
    '',
    row('screens', `${base}/   (every screen and widget, with links)`),
    row('  entrance', `${base}/screen/entrance`),
    row('  occupancy', `${base}/screen/occupancy`),
    row('  playlist', `${base}/screen/playlist   (leaderboard, equipment, WOD, achievements, schedule)`),
    row('staff console', `${base}/staff   ${facts.staffPinSet ? '(sign in with the staff PIN)' : '(set FLOORGATE_STAFF_PIN to sign in)'}`),
    row('status', `${base}/api/status`),
    row('LAN kiosks', 'add ?token=… to a screen URL: `floorgate token` prints it'),
    '',
    row('cloud', facts.cloudUrl ?? 'none: standalone — nothing is sent anywhere'),
    row('data', facts.dataDir),
    row('logs', facts.logFile ?? 'JSON on stdout'),
  ];
  if (facts.demo) {
    lines.push(
      row('demo', `seed ${facts.demo.seed}; demo badges 1001-1009, 1010-1029 (the crowd the simulator taps in)`),
      row('', 'a real gym: `floorgate start -c <config>` (no --demo) runs no simulator'),
    );
  }
  return `${lines.join('\n')}\n`;
}
