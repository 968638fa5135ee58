/**
 * Draws the app icon from one geometry into both assets/icon.svg (the source
 * to edit by eye) and assets/icon.png (1024×1024, what electron-builder turns
 * into .icns / .ico / Linux sizes). No image tooling is installed where this
 * project builds, so the PNG is rasterised here: signed distances, 4×4
 * samples per pixel, and a hand-written PNG encoder over node:zlib.
 *
 * Run: npx tsx assets/render-icon.ts
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const C = SIZE / 2;
const BACKGROUND = { inset: 64, radius: 192, top: [0x2e, 0x7d, 0x5b], bottom: [0x1b, 0x4d, 0x38] } as const;
const FRAME = { inset: 184, radius: 64, stroke: 28 } as const;
const LATTICE = { spacing: 118, width: 26, color: [0xf1, 0xe3, 0xc2] } as const;
const NODE = { radius: 24, color: [0x9b, 0xe3, 0x9f] } as const;
type Rgb = readonly [number, number, number];

/** Lattice crossings inside the frame: both diagonal families meet there. */
function crossings(): { x: number; y: number }[] {
  const step = LATTICE.spacing / Math.SQRT2;
  const points: { x: number; y: number }[] = [];
  for (let a = -6; a <= 6; a++) {
    for (let b = -6; b <= 6; b++) {
      const x = C + (a + b) * step;
      const y = C + (a - b) * step;
      if (Math.abs(x - C) < C - FRAME.inset - 30 && Math.abs(y - C) < C - FRAME.inset - 30) points.push({ x, y });
    }
  }
  return points;
}

function roundedBoxDistance(x: number, y: number, inset: number, radius: number): number {
  const half = C - inset - radius;
  const qx = Math.abs(x - C) - half;
  const qy = Math.abs(y - C) - half;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Distance to the nearest line of either diagonal family. */
function latticeDistance(x: number, y: number): number {
  const nearest = (t: number) => Math.abs(t - Math.round(t / LATTICE.spacing) * LATTICE.spacing);
  return Math.min(nearest((x + y - SIZE) / Math.SQRT2), nearest((x - y) / Math.SQRT2));
}

const NODES = crossings();

/** The colour at one sample point, or undefined outside the icon. */
function sample(x: number, y: number): Rgb | undefined {
  if (roundedBoxDistance(x, y, BACKGROUND.inset, BACKGROUND.radius) > 0) return undefined;
  if (NODES.some((p) => Math.hypot(x - p.x, y - p.y) <= NODE.radius)) return NODE.color;
  const frame = roundedBoxDistance(x, y, FRAME.inset, FRAME.radius);
  if (Math.abs(frame) <= FRAME.stroke / 2) return LATTICE.color;
  if (frame < 0 && latticeDistance(x, y) <= LATTICE.width / 2) return LATTICE.color;
  const t = (y - BACKGROUND.inset) / (SIZE - 2 * BACKGROUND.inset);
  return BACKGROUND.top.map((top, i) => Math.round(top + ((BACKGROUND.bottom[i] ?? top) - top) * t)) as unknown as Rgb;
}

function renderRgba(): Buffer {
  const grid = 4;
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, covered = 0;
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const color = sample(px + (sx + 0.5) / grid, py + (sy + 0.5) / grid);
          if (!color) continue;
          r += color[0];
          g += color[1];
          b += color[2];
          covered++;
        }
      }
      const at = (py * SIZE + px) * 4;
      if (covered === 0) continue;
      pixels[at] = Math.round(r / covered);
      pixels[at + 1] = Math.round(g / covered);
      pixels[at + 2] = Math.round(b / covered);
      pixels[at + 3] = Math.round((255 * covered) / (grid * grid));
    }
  }
  return pixels;
}

function encodePng(rgba: Buffer): Buffer {
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) rgba.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4); // filter byte 0
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function renderSvg(): string {
  const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const box = (inset: number) => SIZE - 2 * inset;
  const lines: string[] = [];
  for (let k = -8; k <= 8; k++) {
    const o = k * LATTICE.spacing * Math.SQRT2; // the line x - y = o (and x + y = SIZE + o)
    lines.push(`<line x1="${o.toFixed(2)}" y1="0" x2="${(o + SIZE).toFixed(2)}" y2="${SIZE}"/>`);
    lines.push(`<line x1="${(SIZE + o).toFixed(2)}" y1="0" x2="${o.toFixed(2)}" y2="${SIZE}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <title>Trellis</title>
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hex(BACKGROUND.top)}"/><stop offset="1" stop-color="${hex(BACKGROUND.bottom)}"/></linearGradient>
    <clipPath id="inside"><rect x="${FRAME.inset}" y="${FRAME.inset}" width="${box(FRAME.inset)}" height="${box(FRAME.inset)}" rx="${FRAME.radius}"/></clipPath>
  </defs>
  <rect x="${BACKGROUND.inset}" y="${BACKGROUND.inset}" width="${box(BACKGROUND.inset)}" height="${box(BACKGROUND.inset)}" rx="${BACKGROUND.radius}" fill="url(#bg)"/>
  <g clip-path="url(#inside)" stroke="${hex(LATTICE.color)}" stroke-width="${LATTICE.width}">
    ${lines.join('\n    ')}
  </g>
  <rect x="${FRAME.inset}" y="${FRAME.inset}" width="${box(FRAME.inset)}" height="${box(FRAME.inset)}" rx="${FRAME.radius}" fill="none" stroke="${hex(LATTICE.color)}" stroke-width="${FRAME.stroke}"/>
  <g fill="${hex(NODE.color)}">
    ${NODES.map((p) => `<circle cx="${p.x.toFixed(2)}" cy="${p.y.toFixed(2)}" r="${NODE.radius}"/>`).join('\n    ')}
  </g>
</svg>
`;
}

const here = new URL('.', import.meta.url);
writeFileSync(new URL('icon.svg', here), renderSvg());
writeFileSync(new URL('icon.png', here), encodePng(renderRgba()));
console.log('wrote assets/icon.svg and assets/icon.png');
