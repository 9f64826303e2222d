import { Injectable } from '@nestjs/common';

/**
 * Time for every rule that waits (lockouts, code expiry, remembered devices, SLA). Tests move it
 * instead of sleeping; outside NODE_ENV=test the offset can never be set (see TestClockController).
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }

  get offset(): number {
    return this.offsetMs;
  }
}
