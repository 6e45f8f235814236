import type { FinancialModel } from '../../../../shared/contracts/financial-model';
import type { DraftIssue } from '../../../lib/financial-models/issues';

/** What every part of the editor gets: the draft, the case being edited, and how to change it. */
export interface EditorProps {
  doc: FinancialModel;
  /** `base` or a scenario's name. */
  scenario: string;
  editable: boolean;
  edit: (change: (doc: FinancialModel) => FinancialModel) => void;
  /** The draft's problems by dotted path. */
  issues: ReadonlyMap<string, DraftIssue>;
}

/** Where the case's own value of a field lives: the base document, or the scenario's overrides. */
export function fieldPath(doc: FinancialModel, scenario: string, base: string, override: string): string {
  if (scenario === 'base') return base;
  const index = doc.scenarios.findIndex((s) => s.name === scenario);
  return `scenarios.${index}.overrides.${override}`;
}
