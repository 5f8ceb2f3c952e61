/*
 * Progressive enhancement for the staff pages; every page works without it.
 * - language tabs in the release editor on narrow screens (side by side on wide ones)
 * - live preview: posts the editor form to the server and shows the rendered page
 * - countdowns to scheduled publication
 * - delivery progress: polls a JSON endpoint and updates the bar
 * - the outbox viewer's email frame fitted to the message's height
 * - the navigation's groups (<details>) close on Escape, on a click elsewhere and when another opens
 * - the publish confirmation's recipient count follows the media lists as they are ticked
 * Served from /admin/assets/admin.js (same origin, allowed by the Content-Security-Policy).
 */
/* global document, window, fetch, FormData, URLSearchParams, DOMParser, setTimeout, clearTimeout, setInterval, clearInterval */
;(function () {
  'use strict'

  function setupTabs(root) {
    var panels = Array.prototype.slice.call(root.querySelectorAll('.version'))
    if (panels.length < 2) return
    // Side by side only when every version gets about 34rem beside the settings panel (20rem):
    // two languages from about 1470 px, three from about 2000 px; tabs below that.
    var wide = window.matchMedia('(min-width: ' + (panels.length * 34 + 24) + 'rem)')
    var list = document.createElement('div')
    list.className = 'lang-tabs'
    list.setAttribute('role', 'tablist')
    list.setAttribute('aria-label', root.getAttribute('data-tabs-label') || '')
    var tabs = panels.map(function (panel, index) {
      var tab = document.createElement('button')
      tab.type = 'button'
      tab.id = 'tab-' + panel.id
      tab.setAttribute('role', 'tab')
      tab.setAttribute('aria-controls', panel.id)
      tab.textContent = panel.getAttribute('data-tab-label') || String(index + 1)
      tab.addEventListener('click', function () {
        select(index, false)
      })
      tab.addEventListener('keydown', function (event) {
        var next = null
        if (event.key === 'ArrowRight') next = (index + 1) % panels.length
        if (event.key === 'ArrowLeft') next = (index - 1 + panels.length) % panels.length
        if (event.key === 'Home') next = 0
        if (event.key === 'End') next = panels.length - 1
        if (next !== null) {
          event.preventDefault()
          select(next, true)
        }
      })
      list.appendChild(tab)
      return tab
    })
    root.parentNode.insertBefore(list, root)
    var current = Math.max(
      0,
      panels.findIndex(function (panel) {
        return panel.querySelector('[aria-invalid="true"]')
      }),
    )

    function select(index, focus) {
      current = index
      apply()
      if (focus) tabs[index].focus()
      root.dispatchEvent(
        new window.CustomEvent('tabchange', { detail: panels[index].getAttribute('data-lang') }),
      )
    }

    function apply() {
      var tabbed = !wide.matches
      list.hidden = !tabbed
      panels.forEach(function (panel, index) {
        var active = index === current
        tabs[index].setAttribute('aria-selected', active ? 'true' : 'false')
        tabs[index].tabIndex = active ? 0 : -1
        if (tabbed) {
          panel.setAttribute('role', 'tabpanel')
          panel.setAttribute('aria-labelledby', tabs[index].id)
          panel.classList.toggle('tab-hidden', !active)
        } else {
          panel.removeAttribute('role')
          panel.setAttribute('aria-labelledby', panel.getAttribute('data-heading-id'))
          panel.classList.remove('tab-hidden')
        }
      })
    }

    // A link to a field (the error summary) opens the tab that holds it.
    document.addEventListener('click', function (event) {
      var link = event.target.closest && event.target.closest('a[href^="#"]')
      if (!link) return
      var target = document.getElementById(link.getAttribute('href').slice(1))
      var panel = target && target.closest('.version')
      if (panel && panels.indexOf(panel) !== -1) select(panels.indexOf(panel), false)
    })
    wide.addEventListener('change', apply)
    apply()
  }

  function setupPreview(form) {
    var url = form.getAttribute('data-preview-url')
    var pane = document.getElementById('preview-pane')
    var choice = document.getElementById('preview-lang')
    if (!url || !pane || !choice) return
    var timer = null
    var sequence = 0
    function refresh() {
      var data = new URLSearchParams(new FormData(form))
      data.set('preview_lang', choice.value)
      var mine = ++sequence
      // Read each time: the editor's script gives a new release its draft's address.
      fetch(form.getAttribute('data-preview-url') || url, {
        method: 'POST',
        body: data,
        credentials: 'same-origin',
        headers: { 'X-Preview': 'fragment' },
      })
        .then(function (response) {
          return response.ok ? response.text() : null
        })
        .then(function (html) {
          // A whole document for the sandboxed frame; the server escapes it and sanitises the
          // Markdown, and the sandbox lets nothing in it run.
          if (html !== null && mine === sequence) pane.srcdoc = html
        })
        .catch(function () {})
    }
    form.addEventListener('input', function () {
      clearTimeout(timer)
      timer = setTimeout(refresh, 400)
    })
    choice.addEventListener('change', refresh)
    Array.prototype.forEach.call(document.querySelectorAll('[data-js-hide]'), function (el) {
      el.hidden = true
    })
    var versions = form.querySelector('.versions')
    if (versions) {
      versions.addEventListener('tabchange', function (event) {
        if (event.detail && choice.querySelector('option[value="' + event.detail + '"]')) {
          choice.value = event.detail
          refresh()
        }
      })
    }
    refresh()
  }

  function countdownText(ms, labels) {
    var minutes = Math.max(1, Math.round(Math.abs(ms) / 60000))
    var days = Math.floor(minutes / 1440)
    var hours = Math.floor((minutes % 1440) / 60)
    var mins = minutes % 60
    var parts =
      days > 0
        ? [days + ' ' + labels.d, hours ? hours + ' ' + labels.h : '']
        : hours > 0
          ? [hours + ' ' + labels.h, mins ? mins + ' ' + labels.min : '']
          : [mins + ' ' + labels.min]
    var text = parts.filter(Boolean).join(' ')
    return (ms >= 0 ? labels.future : labels.past).replace('{}', text)
  }

  function setupCountdowns() {
    var items = Array.prototype.slice.call(document.querySelectorAll('[data-countdown]'))
    if (items.length === 0) return
    items.forEach(function (item) {
      // Count from the server's clock, not the laptop's.
      item._skew = Date.parse(item.getAttribute('data-now')) - Date.now()
    })
    setInterval(function () {
      items.forEach(function (item) {
        var labels = JSON.parse(item.getAttribute('data-labels'))
        var at = Date.parse(item.getAttribute('data-countdown'))
        item.textContent = countdownText(at - (Date.now() + item._skew), labels)
      })
    }, 30000)
  }

  function setupProgress(box) {
    var url = box.getAttribute('data-progress-url')
    var bar = box.querySelector('progress')
    var text = box.querySelector('.progress-text')
    var status = box.querySelector('[data-progress-status]')
    var timer = setInterval(poll, 2000)
    function poll() {
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) {
          return response.ok ? response.json() : null
        })
        .then(function (data) {
          if (!data) return
          bar.max = Math.max(1, data.audience)
          bar.value = data.processed
          text.textContent = data.progressText
          Object.keys(data).forEach(function (key) {
            var cell = box.querySelector('[data-count="' + key + '"]')
            if (cell) cell.textContent = String(data[key])
          })
          if (status.textContent !== data.statusText) status.textContent = data.statusText
          if (data.done) {
            clearInterval(timer)
            Array.prototype.forEach.call(
              document.querySelectorAll('[data-hide-when-done]'),
              function (el) {
                el.hidden = true
              },
            )
          }
        })
        .catch(function () {})
    }
  }

  /**
   * Keyword suggestions for a comma-separated field: the datalist offers the newsroom's terms for
   * the word being typed, keeping the keywords before it (without script it suggests whole values).
   */
  function setupKeywordSuggestions(input) {
    var list = document.getElementById(input.getAttribute('list'))
    if (!list) return
    var terms = Array.prototype.map.call(list.options, function (option) {
      return { value: option.value, label: option.label }
    })
    input.addEventListener('input', function () {
      var text = input.value
      var cut = text.lastIndexOf(',')
      var before = cut >= 0 ? text.slice(0, cut + 1).replace(/\s*$/, ' ') : ''
      var chosen = before.split(',').map(function (part) {
        return part.trim().toLowerCase()
      })
      list.textContent = ''
      terms.forEach(function (term) {
        if (chosen.indexOf(term.value.toLowerCase()) >= 0) return
        var option = document.createElement('option')
        option.value = before + term.value
        option.label = term.label
        list.appendChild(option)
      })
    })
  }

  // The outbox viewer's email frame grows to the message's height (no inner scroll bar).
  function setupFrameHeight(frame) {
    function fit() {
      try {
        var doc = frame.contentDocument
        if (doc && doc.documentElement)
          frame.style.height = doc.documentElement.scrollHeight + 2 + 'px'
      } catch {
        // A frame of another origin keeps its fixed height.
      }
    }
    frame.addEventListener('load', fit)
    window.addEventListener('resize', fit)
    fit()
  }

  // Fieldsets for one release type (an invitation's event) show only while that type is chosen.
  function setupTypeFields(select) {
    var sync = function () {
      document.querySelectorAll('[data-for-type]').forEach(function (fieldset) {
        fieldset.hidden = fieldset.getAttribute('data-for-type') !== select.value
      })
    }
    select.addEventListener('change', sync)
    sync()
  }

  // The navigation's groups behave like menus: one open at a time, Escape or a click elsewhere
  // closes them (Escape gives the focus back to the group's button).
  function setupNavGroups(nav) {
    var groups = Array.prototype.slice.call(nav.querySelectorAll('details'))
    groups.forEach(function (group) {
      group.addEventListener('toggle', function () {
        if (!group.open) return
        groups.forEach(function (other) {
          if (other !== group) other.open = false
        })
      })
      group.addEventListener('keydown', function (event) {
        if (event.key !== 'Escape' || !group.open) return
        group.open = false
        group.querySelector('summary').focus()
      })
    })
    document.addEventListener('click', function (event) {
      groups.forEach(function (group) {
        if (group.open && !group.contains(event.target)) group.open = false
      })
    })
  }

  /**
   * The publish confirmation: ticking a media list fetches the page with the ticked lists (as
   * "Update the recipient count" does without script) and takes its recipient count.
   */
  function setupPublishLists(form) {
    var audience = document.getElementById('audience')
    if (!audience || !form.querySelector('input[name="list"]')) return
    audience.setAttribute('aria-live', 'polite')
    var sequence = 0
    form.addEventListener('change', function (event) {
      if (!event.target || event.target.name !== 'list') return
      var url = new URL(window.location.href)
      url.hash = ''
      url.searchParams.delete('list')
      url.searchParams.set('lists', 'chosen')
      Array.prototype.forEach.call(
        form.querySelectorAll('input[name="list"]:checked'),
        function (box) {
          url.searchParams.append('list', box.value)
        },
      )
      var mine = ++sequence
      fetch(url.toString(), { credentials: 'same-origin' })
        .then(function (response) {
          return response.ok ? response.text() : null
        })
        .then(function (html) {
          if (html === null || mine !== sequence) return
          var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('audience')
          if (fresh) audience.innerHTML = fresh.innerHTML
        })
        .catch(function () {})
    })
  }

  function start() {
    var nav = document.querySelector('.admin-nav')
    if (nav) setupNavGroups(nav)
    var type = document.querySelector('#release-form select#type')
    if (type) setupTypeFields(type)
    var versions = document.querySelector('.versions[data-tabs-label]')
    if (versions) setupTabs(versions)
    var form = document.getElementById('release-form')
    if (form) setupPreview(form)
    setupCountdowns()
    var publish = document.querySelector('form[action$="/publish"]')
    if (publish) setupPublishLists(publish)
    var progress = document.querySelector('[data-progress-url]')
    if (progress) setupProgress(progress)
    var keywords = document.querySelector('input[list="keyword-terms"]')
    if (keywords) setupKeywordSuggestions(keywords)
    Array.prototype.forEach.call(
      document.querySelectorAll('iframe[data-fit-height]'),
      setupFrameHeight,
    )
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
