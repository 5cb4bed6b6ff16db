// Derives enrichment's compact sky files from npm d3-celestial 0.7.35 (BSD-3-Clause; its Chinese sky
// derives from Stellarium's sky culture, CC BY-SA 4.0). Run once after `npm install` in this directory:
//   node derive.mjs [../../src/main/resources/knowledge/sky]
// The output is committed (docs/knowledge.md): the service needs neither Node nor the package at run time.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const source = process.env.D3_CELESTIAL_DATA ?? 'node_modules/d3-celestial/data';
const target = process.argv[2] ?? '../../src/main/resources/knowledge/sky';
const read = (name) => JSON.parse(readFileSync(join(source, name), 'utf8'));
const round = (x, digits) => Number(x.toFixed(digits));
const ra = (lon) => round(lon < 0 ? lon + 360 : lon, 4);   // GeoJSON longitude -180..180 -> RA 0..360°

const stars = read('stars.6.json').features;
const names = read('starnames.json');
const chineseNames = read('starnames.cn.json');

// Line vertices carry coordinates only: match each to the catalogue star at the same place.
const byPlace = new Map();
for (const s of stars) byPlace.set(key(s.geometry.coordinates), s);
function key([lon, dec]) { return `${Math.round(ra(lon) * 100)}:${Math.round(dec * 100)}`; }
function nearest([lon, dec]) {
  const exact = byPlace.get(key([lon, dec]));
  if (exact) return exact;
  let best = null, bestD = Infinity;
  for (const s of stars) {
    const [l, d] = s.geometry.coordinates;
    let dl = Math.abs(ra(l) - ra(lon)); if (dl > 180) dl = 360 - dl;
    const dist = Math.hypot(dl * Math.cos(dec * Math.PI / 180), d - dec);
    if (dist < bestD) { bestD = dist; best = s; }
  }
  return bestD < 0.05 ? best : null;
}

function starOf(hip, lon, dec, s) {
  const n = names[hip] ?? {};
  const cn = chineseNames[hip] ?? {};
  const out = { hip: Number(hip) || 0, ra: ra(lon), dec: round(dec, 4) };
  if (s) { out.mag = s.properties.mag; out.bv = s.properties.bv === '' ? null : Number(s.properties.bv); }
  if (n.name) out.name = n.name;
  if (n.desig && n.c) out.bayer = `${n.desig} ${n.c}`;
  const zh = n.zh || cn.name; if (zh) out.zh = zh;
  if (cn.name && cn.name !== zh) out.zhAlt = cn.name;
  if (cn.pinyin) out.pinyin = cn.pinyin;
  return out;
}

/** A figure: its stars (each once) and its lines as pairs of indices into them. */
function figure(lines) {
  const list = [], index = new Map(), segments = [];
  for (const polyline of lines) {
    let previous = -1;
    for (const [lon, dec] of polyline) {
      const s = nearest([lon, dec]);
      const id = s ? `hip${s.id}` : key([lon, dec]);
      if (!index.has(id)) { index.set(id, list.length); list.push(starOf(s ? s.id : 0, lon, dec, s)); }
      const at = index.get(id);
      if (previous >= 0 && previous !== at) segments.push([previous, at]);
      previous = at;
    }
  }
  return { stars: list, lines: segments };
}

// --- 88 IAU constellations (Serpens comes as two features, head and tail, under one id: merged)
const lines = new Map();
for (const f of read('constellations.lines.json').features) lines.set(f.id, [...(lines.get(f.id) ?? []), ...f.geometry.coordinates]);
const seen = new Set();
const constellations = read('constellations.json').features
  .filter((f) => lines.has(f.id) && !seen.has(f.id) && seen.add(f.id))
  .map((f) => ({ iau: f.id, la: f.properties.la ?? f.properties.name, en: f.properties.en ?? f.properties.name,
    zh: f.properties.zh, genitive: f.properties.gen, ...figure(lines.get(f.id)) }));

// --- the Chinese sky: 312 asterisms; the 28 mansions and the Three Enclosures marked
const MANSIONS = ['角宿','亢宿','氐宿','房宿','心宿','尾宿','箕宿','斗宿','牛宿','女宿','虚宿','危宿','室宿','壁宿',
  '奎宿','娄宿','胃宿','昴宿','毕宿','觜宿','参宿','井宿','鬼宿','柳宿','星宿','张宿','翼宿','轸宿'];
const ENCLOSURES = { '紫微左垣': 'purple-forbidden', '紫微右垣': 'purple-forbidden', '太微左垣': 'supreme-palace',
  '太微右垣': 'supreme-palace', '天市左垣': 'heavenly-market', '天市右垣': 'heavenly-market' };
const cnLines = new Map(read('constellations.lines.cn.json').features.map((f) => [f.id, f.geometry.coordinates]));
const asterisms = read('constellations.cn.json').features.filter((f) => cnLines.has(f.id)).map((f) => ({
  id: f.id, zh: f.properties.name, en: f.properties.en, pinyin: f.properties.pinyin,
  group: MANSIONS.includes(f.properties.name) ? 'mansion' : (ENCLOSURES[f.properties.name] ? 'enclosure' : 'asterism'),
  ...(ENCLOSURES[f.properties.name] ? { enclosure: ENCLOSURES[f.properties.name] } : {}),
  ...(MANSIONS.includes(f.properties.name) ? { mansion: MANSIONS.indexOf(f.properties.name) + 1 } : {}),
  ...figure(cnLines.get(f.id)) }));

// --- named stars (a proper or Chinese name, magnitude ≤ 4.5) for recognition of single stars
const named = stars.filter((s) => s.properties.mag <= 4.5 && (names[s.id]?.name || names[s.id]?.zh || chineseNames[s.id]?.name))
  .map((s) => ({ ...starOf(s.id, ...s.geometry.coordinates, s), iau: names[s.id]?.c ?? '' }));

// --- the Milky Way's outer outline (level 1), every 8th vertex, 0.1° precision
const mw = read('mw.json').features.find((f) => f.id === 'ol1').geometry.coordinates
  .flatMap((polygon) => polygon.map((ring) => ring.filter((_, i) => i % 8 === 0).map(([lon, dec]) => [round(ra(lon), 1), round(dec, 1)])))
  .filter((ring) => ring.length >= 3);

mkdirSync(target, { recursive: true });
const write = (name, data) => writeFileSync(join(target, name), JSON.stringify(data) + '\n');
const meta = { source: 'npm d3-celestial 0.7.35 (data/), https://github.com/ofrohn/d3-celestial',
  licence: 'BSD-3-Clause, Copyright (c) 2015 Olaf Frohn; Chinese sky: Stellarium sky culture "chinese", CC BY-SA 4.0',
  generator: 'services/enrichment/tools/sky-data/derive.mjs' };
write('constellations.json', { ...meta, constellations });
write('chinese-sky.json', { ...meta, asterisms });
write('stars.json', { ...meta, stars: named });
write('milky-way.json', { ...meta, rings: mw });
console.log(`constellations ${constellations.length}, asterisms ${asterisms.length}, named stars ${named.length}, milky-way rings ${mw.length}`);
