import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, RandomSource } from '../../core/ports.js';

export const cryptoRandom: RandomSource = {
  uuid: () => randomUUID(),
  secret: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};

export const systemClock: Clock = { now: () => new Date() };
