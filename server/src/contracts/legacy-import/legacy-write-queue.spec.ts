import { WriteQueue } from './legacy-write-queue';

/** A write the test finishes by hand. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { done, open, fail };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteQueue', () => {
  it('keeps at most `depth` batches in flight', async () => {
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const queue = new WriteQueue<number>(2, (n) => {
      started.push(n);
      return gates[n].done;
    });
    await queue.push(0, 10);
    await queue.push(1, 20);
    const third = queue.push(2, 30);
    await tick();
    expect(started).toEqual([0, 1]);
    gates[0].open();
    await third;
    expect(started).toEqual([0, 1, 2]);
    gates[1].open();
    gates[2].open();
    await queue.drain();
  });

  it('reports progress in file order, each after its batch has committed', async () => {
    const gates = [gate(), gate()];
    const progress: number[] = [];
    const queue = new WriteQueue<number>(2, (n) => gates[n].done, (rowsRead) => {
      progress.push(rowsRead);
    });
    await queue.push(0, 10);
    await queue.push(1, 20);
    gates[1].open();
    await tick();
    expect(progress).toEqual([]);
    gates[0].open();
    await queue.drain();
    expect(progress).toEqual([10, 20]);
  });

  it('starts no batch after a failure and throws it', async () => {
    const gates = [gate(), gate()];
    const started: number[] = [];
    const queue = new WriteQueue<number>(2, (n) => {
      started.push(n);
      return gates[n]?.done ?? Promise.resolve();
    });
    await queue.push(0, 10);
    await queue.push(1, 20);
    gates[1].fail(new Error('connection lost'));
    gates[0].open();
    await expect(queue.push(2, 30)).rejects.toThrow('connection lost');
    expect(started).toEqual([0, 1]);
    await queue.settle();
  });
});
