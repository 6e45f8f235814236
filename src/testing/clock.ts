import type { Clock } from '../core/ports.js';

/** A clock tests move by hand. */
export class TestClock implements Clock {
  private current: number;
  constructor(start = '2026-04-01T00:00:00.000Z') {
    this.current = Date.parse(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }
}
