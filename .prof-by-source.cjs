// temp analysis tool (not committed): self time per original package/source file via source maps
const fs = require('fs'); const path = require('path');
const { SourceMapConsumer } = require('source-map-js');
const dir = process.argv[2]; const depth = process.argv[3] ?? 'pkg';
const f = fs.readdirSync(dir).find((n) => n.endsWith('.cpuprofile'));
const p = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const maps = new Map();
function consumer(url) { if (!maps.has(url)) { let c = null; try { const file = new URL(url).pathname; if (fs.existsSync(file + '.map')) c = new SourceMapConsumer(JSON.parse(fs.readFileSync(file + '.map', 'utf8'))); } catch {} maps.set(url, c); } return maps.get(url); }
const out = new Map();
for (const n of p.nodes) {
  const t = (dt.get(n.id) ?? 0) / 1000; if (!t) continue;
  const { url, lineNumber, columnNumber, functionName } = n.callFrame;
  let key = url || `(${functionName})`;
  const c = url && consumer(url);
  if (c) { const pos = c.originalPositionFor({ line: lineNumber + 1, column: columnNumber }); key = pos.source ?? key; }
  key = key.replace(/^.*node_modules\//, 'nm:');
  if (depth === 'pkg') key = key.replace(/^(nm:(@[^/]+\/)?[^/]+).*/, '$1').replace(/^(?:\.\.\/)*(gateway|shared)\/.*/, '$1');
  key = key.replace(/^node:internal.*/, 'node:internal');
  out.set(key, (out.get(key) ?? 0) + t);
}
const total = [...out.values()].reduce((a, b) => a + b, 0);
console.log('total', total.toFixed(0));
for (const [k, v] of [...out].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4] ?? 35))) console.log(v.toFixed(1).padStart(8), k);
