/**
 * Headers of one part of a CSV export: only the first part carries the header row, and a longer export
 * names the next part's cursor in `x-next-cursor`.
 */
export const csvHeaders = (fileName: string, continued: boolean, nextCursor: string | null) => ({
  'content-type': `text/csv; charset=utf-8; header=${continued ? 'absent' : 'present'}`,
  'content-disposition': `attachment; filename="${fileName}"`,
  ...(nextCursor ? { 'x-next-cursor': nextCursor } : {}),
});
