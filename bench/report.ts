/** Prints benchmark figures with their targets and the ratio to the target. */
export type Figure = [name: string, value: number, unit: string, goal?: { target: number; better: 'lower' | 'higher' }];

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export function report(title: string, figures: Figure[]): boolean {
  console.log(`\n== ${title}`);
  let allMet = true;
  for (const [name, value, unit, goal] of figures) {
    const shown = Number.isInteger(value) ? String(value) : value.toFixed(3);
    let line = `  ${name.padEnd(28)} ${shown.padStart(12)} ${unit}`;
    if (goal) {
      const met = goal.better === 'lower' ? value <= goal.target : value >= goal.target;
      allMet &&= met;
      const ratio = goal.better === 'lower' ? goal.target / value : value / goal.target;
      const shownRatio = Number.isFinite(ratio) && goal.target !== 0 ? ` (${ratio.toFixed(2)}× target)` : '';
      line += `   target ${goal.better === 'lower' ? '≤' : '≥'} ${goal.target} ${unit}${shownRatio} ${met ? 'MET' : 'MISSED'}`;
    }
    console.log(line);
  }
  return allMet;
}
