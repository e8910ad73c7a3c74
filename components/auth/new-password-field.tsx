// The field for a new password, at sign-up and when changing it: the same rule, said the same way.
import { Field } from '@/components/ui/field'

export function NewPasswordField({ label, name, error }: { label: string; name: string; error?: string }) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      minLength={10}
      hint="At least 10 characters. A few unrelated words make a strong one."
      error={error}
    />
  )
}
