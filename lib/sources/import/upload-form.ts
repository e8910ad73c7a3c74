// The upload form's body (multipart/form-data with one field, "file") as the file it carries.
// Parsed in the parse-upload job's worker thread, not on the request thread: reading a 10 MB form
// holds a thread for 70–200 ms, which four uploads at a time would take from everyone else.
import { Invalid } from '@/lib/errors'
import { MAX_UPLOAD_BYTES, TOO_LARGE_MESSAGE } from '../upload'
import type { UploadedFile } from './file'

export async function fileOfForm(body: Uint8Array, contentType: string): Promise<UploadedFile> {
  let form: FormData
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData()
  } catch {
    throw new Invalid('The upload could not be read. Choose the file again and retry.')
  }
  const file = form.get('file')
  if (!(file instanceof File)) throw new Invalid('Choose a file to upload.', { file: 'Choose a file to upload.' })
  if (file.size > MAX_UPLOAD_BYTES) throw new Invalid(TOO_LARGE_MESSAGE)
  return { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }
}
