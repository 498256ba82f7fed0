import { useQuery } from '@tanstack/react-query';
import { csrfHeaders } from './csrf.ts';
import { useTRPC } from './trpc.ts';

/** An uploaded file, as POST /api/imports/upload answers. */
export interface Uploaded {
  uploadId: string;
  name: string;
  size: number;
}

/**
 * Sends a file's bytes as they are (no form encoding) to the server, which keeps it under
 * DATA_DIR/uploads for the preview and the import. XMLHttpRequest rather than fetch: it reports
 * upload progress.
 */
export function uploadFile(file: File, onProgress?: (share: number) => void): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports/upload?name=${encodeURIComponent(file.name)}`);
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onload = () => (xhr.status === 200 ? resolve(JSON.parse(xhr.responseText) as Uploaded) : reject(new Error(`${xhr.status}: ${xhr.responseText}`)));
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(file);
  });
}

/** The data-quality flags of a dataset version (only the flagged villages and workers). */
export function useQualityFlags(datasetId: number | undefined, enabled: boolean, workerFarKm?: number) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.quality.flags.queryOptions({ datasetId, workerFarKm }), enabled: enabled && datasetId !== undefined, staleTime: Infinity });
}
