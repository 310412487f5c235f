/**
 * Polls `read` until it gives a value (anything but undefined) and returns it; fails naming `what` after
 * `timeoutMs`. For specs on eventually consistent parts (read models, separate processes).
 */
export const waitUntil = async <T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000, intervalMs = 50): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};
