import type { ScenarioComparison } from '../domain/index.ts';
import type { Scenario } from '../store/scenarios.ts';

/** Two plans side by side: what each reaches, and which villages one chose and the other did not. */
export function compareScenarios(a: Scenario, b: Scenario): ScenarioComparison {
  const side = (s: Scenario): ScenarioComparison['a'] => ({
    id: s.id,
    name: s.name,
    value: s.result.value,
    bound: s.result.bound,
    gapPercent: s.result.gapPercent,
    sites: s.result.sites.length,
    villagesServed: s.result.villagesServed,
    cost: s.result.cost,
    served: s.result.served,
  });
  const inA = new Set(a.result.sites.map((s) => s.code));
  const inB = new Set(b.result.sites.map((s) => s.code));
  const only = (s: Scenario, other: Set<string>) => s.result.sites.filter((x) => !other.has(x.code)).map(({ code, name, rank }) => ({ code, name, rank }));
  return { a: side(a), b: side(b), both: [...inA].filter((c) => inB.has(c)).length, onlyA: only(a, inB), onlyB: only(b, inA) };
}
