// Draws the app icon and the .marginalia file icon from one geometric source (below) into resources/icons: the PNG set, .icns and .ico.
// PNG, ICO (PNG entries) and ICNS (PNG entries) are small container formats, written here with node:zlib alone.
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');
const INK = [31, 41, 55];
const PAPER = [250, 248, 242];
const MARGIN = [217, 119, 6]; // the margin's highlight colour
const LINE = [156, 163, 175];

const inRoundedRect = (x, y, [x0, y0, x1, y1], r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

/** The source: the colour at (x, y) in the unit square, or null for transparent. `file` draws the document icon. */
function shade(x, y, file) {
  if (file) {
    // A page with a folded corner.
    if (x < 0.16 || x > 0.84 || y < 0.06 || y > 0.94) return null;
    if (x + (0.94 - y) > 0.84 + 0.88 - 0.22 && y < 0.28) return x - 0.62 < 0.28 - y ? LINE : null;
  } else if (!inRoundedRect(x, y, [0.04, 0.04, 0.96, 0.96], 0.2)) return null;
  const [left, right] = file ? [0.24, 0.76] : [0.2, 0.8];
  if (!file && (x < 0.1 || x > 0.9 || y < 0.1 || y > 0.9)) return INK;
  if (x >= left && x <= left + 0.07 && y >= 0.3 && y <= 0.72) return MARGIN; // the mark in the margin
  for (const [row, highlighted] of [[0.3, false], [0.42, true], [0.54, true], [0.66, false]]) {
    if (y >= row && y <= row + 0.06 && x >= left + 0.13 && x <= right) return highlighted ? MARGIN.map((c, i) => Math.round((c + PAPER[i] * 2) / 3)) : LINE;
  }
  return PAPER;
}

function render(size, file) {
  const samples = size >= 256 ? 2 : 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, file);
          if (!colour) continue;
          for (let c = 0; c < 3; c++) sum[c] += colour[c];
          sum[3] += 1;
        }
      }
      const o = (py * size + px) * 4;
      const n = sum[3];
      if (n > 0) for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(sum[c] / n);
      rgba[o + 3] = Math.round((255 * n) / samples ** 2);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(([size, data], i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...pngs.map(([, data]) => data)]);
}
const ICNS_TYPES = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
function icns(pngs) {
  const entries = pngs.map(([size, data]) => {
    const head = Buffer.alloc(8);
    head.write(ICNS_TYPES[size], 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
for (const [name, file] of [['icon', false], ['project', true]]) {
  const pngs = SIZES.map((size) => [size, png(size, render(size, file))]);
  const dir = join(OUT, name === 'icon' ? 'png' : `${name}-png`);
  mkdirSync(dir, { recursive: true });
  for (const [size, data] of pngs) writeFileSync(join(dir, `${size}x${size}.png`), data);
  writeFileSync(join(OUT, `${name}.png`), pngs.find(([s]) => s === 1024)[1]);
  writeFileSync(join(OUT, `${name}.ico`), ico(pngs.filter(([s]) => s <= 256)));
  writeFileSync(join(OUT, `${name}.icns`), icns(pngs.filter(([s]) => ICNS_TYPES[s])));
}
process.stdout.write(`Icons written to ${OUT}\n`);
