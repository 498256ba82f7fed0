import type { ExpansionInstance } from '../../../../server/engine/expansion/instance.ts';
import { randInt, type Rng } from '../random_dataset.ts';

/** A small random expansion instance, built directly: candidates reaching random villages at random distances. */
export function randomInstance(rng: Rng, candidates: number, villages: number, maxDegree: number): ExpansionInstance {
  const load = Float64Array.from({ length: villages }, () => (rng() < 0.1 ? 0 : 1 + randInt(rng, 40)));
  // weights as the category weights make them: multiples of 0.5, at least the children counted
  const weight = Float64Array.from(load, (l) => (l === 0 ? 0 : l + 0.5 * randInt(rng, 2 * l + 1)));
  const density = Float64Array.from(load, (l, v) => (l === 0 ? Infinity : weight[v] / l));
  const adjStart = [0];
  const adjVillage: number[] = [];
  for (let k = 0; k < candidates; k++) {
    const picked = new Set<number>();
    const degree = randInt(rng, maxDegree + 1);
    for (let i = 0; i < degree; i++) picked.add(randInt(rng, villages));
    // in the order a worker takes them: weight per child descending, then index
    adjVillage.push(...[...picked].sort((a, b) => (density[a] !== density[b] ? (density[a] > density[b] ? -1 : 1) : a - b)));
    adjStart.push(adjVillage.length);
  }
  return {
    candidates: Int32Array.from({ length: candidates }, (_, k) => k),
    adjStart: Uint32Array.from(adjStart),
    adjVillage: Int32Array.from(adjVillage),
    weight,
    load,
    density,
  };
}

