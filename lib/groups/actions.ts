'use server'
// Server actions for groups: thin wrappers that add the session user and refresh the pages.
import { revalidatePath } from 'next/cache'
import type { z } from 'zod'
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import { deleteGroup, leaveGroup, setGroupArchived } from './lifecycle'
import {
  createGroup,
  joinGroupByCode,
  removeMember,
  rotateJoinCode,
  setGroupTimeZone,
  updateGroupSettings,
} from './mutations'
import type {
  CreateGroup,
  DeleteGroup,
  GroupRef,
  GroupSettings,
  GroupTimeZone,
  JoinGroup,
  RemoveMember,
  SetArchived,
} from './schema'

export async function createGroupAction(input: z.input<typeof CreateGroup>): Promise<Result<{ id: string }>> {
  return attempt(async () => {
    const group = await createGroup(await getCurrentUser(), input)
    revalidatePath('/dashboard')
    return group
  })
}

export async function joinGroupAction(
  input: z.input<typeof JoinGroup>,
): Promise<Result<{ groupId: string; alreadyMember: boolean }>> {
  return attempt(async () => {
    const joined = await joinGroupByCode(await getCurrentUser(), input)
    revalidatePath('/dashboard')
    return joined
  })
}

export async function rotateJoinCodeAction(input: z.input<typeof GroupRef>): Promise<Result<{ joinCode: string }>> {
  return attempt(async () => {
    const rotated = await rotateJoinCode(await getCurrentUser(), input)
    revalidatePath('/groups/[groupId]', 'page')
    return rotated
  })
}

export async function removeMemberAction(input: z.input<typeof RemoveMember>): Promise<Result<{ joinCode: string }>> {
  return attempt(async () => {
    const rotated = await removeMember(await getCurrentUser(), input)
    revalidatePath('/groups/[groupId]', 'page')
    return rotated
  })
}

export async function updateGroupSettingsAction(input: z.input<typeof GroupSettings>): Promise<Result<void>> {
  return attempt(async () => {
    await updateGroupSettings(await getCurrentUser(), input)
    revalidatePath('/groups/[groupId]', 'page')
  })
}

export async function setGroupTimeZoneAction(input: z.input<typeof GroupTimeZone>): Promise<Result<void>> {
  return attempt(async () => {
    await setGroupTimeZone(await getCurrentUser(), input)
    revalidatePath('/groups/[groupId]', 'page')
  })
}

export async function leaveGroupAction(input: z.input<typeof GroupRef>): Promise<Result<void>> {
  return attempt(async () => {
    await leaveGroup(await getCurrentUser(), input)
    revalidatePath('/dashboard')
  })
}

export async function setGroupArchivedAction(
  input: z.input<typeof SetArchived>,
): Promise<Result<{ archivedAt: Date | null }>> {
  return attempt(async () => {
    const result = await setGroupArchived(await getCurrentUser(), input)
    revalidatePath('/dashboard')
    revalidatePath('/groups/[groupId]', 'layout')
    return result
  })
}

export async function deleteGroupAction(input: z.input<typeof DeleteGroup>): Promise<Result<{ name: string }>> {
  return attempt(async () => {
    const deleted = await deleteGroup(await getCurrentUser(), input)
    revalidatePath('/dashboard')
    return deleted
  })
}
