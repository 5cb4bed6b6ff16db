// Renders a handful of 224x224 test images, classifies each with the reference implementation (nsfwjs 4.4.0's
// bundled MobileNetV2 on @tensorflow/tfjs, pure JS) and writes the images plus their five probabilities, the
// golden file NsfwjsParityTest compares the JVM classifier with.
//   cd services/moderation/src/test/nsfwjs-reference && npm install && node generate.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import * as nsfwjs from "nsfwjs";
import { PNG } from "pngjs";

const SIZE = 224;
const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, "../resources/nsfwjs-parity");

// Deterministic pseudo-random numbers (mulberry32), so the images are the same on every run.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v) => Math.max(0, Math.min(255, Math.round(v)));

// Each painter answers the RGB of pixel (x, y).
const painters = {
  "night-sky": () => {
    const r = random(7);
    const stars = Array.from({ length: 90 }, () => [r() * SIZE, r() * SIZE, 0.6 + r() * 1.8]);
    return (x, y) => {
      let v = 0;
      for (const [sx, sy, s] of stars) v += 255 * Math.exp(-((x - sx) ** 2 + (y - sy) ** 2) / (s * s));
      return [clamp(8 + v), clamp(12 + y / 10 + v), clamp(40 + y / 5 + v)];
    };
  },
  "line-art": () => (x, y) => {
    const ring = Math.abs(Math.hypot(x - 112, y - 112) - 70) < 2 || Math.abs(x - y) < 1.5 || Math.abs(x + y - 224) < 1.5;
    return ring ? [20, 20, 20] : [245, 240, 228];
  },
  "ink-wash": () => (x, y) => {
    const v = 230 - 140 * Math.exp(-((x - 80) ** 2) / 900 - ((y - 150) ** 2) / 4000) - 60 * Math.sin(x / 17) * Math.cos(y / 23);
    return [clamp(v), clamp(v), clamp(v - 6)];
  },
  "skin-tones": () => (x, y) => {
    const d = Math.hypot((x - 112) / 1.4, y - 120) / 90;
    const shade = d < 1 ? 1 - 0.35 * d * d : 0.3;
    return [clamp(224 * shade), clamp(172 * shade), clamp(140 * shade)];
  },
  "gradient": () => (x, y) => [clamp(x * 1.1), clamp(y * 1.1), clamp(255 - (x + y) / 2)],
  "block-noise": () => {
    const r = random(42);
    const blocks = Array.from({ length: 28 * 28 }, () => [r() * 255, r() * 255, r() * 255]);
    return (x, y) => blocks[Math.floor(y / 8) * 28 + Math.floor(x / 8)].map(clamp);
  },
};

tf.setBackend("cpu");
await tf.ready();
// The bundled MobileNetV2 (nsfwjs' default model), loaded from the package, no network.
const model = await nsfwjs.load("MobileNetV2");
fs.mkdirSync(out, { recursive: true });
const golden = { generator: "nsfwjs 4.4.0 MobileNetV2 on @tensorflow/tfjs " + tf.version.tfjs + " (cpu backend)",
  classes: ["Drawing", "Hentai", "Neutral", "Porn", "Sexy"], images: {} };
for (const [name, painter] of Object.entries(painters)) {
  const paint = painter();
  const png = new PNG({ width: SIZE, height: SIZE });
  const rgb = new Int32Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b] = paint(x, y);
      const i = y * SIZE + x;
      png.data.set([r, g, b, 255], i * 4);
      rgb.set([r, g, b], i * 3);
    }
  }
  fs.writeFileSync(path.join(out, name + ".png"), PNG.sync.write(png, { colorType: 2 }));
  // What nsfwjs.classify does: ints to floats / 255, a 224x224 image needs no resize, then predict.
  const probabilities = await model.infer(tf.tensor3d(rgb, [SIZE, SIZE, 3], "int32")).data();
  golden.images[name + ".png"] = Array.from(probabilities);
}
fs.writeFileSync(path.join(out, "golden.json"), JSON.stringify(golden, null, 2) + "\n");
console.log(JSON.stringify(golden.images));
