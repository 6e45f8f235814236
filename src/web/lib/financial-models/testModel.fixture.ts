import sakuraV2 from '../../../../docs/examples/fm-project-sakura-v2.json';
import { type FinancialModel, financialModelSchema } from '../../../shared/contracts/financial-model';

/** The demo's bank case (Project Sakura v2) as the server answers it: parsed, defaults applied. For tests. */
export const sakura = (): FinancialModel => financialModelSchema.parse(structuredClone(sakuraV2));
