/**
 * Security headers for every response. The policy allows only same-origin resources and no
 * inline scripts; JSON-LD data blocks are not executed and so are unaffected. A route that sets
 * a stricter header itself keeps it (uploaded files: a sandboxing policy; subscriber link pages:
 * no referrer), so these are defaults, never overwrites.
 */
import { secureHeaders } from 'hono/secure-headers'

export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
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
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-site',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    overwrite: false,
  })
