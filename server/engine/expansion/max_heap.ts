/**
 * A binary max-heap of ids keyed by numbers, ties broken by the smaller id, so that a lazy
 * greedy picks exactly what a plain greedy with "first index wins" would.
 */
export class MaxHeap {
  private ids: Int32Array;
  private keys: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.ids = new Int32Array(Math.max(1, capacity));
    this.keys = new Float64Array(Math.max(1, capacity));
  }

  /** A heap of all ids with these keys, built in linear time. */
  static from(ids: ArrayLike<number>, keyOf: (id: number) => number): MaxHeap {
    const h = new MaxHeap(ids.length);
    for (let i = 0; i < ids.length; i++) {
      h.ids[i] = ids[i];
      h.keys[i] = keyOf(ids[i]);
    }
    h.size = ids.length;
    for (let i = (h.size >> 1) - 1; i >= 0; i--) h.down(i);
    return h;
  }

  topId(): number {
    return this.ids[0];
  }

  topKey(): number {
    return this.keys[0];
  }

  push(id: number, key: number): void {
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2);
      const keys = new Float64Array(this.ids.length * 2);
      ids.set(this.ids);
      keys.set(this.keys);
      this.ids = ids;
      this.keys = keys;
    }
    this.ids[this.size] = id;
    this.keys[this.size] = key;
    this.up(this.size++);
  }

  pop(): number {
    const id = this.ids[0];
    this.size--;
    if (this.size > 0) {
      this.ids[0] = this.ids[this.size];
      this.keys[0] = this.keys[this.size];
      this.down(0);
    }
    return id;
  }

  private above(i: number, j: number): boolean {
    return this.keys[i] > this.keys[j] || (this.keys[i] === this.keys[j] && this.ids[i] < this.ids[j]);
  }

  private swap(i: number, j: number): void {
    const id = this.ids[i], key = this.keys[i];
    this.ids[i] = this.ids[j];
    this.keys[i] = this.keys[j];
    this.ids[j] = id;
    this.keys[j] = key;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(i, p)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let top = i;
      if (l < this.size && this.above(l, top)) top = l;
      if (r < this.size && this.above(r, top)) top = r;
      if (top === i) return;
      this.swap(i, top);
      i = top;
    }
  }
}
