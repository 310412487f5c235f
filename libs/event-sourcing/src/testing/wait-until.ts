/**
 * Polls `read` until it gives a value (anything but `undefined` or `false`) and returns it; fails naming `what`
 * after `timeoutMs`. A boolean predicate works as it is: `waitUntil('the relay', () => published.length >= 10)`.
 * For specs on eventually consistent parts (read models, subscriptions, separate processes). Plain Node, no jest.
 */
export const waitUntil = async <T>(
  what: string | (() => string),
  read: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 50,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};
