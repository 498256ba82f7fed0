/**
 * A scale bar: the longest round distance (1, 2 or 5 times a power of ten, in metres) that fits
 * in `maxPx` pixels at `metersPerPixel`. Pure.
 *
 * @example
 * scaleBar(100, 200); // { meters: 20000, px: 200 } (20 km)
 */
export function scaleBar(metersPerPixel: number, maxPx: number): { meters: number; px: number } {
  const most = metersPerPixel * maxPx;
  if (!(most > 0) || !Number.isFinite(most)) return { meters: 0, px: 0 };
  const power = 10 ** Math.floor(Math.log10(most));
  const step = [5, 2, 1].map((k) => k * power).find((m) => m <= most) ?? power;
  return { meters: step, px: step / metersPerPixel };
}
