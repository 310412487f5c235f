/** A stable partition for a key (FNV-1a): one key always lands on one partition, so its messages keep their order. */
export const partitionForKey = (key: string, partitions: number): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
};
