const fs = require('fs'); const path = require('path');
const { SourceMapConsumer } = require('source-map-js');
const dir = process.argv[2]; const pkgRe = new RegExp(process.argv[3] ?? 'nm:zod');
const f = fs.readdirSync(dir).find((n) => n.endsWith('.cpuprofile'));
const p = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
const dt = new Map(); for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const maps = new Map();
function consumer(url) { if (!maps.has(url)) { let c = null; try { const file = new URL(url).pathname; if (fs.existsSync(file + '.map')) c = new SourceMapConsumer(JSON.parse(fs.readFileSync(file + '.map', 'utf8'))); } catch {} maps.set(url, c); } return maps.get(url); }
const byId = new Map(p.nodes.map((n) => [n.id, n])); const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const src = (n) => { const { url, lineNumber, columnNumber } = n.callFrame; const c = url && consumer(url); if (!c) return url; const pos = c.originalPositionFor({ line: lineNumber + 1, column: columnNumber }); return (pos.source ?? url).replace(/^.*node_modules\//, 'nm:').replace(/^(\.\.\/)+/, '') + ':' + pos.line; };
const out = new Map();
for (const n of p.nodes) {
  const t = (dt.get(n.id) ?? 0) / 1000; if (!t) continue;
  if (!pkgRe.test(src(n))) continue;
  let id = parent.get(n.id); let who = '?';
  while (id !== undefined) { const s = src(byId.get(id)); if (s && !pkgRe.test(s) && !s.startsWith('nm:zod')) { who = s; break; } id = parent.get(id); }
  out.set(who, (out.get(who) ?? 0) + t);
}
for (const [k, v] of [...out].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(v.toFixed(1).padStart(8), k);
