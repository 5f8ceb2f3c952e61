/**
 * Keyset paging: fan-out and the reconciler walk large sets of rows a page at a time, each page
 * starting after the last key of the one before, so that no read holds the whole set and rows
 * written meanwhile neither shift nor repeat a page.
 */
export async function* keysetPages<Page>(
  read: (afterKey: number, first: boolean) => Promise<Page | undefined>,
  lastKeyOf: (page: Page) => number,
): AsyncGenerator<Page> {
  let after = 0
  for (let first = true; ; first = false) {
    const page = await read(after, first)
    if (page === undefined) return
    after = lastKeyOf(page)
    yield page
  }
}

/** Rows of a keyset page, or undefined when there are none (the end). */
export const nonEmpty = <Row>(rows: Row[]): Row[] | undefined => (rows.length ? rows : undefined)
