// Results of the end-to-end checks, counted the same way for every suite.
export interface StepResult {
  name: string;
  status: 'passed' | 'skipped' | 'failed';
  detail: string;
}
