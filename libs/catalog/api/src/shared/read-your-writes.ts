/**
 * Waits for a read model to include the caller's write when the request names its position. After the timeout the
 * list is served as it is (eventually consistent): a slow projector must not turn reads into errors.
 */
export const readAfter = async (position: number | undefined, wait: (position: number) => Promise<void>): Promise<void> => {
  if (position === undefined) return;
  try {
    await wait(position);
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ReadModelBehind')) throw error;
  }
};
