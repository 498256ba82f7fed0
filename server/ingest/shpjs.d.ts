/** Types for shpjs 6 (it ships none): the object form reads one shapefile from its parts. */
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';
  export interface ShapefileParts {
    shp: Uint8Array;
    dbf?: Uint8Array;
    prj?: string;
    cpg?: string;
  }
  export default function shp(input: ShapefileParts | ArrayBuffer | Uint8Array): Promise<FeatureCollection | FeatureCollection[]>;
}
