/** The numeric part of `SVC0000012` (12): sorts services by number whatever the number of digits. */
export const serviceNumberSequence = (number: string): number => {
  const digits = /(\d+)$/.exec(number);
  if (!digits) throw new Error(`Service number without digits: ${number}`);
  return Number(digits[1]);
};
