import { InProcessMutex } from './in-process-mutex';

describe('InProcessMutex', () => {
  it('runs one critical section at a time, in call order', async () => {
    const mutex = new InProcessMutex();
    const log: string[] = [];
    const section = (name: string) => async () => {
      log.push(`${name}:start`);
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`${name}:end`);
      return name;
    };
    await expect(Promise.all([mutex.run(section('a')), mutex.run(section('b'))])).resolves.toEqual(['a', 'b']);
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
  });

  it('goes on after a section fails', async () => {
    const mutex = new InProcessMutex();
    const failed = mutex.run(async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(mutex.run(async () => 'next')).resolves.toBe('next');
  });
});
