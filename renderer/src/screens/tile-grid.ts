import { useLayoutEffect, useRef, useState } from 'react';

/** The gap between tiles, in the grid's own style. */
export const GAP_PX = 10;

/** Columns × rows for n tiles in an area, keeping tiles about 1.5 : 1 and as large as possible. */
export function gridFor(n: number, width: number, height: number): { cols: number; rows: number } {
  let best = { cols: 1, rows: Math.max(1, n), size: 0 };
  for (let cols = 1; cols <= Math.max(1, n); cols++) {
    const rows = Math.ceil(n / cols);
    const w = (width - (cols - 1) * GAP_PX) / cols;
    const h = (height - (rows - 1) * GAP_PX) / rows;
    const size = Math.min(w, h * 1.5);
    if (size > best.size) best = { cols, rows, size };
  }
  return best;
}

/** The size of the box the tiles fill (`area` goes on it), followed as the window or layout changes. */
export function useAreaSize() {
  const area = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 1600, height: 800 });
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { area, size };
}
