import { useScreenConfig } from '../useScreenConfig.js';

/**
 * A small but visible "DEMO" corner mark on every screen and widget while the box runs the demo (`npm start`,
 * `floorgate start --demo`): the machines, check-ins and members shown are simulated, and a TV must not pass them off as real.
 */
export function DemoMark() {
  const demo = useScreenConfig().config?.demo ?? false;
  if (!demo) return null;
  return (
    <div className="demo-mark" data-testid="demo-mark" title="Demo: simulated machines, check-ins and members" aria-label="Demo data">
      DEMO
    </div>
  );
}
