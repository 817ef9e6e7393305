// IANA_SVC_NAME: the grammar of container port names and of named targetPorts
// (apimachinery IsValidPortName), one message per failed check in the API server's order.

export function ianaSvcNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** The nearest valid IANA_SVC_NAME, when one is obvious (`HTTP` → `http`, `grpc_port` → `grpc-port`). */
export function ianaSvcNameRepair(name: string): string | undefined {
  const repaired = name
    .toLowerCase()
    .replace(/[^-a-z0-9]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return repaired && repaired !== name && ianaSvcNameErrors(repaired).length === 0 ? repaired : undefined;
}
