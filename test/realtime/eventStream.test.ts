import { EventStream } from '../../src/realtime/eventStream';

describe('a subscriber stream', () => {
  it('replaces the backlog of a slow reader by one overflow item, and counts what it dropped', async () => {
    const dropped: number[] = [];
    const stream = new EventStream<string>({ maxBuffered: 3, overflow: () => 'RESYNC', onDropped: (n) => dropped.push(n) });
    for (const item of ['a', 'b', 'c', 'd', 'e']) stream.push(item);
    stream.end();
    const read: string[] = [];
    for await (const item of stream) read.push(item);
    expect(read).toEqual(['RESYNC', 'e']);
    expect(dropped).toEqual([3]);
  });

  it('calls onClose once whether the client or the bridge ends it, and ends with the error given', async () => {
    let closes = 0;
    const stream = new EventStream<string>({ maxBuffered: 10, overflow: () => 'RESYNC', onClose: () => closes++ });
    const pending = stream.next();
    stream.end(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
    await stream.return();
    expect(closes).toBe(1);
    await expect(stream.next()).resolves.toEqual({ value: undefined, done: true });
  });
});
