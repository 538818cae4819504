import { describe, expect, it } from 'vitest';
import { KeyedLock } from '../../src/util/keyed-lock.js';
import { LatestRun } from '../../src/util/latest-run.js';
import { SingleFlight } from '../../src/util/single-flight.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedLock', () => {
  it('runs tasks with the same key one at a time, in order', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([lock.run('k', task('a')), lock.run('k', task('b')), lock.run('k', task('c'))]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('runs different keys concurrently and survives a failing task', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const failing = lock.run('k', async () => {
      await tick();
      throw new Error('boom');
    });
    const other = lock.run('other', async () => void log.push('other ran'));
    const after = lock.run('k', async () => void log.push('after ran'));
    await expect(failing).rejects.toThrow('boom');
    await Promise.all([other, after]);
    expect(log).toEqual(['other ran', 'after ran']);
    await tick();
    expect(lock.size).toBe(0);
  });
});

describe('SingleFlight', () => {
  it('shares one execution among concurrent callers of a key', async () => {
    const flight = new SingleFlight<number>();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await tick();
      return 42;
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => flight.run('k', work)));
    expect(results).toEqual(Array(10).fill(42));
    expect(runs).toBe(1);
    await flight.run('k', work);
    expect(runs).toBe(2);
  });
});

describe('LatestRun', () => {
  it('shares one waiting run among callers, and never lets a caller join a run that already started', async () => {
    const runs = new LatestRun<number>();
    let started = 0;
    let release: () => void = () => undefined;
    const work = async () => {
      started += 1;
      const mine = started;
      await new Promise<void>((r) => (release = r));
      return mine;
    };
    const first = runs.run('k', work);
    await tick();
    expect(started).toBe(1);
    // Arrive while the first run is going: one follow-up run, shared by all ten.
    const later = Array.from({ length: 10 }, () => runs.run('k', work));
    await tick();
    expect(started).toBe(1);
    release();
    expect(await first).toBe(1);
    await tick();
    expect(started).toBe(2);
    release();
    expect(new Set(await Promise.all(later))).toEqual(new Set([2]));
  });

  it('runs a caller that will not join on its own, after the others', async () => {
    const runs = new LatestRun<string>();
    const order: string[] = [];
    const work = (name: string) => async () => {
      order.push(name);
      await tick();
      return name;
    };
    const results = await Promise.all([runs.run('k', work('a')), runs.run('k', work('b')), runs.run('k', work('c'), { join: false })]);
    expect(results).toEqual(['a', 'a', 'c']);
    expect(order).toEqual(['a', 'c']);
  });
});
