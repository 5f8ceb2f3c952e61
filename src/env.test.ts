import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './env.js'

const base = { SECRET_KEY: 'x'.repeat(32), DATA_DIR: '/tmp/tiedote-env-test' }

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env })
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig(base)
    expect(config.port).toBe(3000)
    expect(config.publicUrl).toBe('http://localhost:3000')
    expect(config.databaseUrl).toBe('sqlite:/tmp/tiedote-env-test/tiedote.db')
    expect(config.redisUrl).toBeUndefined()
    expect(config.smtpUrl).toBeUndefined()
    expect(config.mailFrom).toBe('Tiedote <no-reply@localhost>')
    expect(config.role).toBe('all')
    expect(config.workerNice).toBe(10)
    expect(config.deliveryLeaseMs).toBe(30_000)
  })

  it('takes a delivery lease of 5 to 600 whole seconds', () => {
    expect(loadConfig({ ...base, DELIVERY_LEASE_SECONDS: '5' }).deliveryLeaseMs).toBe(5000)
    expect(problemsOf({ DELIVERY_LEASE_SECONDS: '4' })).toEqual([
      'DELIVERY_LEASE_SECONDS="4": must be at least 5 (seconds)',
    ])
    expect(problemsOf({ DELIVERY_LEASE_SECONDS: '601' })).toEqual([
      'DELIVERY_LEASE_SECONDS="601": must be at most 600 (seconds)',
    ])
    expect(problemsOf({ DELIVERY_LEASE_SECONDS: '1.5' })).toEqual([
      'DELIVERY_LEASE_SECONDS="1.5": must be a whole number of seconds from 5 to 600',
    ])
    expect(problemsOf({ DELIVERY_LEASE_SECONDS: 'soon' })).toEqual([
      'DELIVERY_LEASE_SECONDS="soon": must be a whole number of seconds from 5 to 600',
    ])
  })

  it('takes a worker niceness from 0 to 19 only', () => {
    expect(loadConfig({ ...base, WORKER_NICE: '0' }).workerNice).toBe(0)
    expect(problemsOf({ WORKER_NICE: '20' })).toEqual([
      'WORKER_NICE="20": must be 0 (normal priority) to 19 (lowest)',
    ])
    expect(problemsOf({ WORKER_NICE: '2.5' })).toEqual([
      'WORKER_NICE="2.5": must be a whole number',
    ])
  })

  it('reports one readable line per problem', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://x', PORT: 'abc', ROLE: 'boss' })
    expect(problems).toHaveLength(3)
    expect(problems.join('\n')).toContain(
      'DATABASE_URL="mysql://x": must be sqlite:PATH or postgres://',
    )
    expect(problems.join('\n')).toContain('PORT="abc": must be a whole number')
    expect(problems.join('\n')).toContain('ROLE="boss": must be one of web, worker, all')
  })

  it('never prints the secret it rejects', () => {
    const problems = problemsOf({ SECRET_KEY: 'short-secret' })
    expect(problems[0]).toContain('SECRET_KEY=(hidden)')
    expect(problems[0]).not.toContain('short-secret')
    const metrics = problemsOf({ METRICS_TOKEN: 'kissa123' })
    expect(metrics).toEqual([
      'METRICS_TOKEN=(hidden): must be at least 16 characters (e.g. `openssl rand -hex 16`)',
    ])
  })

  it('takes an optional metrics token and worker metrics port', () => {
    expect(loadConfig(base)).toMatchObject({ metricsToken: undefined, metricsPort: undefined })
    expect(
      loadConfig({ ...base, METRICS_TOKEN: '0123456789abcdef', METRICS_PORT: '9464' }),
    ).toMatchObject({ metricsToken: '0123456789abcdef', metricsPort: 9464 })
    expect(problemsOf({ METRICS_PORT: '70000' })).toEqual([
      'METRICS_PORT="70000": must be a port number from 1 to 65535',
    ])
  })

  it('accepts PostgreSQL, SMTP and Redis URLs and trims a trailing slash from PUBLIC_URL', () => {
    const config = loadConfig({
      ...base,
      DATABASE_URL: 'postgres://u@db:5432/tiedote',
      SMTP_URL: 'smtps://u:p@mail:465',
      REDIS_URL: 'redis://cache:6379',
      PUBLIC_URL: 'https://news.example.fi/',
    })
    expect(config.publicUrl).toBe('https://news.example.fi')
    expect(config.smtpUrl).toBe('smtps://u:p@mail:465')
  })

  it('rejects malformed URLs', () => {
    expect(problemsOf({ SMTP_URL: 'http://mail' })[0]).toMatch(
      /^SMTP_URL=.*must be a URL like smtp:/,
    )
    expect(problemsOf({ PUBLIC_URL: 'news' })[0]).toMatch(/^PUBLIC_URL=/)
  })

  it('takes the installation name from SITE_NAME; unset leaves the neutral per-language name', () => {
    expect(loadConfig(base).siteName).toBeUndefined()
    expect(loadConfig({ ...base, SITE_NAME: '  ' }).siteName).toBeUndefined()
    expect(loadConfig({ ...base, SITE_NAME: 'Kaupungin uutishuone' }).siteName).toBe(
      'Kaupungin uutishuone',
    )
    expect(problemsOf({ SITE_NAME: 'A\nBcc: x' })[0]).toMatch(/^SITE_NAME=.*line breaks/)
  })
})
