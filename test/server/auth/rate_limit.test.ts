import { describe, expect, it } from 'vitest';
import { FailureWindow, TokenBuckets } from '../../../server/auth/rate_limit.ts';

describe('TokenBuckets', () => {
  it('allows a burst, then refills at the rate, per key', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => buckets.take('a'))).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(1); // empty: a token in half a second, rounded up to 1 s
    expect(buckets.take('b')).toBe(0); // another key has its own bucket
    now += 500;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBeGreaterThan(0);
    now += 10_000; // refills only up to the burst
    expect([1, 2, 3, 4].map(() => buckets.take('a'))).toEqual([0, 0, 0, 1]);
  });

  it('is off with a rate of 0', () => {
    const buckets = new TokenBuckets({ perSecond: 0, burst: 0 });
    for (let i = 0; i < 1000; i++) expect(buckets.take('a')).toBe(0);
  });
});

describe('FailureWindow', () => {
  it('blocks after max failures until the oldest leaves the window; a success clears', () => {
    let now = 0;
    const w = new FailureWindow(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(w.blockedFor('k')).toBe(0);
      w.fail('k');
      now += 1000;
    }
    expect(w.blockedFor('k')).toBe(57); // the first failure leaves the window at 60 s
    expect(w.blockedFor('other')).toBe(0);
    now = 60_001;
    expect(w.blockedFor('k')).toBe(0);
    w.fail('k');
    w.clear('k');
    expect(w.blockedFor('k')).toBe(0);
  });
});
