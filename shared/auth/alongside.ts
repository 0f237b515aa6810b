export const alongside = async <C, T>(check: Promise<C>, read: Promise<T>): Promise<[C, T]> => {
  const [checked, found] = await Promise.allSettled([check, read]);
  if (checked.status === 'rejected') throw checked.reason;
  if (found.status === 'rejected') throw found.reason;
  return [checked.value, found.value];
};
