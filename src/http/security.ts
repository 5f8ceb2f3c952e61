/**
 * Security headers for every response. The policy allows only same-origin resources and no
 * inline scripts; JSON-LD data blocks are not executed and so are unaffected. A route that sets
 * a stricter header itself keeps it (uploaded files: a sandboxing policy; subscriber link pages:
 * no referrer), so these are defaults, never overwrites.
 */
import { secureHeaders } from 'hono/secure-headers'

const POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

/**
 * Recent Chromium (156 here) puts a banner of its own on every page made with XSLT, saying that
 * XSLT is being removed from the browser. Its style attributes and its close button's handler
 * are inline; under the policy above the banner sits unstyled in the middle of the window and
 * cannot be closed. These hashes allow exactly those attributes and that handler — nothing a
 * feed could bring — so the banner shows as the browser means it and the reader can close it.
 * Should the browser change the banner, its console names the new hashes.
 */
const XSLT_BANNER = {
  styles: [
    "'sha256-/3RHWtS7UXAcmJ7lSnklScB2fo7FSVHjVnJfEDpBmZs='",
    "'sha256-V2GycOVmq9EBDz8q16MG+o/Q8CCO+BnfgeyYK/ij3Tc='",
    "'sha256-Vc6YdsPwJmyOyOWY3K0+DEFqLyvNxfsrADVC0UvQkxI='",
    "'sha256-k7We2NkL52dzxJ7Onuayib0w0pIae+gF2hnqjj9zNCY='",
    "'sha256-wigbdYYtFNuCCF2AjANk4urC670LJtVGgGmNcceTXJY='",
  ],
  // this.getRootNode().host.remove();
  handlers: ["'sha256-TXA+6usvAyONGFuiE99/kgV7JxYXAtQaottQ4sJDSIw='"],
}

/** The policy of a feed a browser shows through /feeds/feed.xsl: the site's, plus the banner. */
export const FEED_PAGE_CSP = formatPolicy({
  ...POLICY,
  scriptSrc: [...POLICY.scriptSrc, "'unsafe-hashes'", ...XSLT_BANNER.handlers],
  styleSrc: [...POLICY.styleSrc, "'unsafe-hashes'", ...XSLT_BANNER.styles],
})

function formatPolicy(policy: Record<string, string[]>): string {
  return Object.entries(policy)
    .map(
      ([name, values]) =>
        `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`,
    )
    .join('; ')
}

export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: POLICY,
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-site',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    overwrite: false,
  })
