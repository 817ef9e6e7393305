// Measures the schema rules: ajv compile time per kind (first use) and the cost of structural
// validation per object (value conversion + ajv + mapping back to YAML), over a folder of manifests.
//   npm run compile-tests && node scripts/bench-schemas.mjs [FOLDER]   (default: ../shared/corpus)
// Timings on a shared machine are noisy: run it a few times and read the spread.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const engine = resolve('build/server/src/engine');
const t0 = performance.now();
const { KIND_SCHEMAS } = require(join(engine, 'schema/catalog.js'));
const tCatalog = performance.now() - t0;
const { compileStats, validateStructure } = require(join(engine, 'schema/validate.js'));
const { structuralProblems } = require(join(engine, 'rules/schema/structure.js'));
const { parseFile } = require(join(engine, 'parse.js'));
const { extractObjects } = require(join(engine, 'resources.js'));

const folder = resolve(process.argv[2] ?? '../shared/corpus');
const files = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.ya?ml$/.test(e.name)) files.push(p);
  }
};
walk(folder);
const load = () => files.flatMap((f) => extractObjects(parseFile(f, readFileSync(f, 'utf8'))));

console.log(`catalog (the inlined schemas) loaded in ${tCatalog.toFixed(0)} ms`);
const perKind = [];
for (const k of KIND_SCHEMAS.values()) {
  const before = compileStats.ms;
  validateStructure(k.apiVersion, k.kind, {});
  perKind.push(`${k.kind} ${(compileStats.ms - before).toFixed(0)}`);
}
console.log(`compile on first use, ms (in this order; later kinds reuse shared definitions): ${perKind.join(', ')}; total ${compileStats.ms.toFixed(0)}`);

const objects = load();
const withSchema = objects.filter((o) => KIND_SCHEMAS.has(`${o.resource.apiVersion}/${o.resource.kind}`));
const rounds = 5;
const times = [];
for (let i = 0; i < rounds; i++) {
  const fresh = i === 0 ? objects : load(); // results are cached per YAML node: parse again
  const t = performance.now();
  for (const o of fresh) structuralProblems(o);
  times.push(performance.now() - t);
}
const best = Math.min(...times);
console.log(`${files.length} files, ${objects.length} objects, ${withSchema.length} with a schema`);
console.log(`validation rounds, ms: ${times.map((t) => t.toFixed(0)).join(', ')}; best ${((best * 1000) / withSchema.length).toFixed(0)} µs per object with a schema`);
