import { useEffect, useRef } from 'react';
import type { Layer } from '@deck.gl/core';
import type { BasemapData } from './basemap_style.ts';
import type { Bounds } from './bounds.ts';
import { MapView, type TooltipText } from './map_view.ts';

interface Props {
  basemap: BasemapData;
  bounds: Bounds;
  /** builds the deck.gl layers for a zoom level; a new function redraws */
  layers: (zoom: number) => Layer[];
  /** how many villages the layers draw, for tests and the status line */
  villageCount: number;
  /** names what the layers show (e.g. the colour mode they were built for), exposed for tests */
  layersKey: string;
  onPick: (layerId: string | null, index: number) => void;
  /** plain text for the object under the pointer (deck.gl layer id, object index), or null for none */
  tooltip?: TooltipText;
}

/** Renders the map; the MapView instance is created once and fed new layers through effects. */
export function MapPanel({ basemap, bounds, layers, villageCount, layersKey, onPick, tooltip }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<MapView | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const tip = useRef(tooltip);
  tip.current = tooltip;
  const hasTooltip = tooltip !== undefined;

  useEffect(() => {
    const map = new MapView(container.current!, basemap, bounds);
    map.onIdle(() => container.current?.setAttribute('data-idle', 'true'));
    map.onPick((layerId, index) => pick.current(layerId, index));
    view.current = map;
    return () => map.destroy();
    // the basemap is created once; later bounds changes fly the camera instead
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [basemap]);

  useEffect(() => {
    // the camera is about to move: not idle until it has arrived and drawn
    container.current?.setAttribute('data-idle', 'false');
    view.current?.fitBounds(bounds);
  }, [bounds]);

  // deck's getTooltip is set only while there is a tooltip; a new function each render needs no new deck props
  useEffect(() => view.current?.setTooltip(hasTooltip ? (layerId, index) => tip.current?.(layerId, index) ?? null : null), [hasTooltip, basemap]);

  useEffect(() => {
    container.current?.setAttribute('data-idle', 'false');
    view.current?.setLayers(layers);
    container.current?.setAttribute('data-layers', layersKey);
    if (villageCount > 0) container.current?.setAttribute('data-villages', String(villageCount));
  }, [layers, villageCount, layersKey]);

  return <div ref={container} className="map" data-testid="map" />;
}
