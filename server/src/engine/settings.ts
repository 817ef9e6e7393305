// Cluster facts and user choices, normalised in one place. VS Code settings (kubeServiceLens.*),
// `.kube-service-lens.yaml` and the CLI's --config all go through `normalizeSettings`.
import type { ParseLimits } from './parse';
import { DEFAULT_LIMITS } from './parse';
import type { Severity } from './types';
import { SEVERITIES } from './types';

export type SeverityOverride = Severity | 'off';

export interface Settings {
  /** Service CIDRs of the cluster, IPv4 and/or IPv6. */
  serviceCIDRs: string[];
  /** False while serviceCIDRs is the kubeadm default: which IP families the cluster serves is then a guess. */
  serviceCIDRsConfigured: boolean;
  nodePortRange: { min: number; max: number };
  clusterDomain: string;
  /** Namespace of objects that do not set metadata.namespace. */
  defaultNamespace: string;
  /** Node addresses shown in URL previews. */
  nodeAddresses: string[];
  /** Per-rule severity, by rule id. */
  rules: Record<string, SeverityOverride>;
  /** Glob patterns (relative to the workspace root) of files not to index. */
  exclude: string[];
  limits: ParseLimits;
}

/** Every key the settings understand (package.json's contributes.configuration must list them). */
export const SETTING_KEYS = [
  'serviceCIDRs',
  'nodePortRange',
  'clusterDomain',
  'defaultNamespace',
  'nodeAddresses',
  'rules',
  'exclude',
  'maxFileSizeMB',
  'maxDocuments',
  'maxDocumentSizeKB',
  // Read by the language server only.
  'diagnostics',
  'trace.server',
] as const;

export const DEFAULT_SETTINGS: Settings = {
  serviceCIDRs: ['10.96.0.0/12'],
  serviceCIDRsConfigured: false,
  nodePortRange: { min: 30000, max: 32767 },
  clusterDomain: 'cluster.local',
  defaultNamespace: 'default',
  nodeAddresses: [],
  rules: {},
  exclude: [],
  limits: DEFAULT_LIMITS,
};

export interface SettingsProblem {
  key: string;
  message: string;
}

/**
 * Turns loosely typed input (JSON from VS Code, YAML from a config file) into Settings.
 * Bad values fall back to the default and are reported, never thrown.
 */
export function normalizeSettings(raw: unknown, problems: SettingsProblem[] = []): Settings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const s: Settings = {
    ...DEFAULT_SETTINGS,
    rules: {},
    limits: { ...DEFAULT_LIMITS },
  };

  if (input.serviceCIDRs !== undefined) {
    const list = toStringList(input.serviceCIDRs);
    if (list && list.length > 0) {
      s.serviceCIDRs = list;
      s.serviceCIDRsConfigured = true;
    }
    else problems.push({ key: 'serviceCIDRs', message: 'serviceCIDRs must be a non-empty list of CIDRs such as "10.96.0.0/12"' });
  }
  if (input.nodePortRange !== undefined) {
    const range = parsePortRange(input.nodePortRange);
    if (range) s.nodePortRange = range;
    else problems.push({ key: 'nodePortRange', message: 'nodePortRange must look like "30000-32767" with 1 <= min <= max <= 65535' });
  }
  if (typeof input.clusterDomain === 'string' && input.clusterDomain.trim()) s.clusterDomain = input.clusterDomain.trim().replace(/\.$/, '');
  if (typeof input.defaultNamespace === 'string' && input.defaultNamespace.trim()) s.defaultNamespace = input.defaultNamespace.trim();
  if (input.nodeAddresses !== undefined) s.nodeAddresses = toStringList(input.nodeAddresses) ?? [];
  if (input.exclude !== undefined) s.exclude = toStringList(input.exclude) ?? [];
  if (typeof input.maxFileSizeMB === 'number' && input.maxFileSizeMB > 0) s.limits.maxFileBytes = Math.round(input.maxFileSizeMB * 1024 * 1024);
  if (typeof input.maxDocuments === 'number' && input.maxDocuments > 0) s.limits.maxDocuments = Math.floor(input.maxDocuments);
  if (typeof input.maxDocumentSizeKB === 'number' && input.maxDocumentSizeKB > 0) s.limits.maxDocumentBytes = Math.round(input.maxDocumentSizeKB * 1024);

  const rules = input.rules;
  if (rules && typeof rules === 'object') {
    for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
      const v = typeof value === 'string' ? value.toLowerCase() : value;
      const sev = v === 'info' ? 'information' : v;
      if (sev === 'off' || SEVERITIES.includes(sev as Severity)) s.rules[id] = sev as SeverityOverride;
      else problems.push({ key: `rules.${id}`, message: `severity of ${id} must be one of off, error, warning, information, hint` });
    }
  }
  return s;
}

function toStringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
  return undefined;
}

export function parsePortRange(value: unknown): { min: number; max: number } | undefined {
  let min: number | undefined;
  let max: number | undefined;
  if (typeof value === 'string') {
    const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(value);
    if (m) [min, max] = [Number(m[1]), Number(m[2])];
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.min === 'number' && typeof o.max === 'number') [min, max] = [o.min, o.max];
  }
  if (min === undefined || max === undefined || !Number.isInteger(min) || !Number.isInteger(max)) return undefined;
  if (min < 1 || max > 65535 || min > max) return undefined;
  return { min, max };
}

export function formatPortRange(r: { min: number; max: number }): string {
  return `${r.min}-${r.max}`;
}
