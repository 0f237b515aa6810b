/**
 * An access check and a read that does not depend on it, side by side in one round trip. The read's
 * answer is used only once the check passed, and a refusal wins over the read's own error, so a caller
 * without access learns nothing from either.
 */
export const alongside = async <C, T>(check: Promise<C>, read: Promise<T>): Promise<[C, T]> => {
  const [checked, found] = await Promise.allSettled([check, read]);
  if (checked.status === 'rejected') throw checked.reason;
  if (found.status === 'rejected') throw found.reason;
  return [checked.value, found.value];
};
