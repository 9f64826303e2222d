import { WriteBatcher } from './write-batcher';

/** A write that waits until the test lets it finish, recording the batches it was given. */
function gatedWrite() {
  const batches: number[][] = [];
  const gates: Array<() => void> = [];
  const write = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map((i) => i * 10);
  };
  const openNext = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()!();
  };
  return { batches, write, openNext };
}

describe(WriteBatcher.name, () => {
  it('writes a lone item without waiting for more, and what arrives meanwhile together in the next write', async () => {
    const { batches, write, openNext } = gatedWrite();
    const batcher = new WriteBatcher(write);
    const first = batcher.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]);
    const later = [batcher.add(2), batcher.add(3), batcher.add(4)];
    await openNext();
    expect(await first).toBe(10);
    await openNext();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('shares the first write among items added in the same tick, and splits at the batch size', async () => {
    const { batches, write, openNext } = gatedWrite();
    const batcher = new WriteBatcher(write, 2);
    const results = [batcher.add(1), batcher.add(2), batcher.add(3)];
    await openNext();
    await openNext();
    expect(await Promise.all(results)).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('fails every item of a failed write, and goes on with the next', async () => {
    let calls = 0;
    const batcher = new WriteBatcher<number, number>(async (items) => {
      calls++;
      if (calls === 1) throw new Error('Postgres is down');
      return items;
    });
    const failed = [batcher.add(1), batcher.add(2)];
    await expect(Promise.all(failed.map((p) => p.catch((e: Error) => e.message)))).resolves.toEqual(['Postgres is down', 'Postgres is down']);
    await expect(batcher.add(3)).resolves.toBe(3);
  });
});
