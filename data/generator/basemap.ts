import { createRequire } from 'node:module';
import * as turf from '@turf/turf';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { roundArea, simplifyArea } from './partition.ts';

const require = createRequire(import.meta.url);

/** Countries around China from Natural Earth 1:50m (world-atlas, public domain data), for the basemap. */
export function neighbourCountries(): Feature<Polygon | MultiPolygon, { name: string }>[] {
  const topo = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topo, topo.objects.countries).features;
  const view = turf.bboxPolygon([55, 0, 155, 60]);
  return all
    .filter((f) => f.geometry && turf.booleanIntersects(f, view))
    .map((f) => {
      const area = roundArea(simplifyArea(f.geometry as Polygon | MultiPolygon, 0.02));
      return { type: 'Feature' as const, properties: { name: f.properties.name }, geometry: area! };
    })
    .filter((f) => f.geometry)
    .sort((a, b) => (a.properties.name < b.properties.name ? -1 : 1));
}
