// An uploaded source file read into blocks and metadata (lib/sources/import/file.ts), off the
// request thread: the form itself, and a hostile file (a zip bomb, deep nesting, a huge PDF), cost
// a worker, never the app.
import { importFile } from '@/lib/sources/import/file'
import type { ImportResult } from '@/lib/sources/import/draft'
import { fileOfForm } from '@/lib/sources/import/upload-form'

export interface UploadForm {
  /** The multipart/form-data body as sent. */
  body: Uint8Array
  contentType: string
}

export default async function parseUpload(form: UploadForm): Promise<ImportResult> {
  return importFile(await fileOfForm(form.body, form.contentType))
}
