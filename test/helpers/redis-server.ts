/**
 * A private, non-persistent redis-server for fault tests: stopping it loses everything, like a
 * managed Redis that restarts without persistence. Other tests keep using the shared server.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { connect } from 'node:net'
import { Redis } from 'ioredis'
import { freePort } from './postgres-server.js'

export interface RedisServer {
  url: string
  start(): Promise<void>
  /** Kills the server; all data is gone. */
  stop(): Promise<void>
  /** FLUSHALL on this private server (never on the shared one). */
  flushAll(): Promise<void>
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.end()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      )
      const started = Date.now()
      while (!(await answers(port))) {
        if (Date.now() - started > 10_000) throw new Error('redis-server did not start')
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    async stop() {
      if (!child || child.exitCode !== null) return
      const exited = new Promise((r) => child!.once('exit', r))
      child.kill('SIGKILL')
      await exited
    },
    async flushAll() {
      const client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 1 })
      client.on('error', () => {})
      try {
        await client.connect()
        await client.flushall()
      } finally {
        client.disconnect()
      }
    },
  }
  await server.start()
  return server
}
