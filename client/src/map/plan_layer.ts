import { LineLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { PlanSite } from '../../../server/domain/index.ts';
import type { VillagePoints } from '../api/village_points.ts';
import type { Bounds } from './bounds.ts';
import { villageIndexOf } from './gap_layer.ts';
import type { Rgb } from './village_colors.ts';

/** A planned new worker: a yellow disc with a dark ring, a colour no village, worker or ring layer uses. */
export const PLAN_SITE_RGB: Rgb = [255, 221, 0];
export const PLAN_SITE_RING_RGB: Rgb = [34, 30, 24];
/** Lines from a planned site to each village it newly serves: its new catchment. */
export const PLAN_LINK_RGB: Rgb = [150, 95, 0];
/** Ranks are written from this zoom on. */
export const PLAN_LABEL_MIN_ZOOM = 8;

/** The lines of the new catchments, as flat arrays: from each site to each village it newly serves. */
export interface PlanLinks {
  length: number;
  source: Float32Array;
  target: Float32Array;
}

/**
 * From each site (by rank) to each village it newly serves, placed with the village layer's
 * positions; villages not in the layer are left out, and so is the site's own village.
 */
export function planLinks(sites: readonly PlanSite[], served: readonly (readonly string[])[], villages: VillagePoints): PlanLinks {
  const source: number[] = [];
  const target: number[] = [];
  sites.forEach((site, i) => {
    for (const code of served[i] ?? []) {
      if (code === site.code) continue;
      const v = villageIndexOf(villages.code, code);
      if (v < 0) continue;
      source.push(site.lon, site.lat);
      target.push(villages.positions[2 * v], villages.positions[2 * v + 1]);
    }
  });
  return { length: source.length / 2, source: Float32Array.from(source), target: Float32Array.from(target) };
}

/** The sites in drawing order: the highest rank last, on top. */
export function planSitesInDrawOrder(sites: readonly PlanSite[]): PlanSite[] {
  return [...sites].sort((a, b) => b.rank - a.rank);
}

function siteRadius(zoom: number): number {
  return zoom < 6 ? 4 : zoom < 8 ? 6 : 8;
}

/** The new catchments: thin lines from each site to the villages it newly serves, under the sites. */
export function planLinksLayer(links: PlanLinks, view: { zoom: number }) {
  const width = view.zoom < 8 ? 1 : 2;
  return new LineLayer({
    id: 'plan-links',
    data: { length: links.length, attributes: { getSourcePosition: { value: links.source, size: 2 }, getTargetPosition: { value: links.target, size: 2 } } },
    getColor: [...PLAN_LINK_RGB, 220],
    widthUnits: 'pixels',
    getWidth: width,
    updateTriggers: { getWidth: width },
  });
}

/** The planned sites as ringed discs over everything else; pickable, for "why this village". `sites` in draw order. */
export function planSitesLayer(sites: readonly PlanSite[], view: { zoom: number; selected?: string | null }) {
  const radius = siteRadius(view.zoom);
  const selected = view.selected ?? null;
  return new ScatterplotLayer<PlanSite>({
    id: 'plan-sites',
    data: sites,
    getPosition: (d) => [d.lon, d.lat],
    radiusUnits: 'pixels',
    getRadius: (d) => (d.code === selected ? radius + 4 : radius),
    filled: true,
    getFillColor: [...PLAN_SITE_RGB, 255],
    stroked: true,
    getLineColor: [...PLAN_SITE_RING_RGB, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: (d) => (d.code === selected ? 3.5 : 2),
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    updateTriggers: { getRadius: [radius, selected], getLineWidth: selected },
  });
}

/** The rank of each site next to it, when zoomed in (PLAN_LABEL_MIN_ZOOM). `sites` in draw order. */
export function planRankLayer(sites: readonly PlanSite[], view: { zoom: number }) {
  const radius = siteRadius(view.zoom);
  return new TextLayer<PlanSite>({
    id: 'plan-ranks',
    data: sites,
    getPosition: (d) => [d.lon, d.lat],
    getText: (d) => String(d.rank),
    getSize: 12,
    getColor: [...PLAN_SITE_RING_RGB, 255],
    getPixelOffset: [radius + 4, -(radius + 4)],
    getTextAnchor: 'start',
    fontFamily: 'sans-serif',
    fontWeight: 700,
    characterSet: '0123456789',
    fontSettings: { sdf: true },
    outlineWidth: 3,
    outlineColor: [...PLAN_SITE_RGB, 255],
    updateTriggers: { getPixelOffset: radius },
  });
}

/** Bounds around a site and the villages it newly serves (at least about 3 km each way), to fly to. */
export function siteBounds(site: PlanSite, served: readonly string[] | undefined, villages: VillagePoints | undefined): Bounds {
  let [w, s, e, n] = [site.lon - 0.03, site.lat - 0.03, site.lon + 0.03, site.lat + 0.03];
  if (villages) {
    for (const code of served ?? []) {
      const v = villageIndexOf(villages.code, code);
      if (v < 0) continue;
      const [x, y] = [villages.positions[2 * v], villages.positions[2 * v + 1]];
      [w, s, e, n] = [Math.min(w, x - 0.01), Math.min(s, y - 0.01), Math.max(e, x + 0.01), Math.max(n, y + 0.01)];
    }
  }
  return [
    [w, s],
    [e, n],
  ];
}
