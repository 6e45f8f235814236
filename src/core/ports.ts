/**
 * What the domain needs from the outside world, passed in as arguments. The domain never
 * reads the clock, the random source, the database or the file system itself.
 */
export interface Clock {
  now(): Date;
}

export interface RandomSource {
  uuid(): string;
  /** A URL-safe random secret with at least `bytes` bytes of entropy. */
  secret(bytes?: number): string;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
