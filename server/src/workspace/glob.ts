// Glob matching for exclude settings: `**`, `*`, `?` and `{a,b}`, on '/'-separated paths.
// The patterns come from the workspace (`.kube-service-lens.yaml`), which may be untrusted, so
// they are not turned into regular expressions: `**/a/**/a/**/a/**/b` backtracks for minutes on
// a deep path. A glob is compiled to a small automaton and run over the path's characters with a
// set of states: time is the path length times the pattern length, whatever the pattern.

export interface GlobMatcher {
  /** True when the whole path matches. */
  test(path: string): boolean;
}

type Edge = { to: number; on: 'any' | 'notSlash' | string };

interface Automaton {
  edges: Edge[][];
  /** ε-moves: states reachable without reading a character. */
  free: number[][];
  accept: number;
}

function compile(glob: string): Automaton {
  const edges: Edge[][] = [[]];
  const free: number[][] = [[]];
  const add = () => {
    edges.push([]);
    free.push([]);
    return edges.length - 1;
  };
  let at = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      const next = add();
      if (slash) {
        // `**/`: nothing, or anything that ends with a slash (zero or more folders).
        const loop = add();
        free[at]!.push(next, loop);
        edges[loop]!.push({ to: loop, on: 'any' }, { to: next, on: '/' });
        i += 2;
      } else {
        // A trailing or inner `**`: anything, slashes included.
        free[at]!.push(next);
        edges[next]!.push({ to: next, on: 'any' });
        i += 1;
      }
      at = next;
    } else if (c === '*') {
      const next = add();
      free[at]!.push(next);
      edges[next]!.push({ to: next, on: 'notSlash' });
      at = next;
    } else if (c === '?') {
      const next = add();
      edges[at]!.push({ to: next, on: 'notSlash' });
      at = next;
    } else if (c === '{' && glob.indexOf('}', i) > i) {
      const end = glob.indexOf('}', i);
      const next = add();
      for (const option of glob.slice(i + 1, end).split(',')) {
        let from = at;
        for (let k = 0; k < option.length; k++) {
          const s = add();
          edges[from]!.push({ to: s, on: option[k] as string });
          from = s;
        }
        free[from]!.push(next);
      }
      at = next;
      i = end;
    } else {
      const next = add();
      edges[at]!.push({ to: next, on: c });
      at = next;
    }
  }
  return { edges, free, accept: at };
}

function closure(a: Automaton, states: Set<number>): Set<number> {
  const stack = [...states];
  while (stack.length > 0) {
    const s = stack.pop() as number;
    for (const t of a.free[s] ?? []) {
      if (!states.has(t)) {
        states.add(t);
        stack.push(t);
      }
    }
  }
  return states;
}

export function compileGlob(glob: string): GlobMatcher {
  const a = compile(glob);
  return {
    test(path: string): boolean {
      let states = closure(a, new Set([0]));
      for (let i = 0; i < path.length; i++) {
        const ch = path[i] as string;
        const next = new Set<number>();
        for (const s of states) {
          for (const e of a.edges[s] ?? []) {
            if (e.on === 'any' || (e.on === 'notSlash' && ch !== '/') || e.on === ch) next.add(e.to);
          }
        }
        if (next.size === 0) return false;
        states = closure(a, next);
      }
      return states.has(a.accept);
    },
  };
}

/** True when `relPath` (or any of its parent directories) matches one of the patterns. */
export function matchesAny(relPath: string, patterns: readonly GlobMatcher[]): boolean {
  if (patterns.length === 0) return false;
  const parts = relPath.split('/');
  for (let i = parts.length; i > 0; i--) {
    const prefix = parts.slice(0, i).join('/');
    if (patterns.some((p) => p.test(prefix))) return true;
  }
  return false;
}
