/**
 * The best fractional choice of items (value, cost) within the budget: the shares taken go to
 * `share`, the value is returned. With one cost for all (the usual case) the cut-off comes from
 * a native sort of the values; otherwise items are sorted by value per cost.
 */
export function fractionalKnapsack(value: Float64Array, cost: Float64Array, budget: number, share: Float64Array, order: Int32Array): number {
  const n = value.length;
  share.fill(0);
  if (n === 0 || budget <= 0) return 0;
  const uniform = cost.every((c) => c === cost[0]);
  let ids: ArrayLike<number>;
  if (uniform) {
    // items above the cut-off (the value of the last item that fits) in any order, ties last
    const slots = budget / cost[0];
    const sorted = Float64Array.from(value).sort();
    const cut = sorted[Math.max(0, n - Math.ceil(slots))];
    let m = 0;
    for (let k = 0; k < n; k++) if (value[k] > cut) order[m++] = k;
    for (let k = 0; k < n; k++) if (value[k] === cut) order[m++] = k;
    ids = order.subarray(0, m);
  } else {
    for (let k = 0; k < n; k++) order[k] = k;
    ids = order.sort((a, b) => value[b] / cost[b] - value[a] / cost[a]);
  }
  let room = budget, total = 0;
  for (let i = 0; i < ids.length && room > 1e-12; i++) {
    const k = ids[i];
    if (value[k] <= 0) break;
    const s = Math.min(1, room / cost[k]);
    share[k] = s;
    total += s * value[k];
    room -= s * cost[k];
  }
  return total;
}
