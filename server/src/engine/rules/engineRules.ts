// Findings that the parser and the engine emit themselves. They are rules so that they have ids,
// docs and severity settings like every other finding.
import type { EngineRule } from './rule';

export const engineRules: EngineRule[] = [
  { scope: 'engine', id: 'yaml-syntax', defaultSeverity: 'error', title: 'The file is not valid YAML at this position; this document is not analysed.' },
  { scope: 'engine', id: 'yaml-duplicate-key', defaultSeverity: 'error', title: 'A mapping repeats a key; the API server rejects it under strict field validation.' },
  { scope: 'engine', id: 'yaml-excessive-aliasing', defaultSeverity: 'error', title: 'Aliases expand to far more nodes than the document holds (an "alias bomb"); kubectl and the API server refuse it.' },
  { scope: 'engine', id: 'template-skipped', defaultSeverity: 'information', title: 'A Helm/Go template is not YAML until rendered; the file is skipped.' },
  { scope: 'engine', id: 'file-skipped', defaultSeverity: 'information', title: 'A file (or part of it) is over a limit or not text, and is not analysed.' },
];
