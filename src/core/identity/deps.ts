import type { RecordAudit } from '../audit/recorder.js';
import type { Clock, PasswordHasher, RandomSource } from '../ports.js';
import type { Store } from '../store.js';
import type { IdentityConfig } from './config.js';

export interface IdentityDeps {
  store: Store;
  clock: Clock;
  random: RandomSource;
  hasher: PasswordHasher;
  audit: RecordAudit;
  config: IdentityConfig;
}
