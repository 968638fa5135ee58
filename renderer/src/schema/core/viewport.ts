/**
 * Pan and zoom of the diagram: a scale and an offset from the diagram's
 * coordinates to the screen's (screen = diagram × scale + offset).
 */
export interface Viewport {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

export const MIN_SCALE = 0.2;
export const MAX_SCALE = 2.5;
const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/** The whole diagram in view and centred, never larger than its own size (small databases stay crisp). */
export function fitViewport(content: { width: number; height: number }, view: { width: number; height: number }): Viewport {
  if (content.width <= 0 || content.height <= 0 || view.width <= 0 || view.height <= 0) return { scale: 1, x: 0, y: 0 };
  const scale = clampScale(Math.min(1, view.width / content.width, view.height / content.height));
  return { scale, x: (view.width - content.width * scale) / 2, y: (view.height - content.height * scale) / 2 };
}

/** Zooms by `factor` keeping the diagram point under the screen point (`atX`, `atY`) where it is. */
export function zoomAt(viewport: Viewport, factor: number, atX: number, atY: number): Viewport {
  const scale = clampScale(viewport.scale * factor);
  const ratio = scale / viewport.scale;
  return { scale, x: atX - (atX - viewport.x) * ratio, y: atY - (atY - viewport.y) * ratio };
}

export function panBy(viewport: Viewport, dx: number, dy: number): Viewport {
  return { ...viewport, x: viewport.x + dx, y: viewport.y + dy };
}
