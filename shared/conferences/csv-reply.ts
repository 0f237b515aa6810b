export const csvHeaders = (fileName: string, continued: boolean, nextCursor: string | null) => ({
  'content-type': `text/csv; charset=utf-8; header=${continued ? 'absent' : 'present'}`,
  'content-disposition': `attachment; filename="${fileName}"`,
  ...(nextCursor ? { 'x-next-cursor': nextCursor } : {}),
});
