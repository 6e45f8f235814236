import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, RandomSource } from '../../core/ports.js';

export const cryptoRandom: RandomSource = {
  uuid: () => randomUUID(),
  secret: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};

export const systemClock: Clock = { now: () => new Date() };

/** The system clock moved forward by hand (end-to-end tests of deadlines against a real server). */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
