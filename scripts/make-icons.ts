// Draws every Ringtray icon from the geometry in this file, so no artwork is copied and the
// committed PNG/ICO/ICNS files can be regenerated (and checked for drift, test/packaging/) from
// source. Node built-ins only, so it runs with `node --experimental-strip-types` on Node 22
// without a build step or ImageMagick:
//
//   node --experimental-strip-types scripts/make-icons.ts [outDir] [--preview file.png]
//
// outDir defaults to the repository root; files go to <outDir>/build/ (electron-builder's
// buildResources), <outDir>/assets/tray/ (loaded by the tray at run time) and
// <outDir>/assets/icon.png (the app's icon for toasts and windows at run time).
//
// Shapes are signed-distance functions (negative inside, in "icon units": the canvas is the unit
// square, y down). Coverage of a pixel is clamp(0.5 - distance / pixelSize): analytic
// anti-aliasing that stays crisp at 16 px and costs one evaluation per pixel.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

type Sdf = (x: number, y: number) => number;
type Rgba = readonly [number, number, number, number];
type Paint = Rgba | ((x: number, y: number) => Rgba);
type Layer =
  | { kind: 'fill'; sdf: Sdf; paint: Paint; softness?: number }
  | { kind: 'erase'; sdf: Sdf };

interface Image {
  width: number;
  height: number;
  /** Straight (not premultiplied) RGBA, 8 bits per channel. */
  data: Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// Signed-distance primitives

const deg = (d: number): number => (d * Math.PI) / 180;

function circle(cx: number, cy: number, r: number): Sdf {
  return (x, y) => Math.hypot(x - cx, y - cy) - r;
}

function roundedBox(cx: number, cy: number, hx: number, hy: number, r: number): Sdf {
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx + r;
    const qy = Math.abs(y - cy) - hy + r;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

function capsule(ax: number, ay: number, bx: number, by: number, r: number): Sdf {
  const vx = bx - ax;
  const vy = by - ay;
  const len2 = vx * vx + vy * vy;
  return (x, y) => {
    const t = Math.min(1, Math.max(0, ((x - ax) * vx + (y - ay) * vy) / len2));
    return Math.hypot(x - ax - t * vx, y - ay - t * vy) - r;
  };
}

/** A round-capped stroke along a circle of `radius` from angle `from` to `to` (radians, y down). */
function arc(cx: number, cy: number, radius: number, halfWidth: number, from: number, to: number): Sdf {
  const span = to - from;
  const ends = [from, to].map((a) => [cx + radius * Math.cos(a), cy + radius * Math.sin(a)] as const);
  return (x, y) => {
    const t = (((Math.atan2(y - cy, x - cx) - from) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    const d =
      t <= span
        ? Math.abs(Math.hypot(x - cx, y - cy) - radius)
        : Math.min(Math.hypot(x - ends[0]![0], y - ends[0]![1]), Math.hypot(x - ends[1]![0], y - ends[1]![1]));
    return d - halfWidth;
  };
}

/** A rounded box centred on the circle point at `angle`, its long side along the tangent. */
function tangentBox(radius: number, angle: number, halfTangent: number, halfRadial: number, r: number): Sdf {
  const cx = radius * Math.cos(angle);
  const cy = radius * Math.sin(angle);
  const box = roundedBox(0, 0, halfTangent, halfRadial, r);
  const nx = Math.cos(angle);
  const ny = Math.sin(angle);
  return (x, y) => box((x - cx) * -ny + (y - cy) * nx, (x - cx) * nx + (y - cy) * ny);
}

const union = (...shapes: Sdf[]): Sdf => (x, y) => {
  // A loop, not Math.min(...map()): this runs once per pixel per layer, millions of times.
  let d = Infinity;
  for (const s of shapes) d = Math.min(d, s(x, y));
  return d;
};
const subtract = (a: Sdf, b: Sdf): Sdf => (x, y) => Math.max(a(x, y), -b(x, y));
const intersect = (a: Sdf, b: Sdf): Sdf => (x, y) => Math.max(a(x, y), b(x, y));
/** Grows (positive) or shrinks a shape. */
const offset = (a: Sdf, by: number): Sdf => (x, y) => a(x, y) - by;
/** An outline of `width` drawn just inside the shape's edge. */
const shell = (a: Sdf, width: number): Sdf => (x, y) => {
  const d = a(x, y);
  return Math.max(d, -(d + width));
};
const translate = (a: Sdf, dx: number, dy: number): Sdf => (x, y) => a(x - dx, y - dy);
/** Places a shape drawn in its own units at (cx, cy), `scale` icon units per unit. */
const place = (a: Sdf, cx: number, cy: number, scale: number): Sdf => (x, y) =>
  a((x - cx) / scale, (y - cy) / scale) * scale;

// ---------------------------------------------------------------------------------------------
// The Ringtray mark: a telephone handset whose handle curves round the lower left, with two
// "ringing" arcs coming out of its open side. Everything is concentric around the origin of the
// glyph's own units, which keeps it calm and legible when it is only 12 pixels wide.

export const STATES = ['signed-out', 'connecting', 'live', 'reconnecting', 'attention', 'dnd', 'missed'] as const;
export type TrayState = (typeof STATES)[number];

interface GlyphStyle {
  handset: 'solid' | 'outline';
  arcs: 'solid' | 'dotted' | 'none';
  slash: boolean;
  badge: 'none' | 'dot' | 'minus';
}

// States differ by shape as well as colour, so they read for colour-blind users and survive as
// monochrome macOS template images.
const STATE_STYLES: Record<TrayState, GlyphStyle> = {
  live: { handset: 'solid', arcs: 'solid', slash: false, badge: 'none' },
  connecting: { handset: 'solid', arcs: 'dotted', slash: false, badge: 'none' },
  reconnecting: { handset: 'solid', arcs: 'none', slash: true, badge: 'none' },
  // Stopped until someone acts: cut like reconnecting, plus the badge that asks for a look.
  attention: { handset: 'solid', arcs: 'none', slash: true, badge: 'dot' },
  'signed-out': { handset: 'outline', arcs: 'none', slash: false, badge: 'none' },
  dnd: { handset: 'solid', arcs: 'none', slash: false, badge: 'minus' },
  missed: { handset: 'solid', arcs: 'solid', slash: false, badge: 'dot' },
};

const APP_STYLE: GlyphStyle = STATE_STYLES.live;

// Glyph units: handle centre line at radius 1 around the origin. Its bounding box is roughly
// x ∈ [-1.16, 0.78], y ∈ [-0.78, 1.16]; GLYPH_CENTRE/GLYPH_SPAN let callers fit it in a box.
const HANDLE_RADIUS = 1;
const HANDLE_HALF_WIDTH = 0.16;
const HANDSET_SPREAD = deg(62); // ends sit ±62° either side of the lower-left diagonal (135°)
const ARC_FROM = deg(-80);
const ARC_TO = deg(-10);
const INNER_ARC = 0.4;
const OUTER_ARC = 0.7;
const GLYPH_CENTRE = { x: -0.19, y: 0.19 };
const GLYPH_SPAN = 1.95;

function handset(): Sdf {
  const earpiece = deg(135) + HANDSET_SPREAD;
  const mouthpiece = deg(135) - HANDSET_SPREAD;
  const endRadius = HANDLE_RADIUS + HANDLE_HALF_WIDTH - 0.23;
  return union(
    arc(0, 0, HANDLE_RADIUS, HANDLE_HALF_WIDTH, mouthpiece, earpiece),
    tangentBox(endRadius, earpiece, 0.27, 0.23, 0.13),
    tangentBox(endRadius, mouthpiece, 0.27, 0.23, 0.13),
  );
}

/**
 * Two concentric arcs; when the gap between them would be under ~1.2 px (`px` is one pixel in
 * glyph units) they would blur into one grey smear, so small renders get a single, bolder arc.
 */
function ringingArcs(kind: 'solid' | 'dotted', halfWidth: number, px: number): Sdf {
  const two = OUTER_ARC - INNER_ARC - 2 * halfWidth >= 1.2 * px;
  const radii = two ? [INNER_ARC, OUTER_ARC] : [(INNER_ARC + OUTER_ARC) / 2 + 0.05];
  const width = two ? halfWidth : Math.max(halfWidth, 0.11);
  // The single arc is shorter: a full quarter would close the handset into a "C".
  const [from, to] = two ? [ARC_FROM, ARC_TO] : [deg(-72), deg(-18)];
  if (kind === 'solid') return union(...radii.map((r) => arc(0, 0, r, width, from, to)));
  // Dotted, "trying to ring": the same arcs broken into dots a little fatter than the stroke.
  const dot = Math.max(width * 1.3, 0.8 * px);
  const dots: [number, number][] = two
    ? [[INNER_ARC, -68], [INNER_ARC, -22], [OUTER_ARC, -80], [OUTER_ARC, -45], [OUTER_ARC, -10]]
    : radii.flatMap((r) => [[r, -78], [r, -12]] as [number, number][]);
  return union(...dots.map(([r, a]) => circle(r * Math.cos(deg(a)), r * Math.sin(deg(a)), dot)));
}

/**
 * The glyph in glyph units; `px` is one pixel in those units, so thin parts can be kept at least
 * ~1.3 px wide at small sizes, where they would otherwise blur into the background.
 */
function glyph(style: GlyphStyle, px: number): Sdf {
  const body = handset();
  const minStroke = 1.3 * px;
  // An outline needs a visible hole: below ~5 px of handle the signed-out glyph stays solid and
  // is told apart by having no arcs, slash or badge.
  const outline = style.handset === 'outline' && 2 * HANDLE_HALF_WIDTH >= 5 * px;
  let shape: Sdf = outline ? shell(body, Math.max(0.1, 1.4 * px)) : body;
  if (style.arcs !== 'none') {
    shape = union(shape, ringingArcs(style.arcs, Math.max(0.085, minStroke / 2), px));
  }
  if (style.slash) {
    // "/" through the handle's middle: perpendicular to it, so the handset reads as cut in two.
    const half = Math.max(0.09, minStroke / 2);
    const { x, y } = GLYPH_CENTRE;
    const r = 1.05;
    const slash = capsule(x - r * Math.SQRT1_2, y + r * Math.SQRT1_2, x + r * Math.SQRT1_2, y - r * Math.SQRT1_2, half);
    shape = union(subtract(shape, offset(slash, Math.max(0.1, px))), slash);
  }
  return shape;
}

// ---------------------------------------------------------------------------------------------
// Colours (sRGB, alpha 0–1)

const WHITE: Rgba = [255, 255, 255, 1];
const BLACK: Rgba = [0, 0, 0, 1];
const BADGE_RED: Rgba = [229, 57, 53, 1];

interface TilePalette {
  top: Rgba;
  bottom: Rgba;
}

const BRAND: TilePalette = { top: [38, 196, 178, 1], bottom: [22, 112, 196, 1] };

const STATE_TILES: Record<TrayState, TilePalette> = {
  live: BRAND,
  missed: BRAND,
  connecting: { top: [120, 150, 178, 1], bottom: [78, 104, 134, 1] },
  reconnecting: { top: [236, 152, 32, 1], bottom: [196, 104, 8, 1] },
  attention: { top: [176, 48, 58, 1], bottom: [118, 22, 34, 1] },
  'signed-out': { top: [140, 148, 158, 1], bottom: [98, 106, 116, 1] },
  dnd: { top: [112, 108, 150, 1], bottom: [74, 70, 108, 1] },
};

/** Top-left to bottom-right gradient across the unit square. */
function gradient({ top, bottom }: TilePalette): Paint {
  const [r0, g0, b0, a0] = top;
  const [r1, g1, b1, a1] = bottom;
  // Called for every pixel of the tile: one tuple, no intermediate arrays.
  return (x, y) => {
    const t = Math.min(1, Math.max(0, (x + y) / 2));
    return [r0 + (r1 - r0) * t, g0 + (g1 - g0) * t, b0 + (b1 - b0) * t, a0 + (a1 - a0) * t];
  };
}

// ---------------------------------------------------------------------------------------------
// Compositions

/** The application icon: brand tile, white glyph; soft shadows only where there are pixels for them. */
function appIconLayers(size: number): Layer[] {
  const px = 1 / size;
  const large = size >= 128;
  // macOS draws app icons on a 824/1024 grid with room for a shadow; small sizes use every pixel.
  const margin = large ? 0.09 : size >= 48 ? 0.04 : px * 0.5;
  const half = 0.5 - margin;
  const tile = roundedBox(0.5, 0.5, half, half, half * 0.45);
  const scale = (2 * half * (size <= 24 ? 0.74 : 0.62)) / GLYPH_SPAN;
  const mark = place(glyph(APP_STYLE, px / scale), 0.5 - GLYPH_CENTRE.x * scale, 0.5 - GLYPH_CENTRE.y * scale, scale);
  const layers: Layer[] = [];
  if (large) {
    layers.push({ kind: 'fill', sdf: translate(tile, 0, 0.012), paint: [0, 0, 0, 0.35], softness: 0.03 });
  }
  layers.push({ kind: 'fill', sdf: tile, paint: gradient(BRAND) });
  if (size >= 64) {
    layers.push({ kind: 'fill', sdf: intersect(translate(mark, 0, 0.01), tile), paint: [0, 20, 60, 0.22], softness: 0.02 });
  }
  layers.push({ kind: 'fill', sdf: mark, paint: WHITE });
  return layers;
}

const BADGE = { x: 0.79, y: 0.21, r: 0.2 };

function badgeLayers(kind: GlyphStyle['badge'], px: number, ink: Rgba, mark: Rgba | null): Layer[] {
  if (kind === 'none') return [];
  const r = Math.max(BADGE.r, 3.2 * px);
  const x = 1 - r - 0.5 * px;
  const y = r + 0.5 * px;
  const disc = circle(x, y, r);
  // A transparent moat keeps the badge from merging with whatever it overlaps.
  const layers: Layer[] = [{ kind: 'erase', sdf: circle(x, y, r + Math.max(0.06, 1.1 * px)) }];
  if (kind === 'dot') return [...layers, { kind: 'fill', sdf: disc, paint: ink }];
  const bar = capsule(x - r * 0.55, y, x + r * 0.55, y, Math.max(r * 0.2, 0.75 * px));
  // With no second colour (templates), the minus is cut out of the disc.
  return mark === null
    ? [...layers, { kind: 'fill', sdf: subtract(disc, bar), paint: ink }]
    : [...layers, { kind: 'fill', sdf: disc, paint: ink }, { kind: 'fill', sdf: bar, paint: mark }];
}

/** Coloured tray icon (Linux, Windows): state-coloured tile, white glyph, badge top right. */
function trayLayers(state: TrayState, size: number): Layer[] {
  const px = 1 / size;
  const style = STATE_STYLES[state];
  const half = 0.5 - 0.5 * px;
  const tile = roundedBox(0.5, 0.5, half, half, half * 0.42);
  const scale = (2 * half * 0.8) / GLYPH_SPAN;
  const mark = place(glyph(style, px / scale), 0.5 - GLYPH_CENTRE.x * scale, 0.5 - GLYPH_CENTRE.y * scale, scale);
  return [
    { kind: 'fill', sdf: tile, paint: gradient(STATE_TILES[state]) },
    { kind: 'fill', sdf: mark, paint: WHITE },
    ...badgeLayers(style.badge, px, BADGE_RED, WHITE),
  ];
}

/** macOS template image: black + alpha only; the system tints it for light and dark menu bars. */
function templateLayers(state: TrayState, size: number): Layer[] {
  const px = 1 / size;
  const style = STATE_STYLES[state];
  const scale = (1 - 1.2 * px) / GLYPH_SPAN;
  const mark = place(glyph(style, px / scale), 0.5 - GLYPH_CENTRE.x * scale, 0.5 - GLYPH_CENTRE.y * scale, scale);
  return [{ kind: 'fill', sdf: mark, paint: BLACK }, ...badgeLayers(style.badge, px, BLACK, null)];
}

// ---------------------------------------------------------------------------------------------
// Rasterizer

function render(size: number, layers: Layer[]): Image {
  const px = 1 / size;
  const acc = new Float64Array(size * size * 4); // premultiplied RGBA, 0–1
  const blend = (layer: Layer, i: number, j: number, x: number, y: number, cover: number): void => {
    const o = (j * size + i) * 4;
    if (layer.kind === 'erase') {
      for (let c = 0; c < 4; c++) acc[o + c] = (acc[o + c] ?? 0) * (1 - cover);
      return;
    }
    const [r, g, b, a] = typeof layer.paint === 'function' ? layer.paint(x, y) : layer.paint;
    const alpha = a * cover;
    acc[o] = (r / 255) * alpha + (acc[o] ?? 0) * (1 - alpha);
    acc[o + 1] = (g / 255) * alpha + (acc[o + 1] ?? 0) * (1 - alpha);
    acc[o + 2] = (b / 255) * alpha + (acc[o + 2] ?? 0) * (1 - alpha);
    acc[o + 3] = alpha + (acc[o + 3] ?? 0) * (1 - alpha);
  };
  // Tiles of TILE² pixels: a distance function changes by at most the distance moved, so one
  // evaluation at a tile's centre tells whether its whole tile is outside the shape (cover 0) or
  // inside (cover 1); only tiles the edge crosses are evaluated per pixel. The margin is twice
  // the tile's half-diagonal, for shapes (unions, offsets) whose distance is only a bound.
  const TILE = 8;
  const margin = 2 * Math.SQRT1_2 * TILE * px;
  for (const layer of layers) {
    const soft = layer.kind === 'fill' ? (layer.softness ?? px) : px;
    for (let tj = 0; tj < size; tj += TILE) {
      for (let ti = 0; ti < size; ti += TILE) {
        const jEnd = Math.min(size, tj + TILE);
        const iEnd = Math.min(size, ti + TILE);
        const centre = layer.sdf(((ti + iEnd) / 2) * px, ((tj + jEnd) / 2) * px);
        if (centre - margin >= 0.5 * soft) continue;
        const inside = centre + margin <= -0.5 * soft;
        for (let j = tj; j < jEnd; j++) {
          const y = (j + 0.5) * px;
          for (let i = ti; i < iEnd; i++) {
            const x = (i + 0.5) * px;
            const cover = inside ? 1 : Math.min(1, Math.max(0, 0.5 - layer.sdf(x, y) / soft));
            if (cover !== 0) blend(layer, i, j, x, y, cover);
          }
        }
      }
    }
  }
  const data = new Uint8Array(size * size * 4);
  for (let o = 0; o < data.length; o += 4) {
    const a = acc[o + 3] ?? 0;
    const alpha = Math.round(a * 255);
    if (alpha === 0) continue; // fully transparent pixels stay 0,0,0,0 (smaller files)
    for (let c = 0; c < 3; c++) data[o + c] = Math.round(Math.min(1, (acc[o + c] ?? 0) / a) * 255);
    data[o + 3] = alpha;
  }
  return { width: size, height: size, data };
}

// ---------------------------------------------------------------------------------------------
// Encoders

function pngChunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** RGBA 8-bit PNG; each row gets the filter with the smallest sum of residuals (libpng's heuristic). */
export function encodePng({ width, height, data }: Image): Buffer {
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  const candidate = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const above = row - stride;
    let best = Infinity;
    for (let filter = 0; filter <= 4; filter++) {
      let cost = 0;
      for (let i = 0; i < stride; i++) {
        const cur = data[row + i] ?? 0;
        const left = i >= 4 ? (data[row + i - 4] ?? 0) : 0;
        const up = y > 0 ? (data[above + i] ?? 0) : 0;
        const upLeft = y > 0 && i >= 4 ? (data[above + i - 4] ?? 0) : 0;
        // A branch, not an array of the five predictions: this runs for every byte five times,
        // and building an array each time made encoding most of the generator's run time.
        const predicted = filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up : filter === 3 ? (left + up) >> 1 : paeth(left, up, upLeft);
        const v = (cur - predicted) & 0xff;
        candidate[i] = v;
        cost += v < 128 ? v : 256 - v;
      }
      if (cost < best) {
        best = cost;
        raw[y * (stride + 1)] = filter;
        raw.set(candidate, y * (stride + 1) + 1);
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** ICO with PNG-compressed entries (Windows Vista and later read these at every size). */
export function encodeIco(entries: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(entries.length, 4);
  let at = header.length;
  entries.forEach(({ size, png }, n) => {
    const e = 6 + 16 * n;
    header.writeUInt8(size >= 256 ? 0 : size, e); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(at, e + 12);
    at += png.length;
  });
  return Buffer.concat([header, ...entries.map((e) => e.png)]);
}

/** ICNS: 'icns' + big-endian total length, then (type, length incl. 8-byte header, PNG) entries. */
export function encodeIcns(entries: { type: string; png: Buffer }[]): Buffer {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

// ---------------------------------------------------------------------------------------------
// What gets written

export const APP_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
] as const;
export const TRAY_ICO_SIZES = [16, 24, 32] as const;

interface Outputs {
  files: Map<string, Buffer>;
  /** Rendered images kept for the preview sheet. */
  app: Map<number, Image>;
  tray: Map<string, Image>;
}

export function makeIcons(): Outputs {
  const app = new Map<number, Image>();
  const appPng = new Map<number, Buffer>();
  for (const size of APP_SIZES) {
    const image = render(size, appIconLayers(size));
    app.set(size, image);
    appPng.set(size, encodePng(image));
  }
  const png = (size: number): Buffer => appPng.get(size) ?? Buffer.alloc(0);

  const files = new Map<string, Buffer>();
  files.set('build/icon.png', png(1024));
  for (const size of APP_SIZES) files.set(`build/icons/${size}x${size}.png`, png(size));
  files.set('build/icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
  files.set('build/icon.icns', encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png(size) }))));
  // build/ is not packaged; the app itself needs its icon for toasts and windows at run time.
  files.set('assets/icon.png', png(256));

  const tray = new Map<string, Image>();
  for (const state of STATES) {
    const colored = (size: number): Image => render(size, trayLayers(state, size));
    const template = (size: number): Image => render(size, templateLayers(state, size));
    const images: [string, Image][] = [
      [`${state}.png`, colored(32)],
      [`${state}@2x.png`, colored(64)],
      [`${state}Template.png`, template(16)],
      [`${state}Template@2x.png`, template(32)],
    ];
    for (const [name, image] of images) {
      tray.set(name, image);
      files.set(`assets/tray/${name}`, encodePng(image));
    }
    const small = TRAY_ICO_SIZES.map((size) => ({ size, image: size === 32 ? (tray.get(`${state}.png`) ?? colored(32)) : colored(size) }));
    for (const { size, image } of small) tray.set(`${state}-${size}`, image);
    files.set(`assets/tray/${state}.ico`, encodeIco(small.map(({ size, image }) => ({ size, png: encodePng(image) }))));
  }
  return { files, app, tray };
}

// ---------------------------------------------------------------------------------------------
// Preview sheet: every size and state on a light and a dark background, small ones enlarged with
// nearest-neighbour so their pixels can be judged. Templates are shown as macOS tints them.

function blit(sheet: Image, image: Image, left: number, top: number, zoom: number, tint?: Rgba): void {
  for (let y = 0; y < image.height * zoom; y++) {
    for (let x = 0; x < image.width * zoom; x++) {
      const tx = left + x;
      const ty = top + y;
      if (tx >= sheet.width || ty >= sheet.height) continue;
      const s = (Math.floor(y / zoom) * image.width + Math.floor(x / zoom)) * 4;
      const d = (ty * sheet.width + tx) * 4;
      const a = (image.data[s + 3] ?? 0) / 255;
      for (let c = 0; c < 3; c++) {
        const src = tint ? (tint[c] ?? 0) : (image.data[s + c] ?? 0);
        sheet.data[d + c] = Math.round(src * a + (sheet.data[d + c] ?? 0) * (1 - a));
      }
    }
  }
}

function previewSheet({ app, tray }: Outputs): Image {
  const width = 1000;
  const panel = 820;
  const sheet: Image = { width, height: panel * 2, data: new Uint8Array(width * panel * 2 * 4) };
  const backgrounds: [Rgba, Rgba][] = [
    [[242, 242, 242, 1], BLACK],
    [[40, 42, 46, 1], WHITE],
  ];
  backgrounds.forEach(([bg, templateInk], p) => {
    const top = p * panel;
    for (let i = top * width * 4; i < (top + panel) * width * 4; i += 4) sheet.data.set([bg[0], bg[1], bg[2], 255], i);
    const put = (image: Image | undefined, x: number, y: number, zoom: number, tint?: Rgba): void => {
      if (image) blit(sheet, image, x, top + y, zoom, tint);
    };
    // App icon: every size 1:1, then the small ones enlarged.
    let x = 10;
    for (const size of [16, 24, 32, 48, 64, 128, 256] as const) {
      put(app.get(size), x, 10, 1);
      x += size + 12;
    }
    x = 10;
    for (const [size, zoom] of [[16, 8], [24, 6], [32, 4], [48, 3], [64, 2]] as const) {
      put(app.get(size), x, 280, zoom);
      x += size * zoom + 16;
    }
    // One column per tray state: 16/24/32 coloured and 16 template 1:1; 16 px coloured and
    // template ×6; the @2x files 1:1 (coloured 64) and ×2 (template 32).
    STATES.forEach((state, n) => {
      const col = 10 + n * 165;
      put(tray.get(`${state}-16`), col, 490, 1);
      put(tray.get(`${state}-24`), col + 22, 490, 1);
      put(tray.get(`${state}-32`), col + 52, 490, 1);
      put(tray.get(`${state}Template.png`), col + 92, 490, 1, templateInk);
      put(tray.get(`${state}-16`), col, 530, 6);
      put(tray.get(`${state}Template.png`), col, 634, 6, templateInk);
      put(tray.get(`${state}@2x.png`), col, 740, 1);
      put(tray.get(`${state}Template@2x.png`), col + 72, 740, 2, templateInk);
    });
  });
  return sheet;
}

// ---------------------------------------------------------------------------------------------
// CLI

function main(argv: string[]): void {
  const args = [...argv];
  const previewAt = args.indexOf('--preview');
  const previewPath = previewAt >= 0 ? args.splice(previewAt, 2)[1] : undefined;
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = resolve(args[0] ?? root);
  const outputs = makeIcons();
  let total = 0;
  for (const [path, bytes] of outputs.files) {
    const file = join(outDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    total += bytes.length;
  }
  console.log(`wrote ${outputs.files.size} icon files (${Math.round(total / 1024)} KB) under ${outDir}`);
  if (previewPath) {
    const file = resolve(previewPath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, encodePng(previewSheet(outputs)));
    console.log(`preview: ${file}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
