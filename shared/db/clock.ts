export const clock = {
  now: (): number => Date.now(),
};
