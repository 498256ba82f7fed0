import { z } from 'zod';

/**
 * Bringing a programme office's own data in (issue 7): what can be imported, the choices the
 * user confirms, and what the importer reports back. Inputs are zod schemas (the routers and
 * the CLI validate with them); outputs are plain types.
 */

/** What one import replaces in a new dataset version; `dataset` replaces everything (project format). */
export const IMPORT_KINDS = ['villages', 'workers', 'services', 'boundaries', 'dataset'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const importKindSchema = z.enum(IMPORT_KINDS);

/** Kinds that are tables (CSV or XLSX) with a column mapping. */
export const TABLE_KINDS = ['villages', 'workers', 'services'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];
export const isTableKind = (k: ImportKind): k is TableKind => (TABLE_KINDS as readonly string[]).includes(k);

/**
 * The fields of each table kind, by their names in the project's own CSV format (data/README.md).
 * `township_code` and `county_code` are not stored: when a file has them, each village code is
 * checked against them.
 */
export const TABLE_FIELDS = {
  villages: ['code', 'name', 'lon', 'lat', 'population', 'children', 'left_behind', 'disabled', 'orphaned', 'difficult', 'covered_since', 'township_code', 'county_code'],
  workers: ['id', 'home_village', 'lon', 'lat', 'capacity', 'start_year', 'roster'],
  services: ['id', 'type', 'name', 'lon', 'lat', 'capacity', 'admin_code'],
} as const satisfies Record<TableKind, readonly string[]>;
export type FieldOf<K extends TableKind> = (typeof TABLE_FIELDS)[K][number];
export type TableField = FieldOf<TableKind>;

/** Fields a file must have a column for. The others have a stated default when absent. */
export const REQUIRED_FIELDS: Record<TableKind, readonly string[]> = {
  villages: ['code', 'name', 'lon', 'lat', 'population', 'children'],
  workers: ['id', 'home_village', 'lon', 'lat', 'capacity', 'start_year'],
  services: ['id', 'type', 'name', 'lon', 'lat', 'capacity', 'admin_code'],
};

/**
 * Coordinate systems of the positions in a file. Inside, everything is WGS84; GCJ-02 (AMap,
 * Tencent, most Chinese web maps) and BD-09 (Baidu) are converted on the way in.
 */
export const CRS_CHOICES = ['wgs84', 'gcj02', 'bd09'] as const;
export type Crs = (typeof CRS_CHOICES)[number];
export const crsSchema = z.enum(CRS_CHOICES);

/** Text encodings of CSV files: `gbk` reads GBK and GB18030 alike (GB18030 is a superset). */
export const ENCODING_CHOICES = ['auto', 'utf8', 'gbk'] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];
/** What a file turned out to be written in. */
export type DetectedEncoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';

/** Boundary layers an import can replace (administrative levels with polygons). */
export const BOUNDARY_IMPORT_LAYERS = ['provinces', 'prefectures', 'counties', 'townships'] as const;
export type BoundaryImportLayer = (typeof BOUNDARY_IMPORT_LAYERS)[number];

export type FileFormat = 'csv' | 'xlsx' | 'geojson' | 'topojson' | 'shapefile' | 'dataset';

/** An uploaded file, by the id the upload route gave it. */
export const uploadIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not an upload id');
export const importIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not an import id');

/** Field name -> index of the file column it is read from (null: no column, use the default). */
export const columnMappingSchema = z.record(z.string().max(40), z.number().int().min(0).max(16_383).nullable());
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** The reading choices: anything left out is detected. */
export const readOptionsSchema = z.object({
  kind: importKindSchema.optional(),
  encoding: z.enum(ENCODING_CHOICES).default('auto'),
  /** XLSX: the sheet to read */
  sheet: z.string().min(1).max(200).optional(),
  /** 1-based row of the header (title rows above it are skipped) */
  headerRow: z.number().int().min(1).max(1000).optional(),
  mapping: columnMappingSchema.optional(),
  crs: crsSchema.optional(),
  /** boundaries: the layer the polygons replace (detected from the length of their codes) */
  layer: z.enum(BOUNDARY_IMPORT_LAYERS).optional(),
});
export type ReadOptions = z.input<typeof readOptionsSchema>;
export type ResolvedReadOptions = z.output<typeof readOptionsSchema>;

export const previewInputSchema = readOptionsSchema.extend({ uploadId: uploadIdSchema });

/** A commit names the kind and the coordinate system: the user has confirmed both. */
export const commitInputSchema = readOptionsSchema.extend({
  uploadId: uploadIdSchema,
  kind: importKindSchema,
  crs: crsSchema,
  /** check everything, write nothing */
  dryRun: z.boolean().default(false),
});
export type CommitInput = z.input<typeof commitInputSchema>;

/** One problem with one row (or, with row null, with the file as a whole). Reasons in English and Chinese. */
export interface ImportRowError {
  /** the file inside a dataset folder or zip; empty for a single file */
  file: string;
  /** 1-based row of the file as a spreadsheet shows it (the header is row 1), or feature number; null: the file as a whole */
  row: number | null;
  column: string;
  value: string;
  reason: string;
  reasonZh: string;
}

/** Something that does not stop an import but the user should see (e.g. positions that look shifted). */
export interface ImportWarning {
  code: 'shifted' | 'missingOptional' | 'ignoredColumns' | 'outsideBoundaries' | 'syntheticBase' | 'personalData';
  message: string;
  messageZh: string;
  /** for `shifted`: the coordinate system that fits better */
  crs?: Crs;
}

export interface FieldMapping {
  field: string;
  required: boolean;
  column: number | null;
  /** how the column was found: its header is a known name, contains one, the user chose it, or none */
  confidence: 'exact' | 'partial' | 'manual' | 'none';
}

export interface ImportPreview {
  fileName: string;
  size: number;
  format: FileFormat;
  kind: ImportKind;
  /** kinds the file could be, best first (a table's headers decide) */
  kindCandidates: ImportKind[];
  encoding: DetectedEncoding | null;
  sheets: string[];
  sheet: string | null;
  headerRow: number | null;
  header: string[];
  fields: FieldMapping[];
  /** columns not read into any field */
  ignoredColumns: string[];
  crs: Crs;
  /** what the positions look like, from the first rows: null when there is nothing to compare against */
  crsSuggestion: { crs: Crs; message: string; messageZh: string } | null;
  /** boundaries: the layer and the number of features */
  layer: BoundaryImportLayer | null;
  /** the first rows as they will be stored (after mapping and conversion) */
  sample: { row: number; values: Record<string, string> }[];
  errors: ImportRowError[];
  warnings: ImportWarning[];
  counts: { rowsChecked: number; errors: number; features: number | null };
}

export type ImportPhase = 'queued' | 'reading' | 'checking' | 'writing' | 'done' | 'failed' | 'cancelled';

export interface ImportStatus {
  id: string;
  kind: ImportKind;
  fileName: string;
  dryRun: boolean;
  phase: ImportPhase;
  rowsRead: number;
  /** rows written into the new version so far (phase `writing`) */
  rowsWritten: number;
  errorCount: number;
  /** the first errors (the full list: /api/imports/:id/errors.csv) */
  errors: ImportRowError[];
  warnings: ImportWarning[];
  /** the version written, once done (null for a dry run) */
  datasetId: number | null;
  version: number | null;
  message: string | null;
  startedAt: string;
  elapsedMs: number;
}

export interface DatasetVersion {
  id: number;
  name: string;
  version: number;
  createdAt: string;
  source: string;
  synthetic: boolean;
  /** what made it: the load or import, with file and row count */
  note: string;
  /** the version an import built on */
  basedOn: number | null;
  current: boolean;
  lastActivatedAt: string | null;
  counts: { villages: number; workers: number; servicePoints: number; adminUnits: number };
  boundaryLayers: string[];
}

/** Data-quality flags of a village (bits) and of a worker. */
export const VILLAGE_FLAGS = { outsideTownship: 1, outsideCounty: 2, duplicatePosition: 4, zeroPopulation: 8 } as const;
export type VillageFlag = keyof typeof VILLAGE_FLAGS;
export const WORKER_FAR_KM_DEFAULT = 10;
export const qualityInputSchema = z
  .object({
    datasetId: z.number().int().positive().optional(),
    /** a worker is flagged when a roster village lies farther than this from them */
    workerFarKm: z.number().positive().max(500).default(WORKER_FAR_KM_DEFAULT),
  })
  .prefault({});
