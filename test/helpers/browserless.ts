/**
 * A minimal HTTP client for page tests without a browser: keeps cookies between requests to
 * an app (app.request) and pulls hidden form fields (like `_csrf`) out of returned HTML.
 */
type Fetchable = { request: (input: string, init?: RequestInit) => Response | Promise<Response> }

export function createSession(app: Fetchable, origin = 'http://tiedote.test') {
  const jar = new Map<string, string>()
  const remember = (res: Response) => {
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';')
      const [name, ...rest] = pair.split('=')
      const value = rest.join('=')
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(header) || value === '')
        jar.delete(name.trim())
      else jar.set(name.trim(), value)
    }
  }
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  return {
    jar,
    async get(path: string, headers: Record<string, string> = {}) {
      const res = await app.request(`${origin}${path}`, {
        headers: { cookie: cookieHeader(), ...headers },
      })
      remember(res)
      return res
    },
    async post(
      path: string,
      form: Record<string, string | string[]>,
      headers: Record<string, string> = {},
    ) {
      const body = new URLSearchParams()
      for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item)
      const res = await app.request(`${origin}${path}`, {
        method: 'POST',
        body,
        headers: {
          cookie: cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
          origin,
          ...headers,
        },
      })
      remember(res)
      return res
    },
  }
}

/** The value of a hidden input in HTML, e.g. hiddenField(html, '_csrf'). */
export function hiddenField(html: string, name: string): string {
  const match =
    new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html) ??
    new RegExp(`value="([^"]*)"[^>]*name="${name}"`).exec(html)
  if (!match) throw new Error(`no field ${name} in page`)
  return match[1]
}
