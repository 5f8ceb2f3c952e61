/**
 * One app per admin test file: a fresh installation on a manual clock with one newsroom, and
 * staff signed in through the login form (editors and contributors work in that newsroom).
 */
import { staffSignIn } from '../helpers/actors.js'
import type { SignIn, StaffSession } from '../helpers/actors.js'
import type { DbKind } from '../helpers/env.js'
import { seedNewsroom } from '../helpers/fixtures.js'
import { startTestApp } from '../helpers/harness.js'
import type { TestApp } from '../helpers/harness.js'

export type Session = StaffSession

export interface AdminHarness extends TestApp {
  newsroomId: number
  signIn: SignIn
}

export async function createAdminHarness(
  kind: DbKind,
  options: { start?: string; env?: Record<string, string> } = {},
): Promise<AdminHarness> {
  const base = await startTestApp(kind, {
    start: options.start ?? '2026-01-10T10:00:00Z',
    env: options.env,
  })
  const newsroom = await seedNewsroom(base.content, {
    timezone: 'Europe/Helsinki',
    boilerplate: {
      fi: 'Hyvinvointialue järjestää palvelut.',
      sv: 'Välfärdsområdet ordnar tjänsterna.',
    },
  })
  return {
    ...base,
    newsroomId: newsroom.id,
    signIn: staffSignIn(base.app, base.deps, { newsroomIds: [newsroom.id] }),
  }
}

/** Posts a multipart form (a file upload) with the session's cookies and form token. */
export function multipart(
  h: AdminHarness,
  session: Session,
  path: string,
  fields: Record<string, string | File>,
) {
  const form = new FormData()
  form.set('_csrf', session.csrf)
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return h.app.request(`http://tiedote.test${path}`, {
    method: 'POST',
    body: form,
    headers: { cookie: [...session.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
  })
}
