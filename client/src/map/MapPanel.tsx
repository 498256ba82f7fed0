import { useEffect, useMemo, useRef } from 'react';
import type { VillagePoints } from '../api/village_points.ts';
import type { BasemapData } from './basemap_style.ts';
import type { Bounds } from './bounds.ts';
import { MapView } from './map_view.ts';
import { coverageColors, villageStatusLayer } from './village_status_layer.ts';

interface Props {
  basemap: BasemapData;
  bounds: Bounds;
  villages: VillagePoints | undefined;
}

/** Renders the map; the MapView instance is created once and fed new data through effects. */
export function MapPanel({ basemap, bounds, villages }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<MapView | null>(null);

  useEffect(() => {
    const map = new MapView(container.current!, basemap, bounds);
    map.onIdle(() => container.current?.setAttribute('data-idle', 'true'));
    view.current = map;
    return () => map.destroy();
    // the basemap is created once; later bounds changes fly the camera instead
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [basemap]);

  useEffect(() => view.current?.fitBounds(bounds), [bounds]);

  const colors = useMemo(() => (villages ? coverageColors(villages) : null), [villages]);
  useEffect(() => {
    if (!villages || !colors) return;
    view.current?.setLayers((zoom) => [villageStatusLayer(villages, colors, zoom)]);
    container.current?.setAttribute('data-villages', String(villages.length));
  }, [villages, colors]);

  return <div ref={container} className="map" data-testid="map" />;
}
