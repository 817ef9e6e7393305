// Documents that are hard on a YAML language server but within its limits: the soak tests check
// that the server keeps answering while it validates them, and `npm run bench` times the answers.

/** 10,000 Services with only a type (a wrong one by default): ~700 KB, about 10^5 YAML nodes, one finding each. */
export function tenThousandDocuments(type = 'Nodeport'): string {
  return Array.from({ length: 10_000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec: {type: ${type}}\n`).join('---\n');
}

/** One Service whose 2,000 ports alias one anchor of 2,000 items: an alias amplifier within the limits. */
export function aliasAmplifier(type = 'Nodeport'): string {
  const anchor = Array.from({ length: 2000 }, (_, i) => i).join(',');
  const ports = Array.from({ length: 2000 }, (_, i) => `  - {port: ${i + 1}, targetPort: *big}`).join('\n');
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: amp\n  labels: {x: &big [${anchor}]}\nspec:\n  type: ${type}\n  ports:\n${ports}\n`;
}

/** Settings under which each generated Service has exactly one finding (its type). */
export const ONE_FINDING_PER_SERVICE = { rules: { 'service-ports-required': 'off', 'service-without-selector': 'off' } };
