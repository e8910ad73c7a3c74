'use client'
// A small rich-text editor for notes and replies (Tiptap): bold, italic, lists, links.
// It hands back Tiptap JSON; the server validates it against lib/annotations/note.ts.
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useState } from 'react'
import type { NoteDoc } from '@/lib/annotations/note'

const extensions = [
  StarterKit.configure({
    heading: false,
    blockquote: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    link: { openOnClick: false, autolink: true, protocols: ['mailto'], defaultProtocol: 'https' },
  }),
]

interface NoteEditorProps {
  label: string
  initial?: NoteDoc | null
  submitLabel: string
  pending?: boolean
  onSubmit: (doc: NoteDoc) => void
  onCancel?: () => void
  autoFocus?: boolean
}

export function NoteEditor({ label, initial, submitLabel, pending, onSubmit, onCancel, autoFocus }: NoteEditorProps) {
  const [, setVersion] = useState(0)
  const editor = useEditor({
    extensions,
    content: initial ?? '',
    immediatelyRender: false,
    autofocus: autoFocus ? 'end' : false,
    editorProps: {
      attributes: {
        'aria-label': label,
        'aria-multiline': 'true',
        role: 'textbox',
        class:
          'min-h-16 rounded-b-md border border-stone-300 bg-white px-2 py-1.5 text-sm focus:outline-none [&_ul]:ml-5 [&_ul]:list-disc [&_ol]:ml-5 [&_ol]:list-decimal [&_a]:text-indigo-700 [&_a]:underline',
      },
    },
    // Re-render so the toolbar shows which marks are active.
    onTransaction: () => setVersion((v) => v + 1),
  })

  if (!editor) return <div className="min-h-16 rounded-md border border-stone-200 bg-stone-50" aria-hidden />

  const tool = (name: string, active: boolean, run: () => void, text: string) => (
    <button
      type="button"
      aria-label={name}
      aria-pressed={active}
      title={name}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
      className={`rounded px-2 py-0.5 text-xs ${active ? 'bg-indigo-100 text-indigo-900' : 'text-stone-700 hover:bg-stone-100'}`}
    >
      {text}
    </button>
  )

  const setLink = () => {
    const previous = (editor.getAttributes('link').href as string | undefined) ?? ''
    const href = window.prompt('Link address (https://… or mailto:…); leave empty to remove the link', previous)
    if (href === null) return
    if (href.trim() === '') editor.chain().focus().unsetLink().run()
    else editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run()
  }

  const submit = () => onSubmit(editor.getJSON() as NoteDoc)

  return (
    <div className="flex flex-col">
      <div
        role="toolbar"
        aria-label={`${label} formatting`}
        className="flex gap-1 rounded-t-md border border-b-0 border-stone-300 bg-stone-50 px-1 py-0.5"
      >
        {tool('Bold (Ctrl+B)', editor.isActive('bold'), () => editor.chain().focus().toggleBold().run(), 'B')}
        {tool('Italic (Ctrl+I)', editor.isActive('italic'), () => editor.chain().focus().toggleItalic().run(), 'I')}
        {tool(
          'Bulleted list',
          editor.isActive('bulletList'),
          () => editor.chain().focus().toggleBulletList().run(),
          '• List',
        )}
        {tool(
          'Numbered list',
          editor.isActive('orderedList'),
          () => editor.chain().focus().toggleOrderedList().run(),
          '1. List',
        )}
        {tool('Link', editor.isActive('link'), setLink, 'Link')}
      </div>
      <div
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault()
            submit()
          }
        }}
      >
        <EditorContent editor={editor} />
      </div>
      <div className="mt-2 flex items-center gap-2">
        <button
          type="button"
          disabled={pending}
          onClick={submit}
          className="rounded-md bg-indigo-700 px-3 py-1 text-xs font-medium text-white hover:bg-indigo-800 disabled:bg-indigo-300"
        >
          {pending ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button
            type="button"
            onClick={onCancel}
            className="rounded-md px-3 py-1 text-xs text-stone-700 hover:bg-stone-100"
          >
            Cancel
          </button>
        )}
        <span className="text-xs text-stone-500">Ctrl+Enter to save</span>
      </div>
    </div>
  )
}
