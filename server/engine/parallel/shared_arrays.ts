/**
 * Typed arrays on shared memory. The index arrays the engine worker reads are made with these,
 * so that handing a dataset to the worker shares them instead of copying about 45 MB (national)
 * through structured clone on both threads.
 */
export const sharedFloat64 = (length: number) => new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
export const sharedInt32 = (length: number) => new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
export const sharedUint32 = (length: number) => new Uint32Array(new SharedArrayBuffer(length * Uint32Array.BYTES_PER_ELEMENT));
