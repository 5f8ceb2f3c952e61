/**
 * The client's IP address, for per-IP rate limits and consent records. Forwarded headers are
 * claims anyone can send, so they are read only when the socket's peer is a proxy the operator
 * named in `TRUST_PROXY` (addresses, CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`).
 * Walking the chain from the right — the peer, then `X-Forwarded-For` from its last entry — the
 * client is the first address that is not a trusted proxy: entries further left were written by
 * the client itself. Without `TRUST_PROXY` the peer is the client. On Cloudflare Workers the
 * platform's `CF-Connecting-IP` is used (clients cannot set it there).
 */
import type { Context } from 'hono'
import { getRuntimeKey } from 'hono/adapter'
import proxyAddr from 'proxy-addr'

type Trust = (address: string, hop: number) => boolean

const compiled = new Map<string, Trust>()

/** Throws with a message naming the first entry that is not an address, range or preset. */
export function compileTrustProxy(list: readonly string[]): Trust {
  const key = list.join(',')
  let trust = compiled.get(key)
  if (!trust) {
    trust = proxyAddr.compile([...list])
    compiled.set(key, trust)
  }
  return trust
}

export function clientIp(c: Context, trustProxy: readonly string[]): string {
  if (getRuntimeKey() === 'workerd') return c.req.header('cf-connecting-ip') ?? 'unknown'
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  const peer = env?.incoming?.socket?.remoteAddress
  if (trustProxy.length === 0) return peer ?? 'unknown'
  const trust = compileTrustProxy(trustProxy)
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  // Right to left: the peer (absent for requests made inside the process), then the header.
  const chain = [...(peer ? [peer] : []), ...forwarded.reverse()]
  for (const [hop, address] of chain.entries()) {
    if (hop === chain.length - 1 || !trust(address, hop)) return address
  }
  return 'unknown'
}
