/**
 * The `tiedote` command line: serve, migrate, user create/reset-password/disable/enable/role,
 * token create, mail test.
 * Errors a user can fix (bad configuration, missing Redis, invalid arguments) are printed as one
 * line each with exit code 1 — never a stack trace.
 */
import { parseArgs } from 'node:util'
import { createContainer } from './container.js'
import type { Container } from './container.js'
import { systemActor } from './core/auth/actor.js'
import {
  createStaffUser,
  findStaffUserByEmail,
  hasUsers,
  isUserRole,
  issueApiToken,
  resetStaffPassword,
  updateStaffUser,
} from './core/auth/users.js'
import { DomainError } from './core/errors.js'
import { ConfigError, ROLES, loadConfig } from './env.js'
import type { Role } from './env.js'
import { startService, stopOnSignals } from './main.js'
import { observeProcess } from './routes/ops/metrics.js'
import { stopWithParent } from './worker-process.js'
import { addOutboxRow, OUTBOX_KINDS } from './queue/outbox.js'
import { TemplateError } from './mail/templates.js'
import { StartupError } from './redis.js'
import { BackupError, backup, restore } from './db/backup.js'
import { createDb } from './db/index.js'
import { createRepositories } from './db/repositories/index.js'

const USAGE = `Usage: tiedote <command> [options]

Commands:
  serve [--role web|worker|all]          run the service (default role from ROLE, else all)
  migrate                                apply database migrations
  user create --email E --role R [--name N]   create a staff user (admin|editor|contributor);
                                         prints a one-time password
  user reset-password --email E          a new one-time password (valid 24 h); ends sessions
  user disable --email E                 the user cannot sign in; sessions end
  user enable --email E                  the user may sign in again
  user role --email E --role R           change the role (admin|editor|contributor)
  token create --name N [--role R]       create an API token; printed once, on the last line
  mail test --to ADDRESS                 send a test message through the queue and a worker
  backup PATH                            database, uploaded files and secret key into a new folder
                                         (safe while the service runs)
  restore PATH [--force]                 put a backup back (stop the service first; --force when
                                         the database already holds data)
`

class UsageError extends Error {}

const USER_COMMANDS = ['create', 'reset-password', 'disable', 'enable', 'role'] as const

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({
        args: argv.slice(1),
        // --supervised: started by a ROLE=all service (worker-process.ts), not for people to type.
        options: { role: { type: 'string' }, supervised: { type: 'boolean' } },
      })
      const config = loadConfig()
      const role = values.role ?? config.role
      if (!(ROLES as readonly string[]).includes(role)) {
        throw new UsageError(`--role must be one of ${ROLES.join(', ')}`)
      }
      const starting = startService(config, role as Role)
      if (values.supervised) stopWithParent()
      stopOnSignals(starting, config.shutdownTimeoutMs)
      observeProcess((await starting).container.metrics)
      return -1 // keep running
    }
    case 'migrate':
      return withContainer(async (deps) => {
        const applied = await deps.database.migrate()
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
      })
    case 'user': {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
      })
      if (!USER_COMMANDS.includes(sub as (typeof USER_COMMANDS)[number]))
        throw new UsageError(
          `Did you mean: tiedote user ${USER_COMMANDS.join('|')} --email E (see tiedote help)`,
        )
      if (!values.email) throw new UsageError('--email is required')
      if ((sub === 'create' || sub === 'role') && !isUserRole(values.role))
        throw new UsageError('--role must be admin, editor or contributor')
      return withContainer(async (deps) => {
        await deps.database.migrate()
        const cli = systemActor('cli')
        if (sub === 'create') {
          const { password } = await createStaffUser(deps.repos, deps.clock, cli, {
            email: values.email!,
            role: values.role!,
            name: values.name,
          })
          console.log(
            `Created ${values.role} ${values.email}. One-time password (change it at first sign-in):`,
          )
          console.log(password)
          return
        }
        const user = await findStaffUserByEmail(deps.repos, values.email!)
        if (sub === 'reset-password') {
          const { password } = await resetStaffPassword(deps.repos, deps.clock, cli, user.id)
          console.log(`New one-time password for ${user.email} (valid 24 hours; sessions ended):`)
          console.log(password)
          return
        }
        const change = sub === 'role' ? { role: values.role } : { disabled: sub === 'disable' }
        const updated = await updateStaffUser(deps.repos, deps.clock, cli, user.id, change)
        console.log(
          `${updated.email}: ${updated.role}, ${updated.disabled_at ? 'disabled' : 'may sign in'}.`,
        )
      })
    }
    case 'token': {
      if (sub !== 'create') throw new UsageError('Did you mean: tiedote token create --name N')
      const { values } = parseArgs({
        args: rest,
        options: { name: { type: 'string' }, role: { type: 'string' } },
      })
      if (!values.name) throw new UsageError('--name is required')
      const role = values.role ?? 'admin'
      if (!isUserRole(role)) throw new UsageError('--role must be admin, editor or contributor')
      return withContainer(async (deps) => {
        await deps.database.migrate()
        const { token } = await issueApiToken(deps.repos, deps.clock, systemActor('cli'), {
          name: values.name!,
          role,
        })
        console.log(`API token "${values.name}" (${role}). It is shown only now; store it safely:`)
        console.log(token)
      })
    }
    case 'backup': {
      if (!sub) throw new UsageError('Give the folder to write: tiedote backup PATH')
      const config = loadConfig()
      const manifest = await backup(config, sub, new Date())
      console.log(
        `Backed up the ${manifest.database} database, ${manifest.files} files and the secret key into ${sub}.`,
      )
      return 0
    }
    case 'restore': {
      if (!sub) throw new UsageError('Give the backup folder: tiedote restore PATH [--force]')
      const { values } = parseArgs({ args: rest, options: { force: { type: 'boolean' } } })
      const config = loadConfig()
      const database = createDb(config.databaseUrl)
      let holdsData = false
      try {
        // A database never migrated has no users table: nothing to lose.
        holdsData = await hasUsers(createRepositories(database.db)).catch(() => false)
      } finally {
        await database.close()
      }
      if (holdsData && !values.force)
        throw new UsageError(
          'The database already holds data: restoring replaces it. Stop the service and run again with --force',
        )
      const manifest = restore(config, sub)
      console.log(
        `Restored the ${manifest.database} database of ${manifest.createdAt} and ${manifest.files} files; start the service to apply any newer migrations.`,
      )
      return 0
    }
    case 'mail': {
      if (sub !== 'test') throw new UsageError('Did you mean: tiedote mail test --to ADDRESS')
      const { values } = parseArgs({ args: rest, options: { to: { type: 'string' } } })
      if (!values.to || !/^[^\s@<>]+@[^\s@<>]+$/.test(values.to)) {
        throw new UsageError('--to must be an email address')
      }
      return withContainer(async (deps) => {
        await deps.database.migrate()
        const id = await addOutboxRow(deps.repos, deps.clock, {
          kind: OUTBOX_KINDS.email,
          payload: { template: 'diagnostic', to: values.to },
        })
        await deps.dispatcher.dispatch([id])
        console.log(`Queued test message ${id} to ${values.to}; a running worker sends it.`)
      })
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE)
      return 0
    default:
      throw new UsageError(`Unknown command "${command}".\n${USAGE}`)
  }
}

async function withContainer(run: (deps: Container) => Promise<void>): Promise<number> {
  const config = loadConfig()
  const deps = await createContainer({ ...config, logLevel: 'warn' })
  try {
    await run(deps)
    return 0
  } finally {
    await deps.close()
  }
}

function explain(error: unknown): string {
  if (error instanceof ConfigError)
    return error.problems.map((p) => `Configuration error: ${p}`).join('\n')
  if (error instanceof StartupError || error instanceof UsageError) return error.message
  if (error instanceof BackupError) return `Error: ${error.message}`
  if (error instanceof TemplateError) return error.message
  if (error instanceof DomainError) return `Error: ${error.message}`
  const e = error as { code?: string; message?: string }
  if (e?.code === 'ECONNREFUSED')
    return `Cannot connect: ${e.message}. Is the database or Redis running?`
  if (
    e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
    e?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
  ) {
    return String(e.message)
  }
  return `Unexpected error: ${e?.message ?? String(error)}`
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    process.stderr.write(`${explain(error)}\n`)
    process.exit(1)
  },
)
