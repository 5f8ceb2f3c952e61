/**
 * Outbound HTTP for webhooks: POST with a deadline, to public addresses only.
 *
 * The address check runs twice: when a hook is saved (`checkAddress`, for a clear 422) and in
 * the socket's own DNS lookup at every call, so a name that resolved to a public address then
 * and to 127.0.0.1 now (DNS rebinding) is refused: the connection only ever goes to an address
 * that passed. Redirects are not followed. `WEBHOOK_ALLOW_PRIVATE=true` lifts the check (tests,
 * an installation whose receivers are on its own network).
 */
import { lookup as dnsLookup } from 'node:dns'
import type { LookupAddress, LookupOptions } from 'node:dns'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BlockList, isIP } from 'node:net'
import type { OutboundHttp } from '../core/webhooks/ports.js'
import { OutboundRefusedError } from '../core/webhooks/ports.js'

/**
 * Addresses that are not the public internet (RFC 6890 special-purpose ranges). One list per
 * family: a BlockList matches IPv4 addresses against IPv6 rules too (as ::ffff:a.b.c.d).
 */
const NOT_PUBLIC_V4 = new BlockList()
const NOT_PUBLIC_V6 = new BlockList()
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NOT_PUBLIC_V4.addSubnet(prefix, bits, 'ipv4')
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  // IPv4-mapped and -translated addresses would reach IPv4 ranges around the list above.
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  NOT_PUBLIC_V6.addSubnet(prefix, bits, 'ipv6')

export function isPublicAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  return family === 4
    ? !NOT_PUBLIC_V4.check(address, 'ipv4')
    : !NOT_PUBLIC_V6.check(address, 'ipv6')
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1')

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/** The socket's DNS lookup, refusing names that resolve to any address not public. */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, [])
    if (addresses.some((a) => !isPublicAddress(a.address)))
      return callback(new OutboundRefusedError('private_address'), [])
    if (options.all) return callback(null, addresses)
    callback(null, addresses[0].address, addresses[0].family)
  })
}

export function createOutboundHttp(options: { allowPrivate: boolean }): OutboundHttp {
  const { allowPrivate } = options
  return {
    async checkAddress(url) {
      if (allowPrivate) return undefined
      const host = hostOf(url)
      if (isIP(host)) return isPublicAddress(host) ? undefined : 'private_address'
      try {
        const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
          dnsLookup(host, { all: true }, (error, found) =>
            error ? reject(error) : resolve(found),
          ),
        )
        return addresses.every((a) => isPublicAddress(a.address)) ? undefined : 'private_address'
      } catch {
        return 'unresolvable'
      }
    },

    post(target, body, headers, timeoutMs) {
      const url = new URL(target)
      const host = hostOf(url)
      // A literal address gets no lookup from the socket: check it here.
      if (!allowPrivate && isIP(host) && !isPublicAddress(host))
        return Promise.reject(new OutboundRefusedError('private_address'))
      const request = url.protocol === 'https:' ? httpsRequest : httpRequest
      return new Promise((resolve, reject) => {
        const req = request(
          url,
          {
            method: 'POST',
            headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
            ...(allowPrivate ? {} : { lookup: guardedLookup }),
          },
          (res) => {
            clearTimeout(timer)
            // The answer's body is not needed; read it away so the socket is freed.
            res.resume()
            resolve({ status: res.statusCode ?? 0 })
          },
        )
        const timer = setTimeout(
          () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)),
          timeoutMs,
        )
        req.on('error', (error) => {
          clearTimeout(timer)
          reject(error)
        })
        req.end(body)
      })
    },
  }
}
