import type { INestApplication } from '@nestjs/common';

/** Listens where the bench says (PORT, HOST) and closes cleanly on SIGTERM, like the platform does. */
export const listenForBench = async (app: INestApplication, onClose: () => Promise<void> = async () => undefined): Promise<void> => {
  await app.listen(Number(process.env['PORT'] ?? 3000), process.env['HOST'] ?? '127.0.0.1');
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(onClose)
      .finally(() => process.exit(0));
  });
};
