/**
 * Finds dependency cycles between a template's resources (Ref, Fn::GetAtt, Fn::Sub and DependsOn),
 * which CloudFormation would reject at deploy time but CDK does not check within one stack.
 */
type Json = unknown;

function referencesIn(value: Json, found: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') found.add(inner);
      else if (key === 'Fn::GetAtt') found.add(Array.isArray(inner) ? String(inner[0]) : String(inner).split('.')[0]!);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? inner[0] : inner;
        for (const m of String(text).matchAll(/\$\{([^}.!]+)[^}]*\}/g)) found.add(m[1]!);
        if (Array.isArray(inner)) referencesIn(inner[1], found);
      } else referencesIn(inner, found);
    }
  }
  return found;
}

/** Each cycle as a list of logical ids, e.g. [['A', 'B', 'A']]; empty when there are none. */
export function dependencyCycles(template: { Resources: Record<string, Record<string, Json>> }): string[][] {
  const ids = new Set(Object.keys(template.Resources));
  const edges = new Map<string, string[]>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    const refs = referencesIn({ p: resource.Properties, m: resource.Metadata ?? null }, new Set());
    for (const d of [resource.DependsOn ?? []].flat()) refs.add(String(d));
    edges.set(id, [...refs].filter((r) => ids.has(r) && r !== id));
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'visiting');
    path.push(id);
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === 'visiting') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  return cycles;
}
