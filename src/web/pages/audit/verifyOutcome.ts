import type { AuditVerifyResult } from '../../../shared/contracts/audit';

type ChainProblem = NonNullable<AuditVerifyResult['broken']>['problem'];

/** One sentence of the result: a message key of `audit.*` and its values. */
export type VerifyLine =
  | { key: 'audit.verifyOk'; values: { count: number } }
  | { key: 'audit.verifyOrgOk'; values: { count: number } }
  | { key: 'audit.verifyLastEvent'; values: { seq: number; hash: string } }
  | { key: 'audit.verifyUnsealed'; values: { count: number } }
  | {
      key: 'audit.verifyBrokenAt' | 'audit.verifyBrokenOwn' | 'audit.verifyBrokenOther';
      values: { seq: number; count: number };
      problem: ChainProblem;
    };

export interface VerifyOutcome {
  ok: boolean;
  lines: VerifyLine[];
}

/**
 * What the check's answer says, in words the UI translates. The operator's check is of the whole
 * chain; anyone else's is of their organisation's events (`orgId` set), where a broken event of
 * another organisation comes by position only (`ownEvent` false).
 */
export function verifyOutcome(result: AuditVerifyResult): VerifyOutcome {
  const forOrganization = result.orgId !== undefined;
  if (result.ok) {
    const lines: VerifyLine[] = [{ key: forOrganization ? 'audit.verifyOrgOk' : 'audit.verifyOk', values: { count: result.count } }];
    if (result.lastSeq !== undefined && result.lastHash !== undefined && result.lastSeq > 0)
      lines.push({ key: 'audit.verifyLastEvent', values: { seq: result.lastSeq, hash: result.lastHash } });
    if (result.unsealed && result.unsealed.count > 0) lines.push({ key: 'audit.verifyUnsealed', values: { count: result.unsealed.count } });
    return { ok: true, lines };
  }
  const broken = result.broken;
  const seq = broken?.seq ?? 0;
  const problem = broken?.problem ?? 'link_broken';
  const key = !forOrganization ? 'audit.verifyBrokenAt' : broken?.ownEvent ? 'audit.verifyBrokenOwn' : 'audit.verifyBrokenOther';
  return { ok: false, lines: [{ key, values: { seq, count: result.count }, problem }] };
}
