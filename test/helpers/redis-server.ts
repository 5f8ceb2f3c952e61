/**
 * A private, non-persistent redis-server for fault tests: stopping it loses everything, like a
 * managed Redis that restarts without persistence. Other tests keep using the shared server.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { connect } from 'node:net'
import { Redis } from 'ioredis'
import { freePort } from './postgres-server.js'
import { eventually } from './wait.js'

export interface RedisServer {
  url: string
  start(): Promise<void>
  /** Kills the server; all data is gone. */
  stop(): Promise<void>
  /** Stops the server, leaves it down a moment (an outage, not a blip) and starts it empty. */
  restart(downMs?: number): Promise<void>
  /** FLUSHALL on this private server (never on the shared one). */
  flushAll(): Promise<void>
  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, like a hung host. */
  pause(): void
  /** Lets a paused server run on (SIGCONT), data intact. */
  resume(): void
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
      await eventually(() => answers(port), {
        timeoutMs: 10_000,
        what: 'redis-server to answer',
        intervalMs: 50,
      })
    },
    async stop() {
      if (!child || child.exitCode !== null) return
      const exited = new Promise((r) => child!.once('exit', r))
      child.kill('SIGKILL')
      await exited
    },
    async restart(downMs = 1000) {
      await server.stop()
      await new Promise((resolve) => setTimeout(resolve, downMs))
      await server.start()
    },
    pause() {
      child?.kill('SIGSTOP')
    },
    resume() {
      child?.kill('SIGCONT')
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
