// An uploaded source file read into blocks and metadata (lib/sources/import/file.ts), off the
// request thread: a hostile file (a zip bomb, deep nesting, a huge PDF) costs a worker, never the app.
import { importFile, type UploadedFile } from '@/lib/sources/import/file'
import type { ImportResult } from '@/lib/sources/import/draft'

export default async function parseUpload(file: UploadedFile): Promise<ImportResult> {
  return importFile(file)
}
