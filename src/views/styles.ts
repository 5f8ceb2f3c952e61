/**
 * The site stylesheet, served at /assets/site.css. Kept as a module (not a file read from disk)
 * so the same app runs where there is no file system. Colours meet WCAG 2.1 AA contrast
 * (text #1a1a1a on #fff is 17:1; links #0b5394 on #fff is 7.6:1; muted #555 on #fff is 7.4:1).
 */
export const siteCss = `
:root { --fg:#1a1a1a; --muted:#555; --bg:#fff; --accent:#0b5394; --line:#d0d7de; --soft:#f4f6f8; --ok:#1d6b2f; --warn:#8a4b00; --bad:#a4161a; }
*,*::before,*::after { box-sizing:border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height:1.55; color:var(--fg); background:var(--bg); }
body { margin:0; }
a { color:var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline:3px solid #f2a900; outline-offset:2px; }
.skip-link { position:absolute; left:-9999px; top:0; background:#000; color:#fff; padding:.5rem 1rem; z-index:10; }
.skip-link:focus { left:0; }
.site-header, .site-footer { background:var(--soft); border-bottom:1px solid var(--line); }
.site-footer { border-top:1px solid var(--line); border-bottom:0; margin-top:3rem; color:var(--muted); font-size:.9rem; }
.wrap { max-width:72rem; margin:0 auto; padding:1rem; }
.site-header .wrap { display:flex; flex-wrap:wrap; gap:1rem; align-items:center; justify-content:space-between; }
.brand { font-weight:700; font-size:1.2rem; text-decoration:none; color:var(--fg); display:inline-flex; align-items:center; gap:.6rem; }
.brand-logo { display:block; height:2.5rem; width:auto; max-width:10rem; }
.lang-switch ul { list-style:none; display:flex; gap:.75rem; margin:0; padding:0; }
.lang-switch [aria-current] { font-weight:700; text-decoration:none; color:var(--fg); }
main { display:block; }
h1 { font-size:clamp(1.6rem, 3vw, 2.3rem); line-height:1.2; margin:.5rem 0 1rem; }
h2 { font-size:1.35rem; margin:2rem 0 .75rem; }
h3 { font-size:1.1rem; margin:1.25rem 0 .5rem; }
.meta { color:var(--muted); font-size:.95rem; }
.lead { font-size:1.2rem; font-weight:500; }
.newsroom-heading { display:flex; align-items:center; gap:1rem; flex-wrap:wrap; }
.newsroom-heading h1 { margin:0.5rem 0; }
.newsroom-logo { display:block; max-height:4rem; max-width:12rem; width:auto; height:auto; }
.layout { display:grid; gap:2rem; grid-template-columns: minmax(0,1fr); }
@media (min-width: 60rem) { .layout { grid-template-columns: minmax(0,2fr) minmax(0,1fr); } }
.card-list { list-style:none; padding:0; margin:0; display:grid; gap:1rem; }
.card { border:1px solid var(--line); border-radius:6px; padding:1rem; background:#fff; }
.card h2, .card h3 { margin:.25rem 0 .5rem; font-size:1.15rem; }
.tags { list-style:none; display:flex; flex-wrap:wrap; gap:.5rem; padding:0; margin:.5rem 0; }
.tags a, .tags span { display:inline-block; border:1px solid var(--line); border-radius:999px; padding:.1rem .7rem; font-size:.9rem; text-decoration:none; }
.box { border:1px solid var(--line); border-radius:6px; padding:1rem; background:var(--soft); margin:1rem 0; }
.contact-cards { list-style:none; padding:0; display:grid; grid-template-columns:repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); gap:1rem; }
.contact-card { border:1px solid var(--line); border-radius:6px; padding:1rem; }
.contact-card .contact-name { font-size:1.1rem; margin:0 0 .25rem; }
.contact-card.with-photo { display:grid; grid-template-columns:6rem minmax(0,1fr); column-gap:1rem; align-items:start; }
.contact-card.with-photo > * { grid-column:2; }
.contact-card.with-photo > .contact-photo { grid-column:1; grid-row:1 / span 4; width:6rem; height:6rem; object-fit:cover; border-radius:50%; background:var(--soft); }
.contact-card .contact-title { margin:0 0 .5rem; color:var(--muted); }
.contact-ways { display:grid; grid-template-columns:auto 1fr; gap:.15rem .75rem; margin:0; }
.contact-ways dt { font-weight:600; }
.contact-ways dd { margin:0; overflow-wrap:break-word; min-width:0; }
.breadcrumb { margin:.5rem 0 0; }
.site-search { display:flex; gap:.4rem; align-items:center; flex:1 1 14rem; max-width:26rem; margin:.25rem 0; }
.site-search input { flex:1; min-width:0; padding:.4rem .5rem; border:1px solid var(--muted); border-radius:4px; font:inherit; }
.site-search button { padding:.4rem .8rem; }
.search-results { list-style:none; padding:0; }
.search-results li { border-bottom:1px solid var(--line); padding:.75rem 0; }
.search-results h2 { font-size:1.15rem; margin:0 0 .25rem; }
.search-results mark { background:#fff2a8; color:inherit; padding:0 .1em; }
.event-details { border:1px solid #d0d7de; border-radius:4px; padding:.75rem 1rem; margin:1rem 0; }
.event-details h2 { margin:0 0 .5rem; font-size:1.1rem; }
.event-details dl { display:grid; grid-template-columns:max-content 1fr; gap:.25rem 1rem; margin:0 0 .75rem; }
.event-details dt { font-weight:600; }
.event-details dd { margin:0; overflow-wrap:anywhere; }
.notice { border-left:4px solid var(--warn); background:#fff8e6; padding:.75rem 1rem; margin:1rem 0; }
.notice.ok { border-color:var(--ok); background:#eef8f0; }
.notice.error { border-color:var(--bad); background:#fdecec; }
figure { margin:1.5rem 0; }
figure img { max-width:100%; height:auto; }
figcaption { color:var(--muted); font-size:.9rem; }
form .field { margin:0 0 1rem; }
label { display:block; font-weight:600; margin-bottom:.25rem; }
input[type=text], input[type=email], input[type=password], input[type=search], input[type=datetime-local], input[type=file], select, textarea { width:100%; max-width:40rem; padding:.5rem; border:1px solid #6b7280; border-radius:4px; font:inherit; }
textarea { min-height:10rem; }
fieldset { border:1px solid var(--line); border-radius:6px; padding:.75rem 1rem; margin:0 0 1rem; }
legend { font-weight:600; }
.checks label { display:inline-flex; gap:.4rem; font-weight:400; margin-right:1rem; align-items:center; }
.hint { color:var(--muted); font-size:.9rem; margin:.25rem 0; }
.field-error { color:var(--bad); font-weight:600; margin:.25rem 0; }
button, .button { display:inline-block; background:var(--accent); color:#fff; border:0; border-radius:4px; padding:.55rem 1.1rem; font:inherit; font-weight:600; cursor:pointer; text-decoration:none; }
button.secondary, .button.secondary { background:#fff; color:var(--accent); border:1px solid var(--accent); }
button.danger { background:var(--bad); }
.hp { position:absolute; left:-9999px; width:1px; height:1px; overflow:hidden; }
.pagination { display:flex; gap:1rem; margin:1.5rem 0; }
.icon { display:inline-block; flex:none; width:1.25rem; height:1.25rem; vertical-align:middle; }
.share-list, .social-links { list-style:none; padding:0; margin:.5rem 0; display:flex; flex-wrap:wrap; gap:.5rem; }
.share-list a, .social-links a { display:inline-flex; align-items:center; gap:.4rem; border:1px solid var(--line); border-radius:999px; padding:.3rem .8rem; text-decoration:none; min-height:44px; box-sizing:border-box; }
.share-list a:hover, .social-links a:hover { border-color:var(--accent); text-decoration:underline; }
.other-lang { font-size:.85rem; color:var(--muted); }
.visually-hidden { position:absolute !important; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:.4rem .6rem; border-bottom:1px solid var(--line); vertical-align:top; }
progress { width:100%; height:1.25rem; }
.admin-nav { display:flex; flex-wrap:wrap; justify-content:space-between; align-items:center; gap:.5rem 1.5rem; border-bottom:1px solid var(--line); padding-bottom:.5rem; margin-bottom:1rem; }
.admin-nav ul { list-style:none; margin:0; padding:0; }
.admin-nav .nav-primary { display:flex; flex-wrap:wrap; align-items:center; gap:.25rem .25rem; }
.admin-nav .nav-primary > li > a, .admin-nav summary { display:inline-block; padding:.4rem .5rem; border-radius:4px; text-decoration:none; }
.admin-nav .nav-primary > li > a:hover, .admin-nav summary:hover { background:var(--soft); text-decoration:underline; }
.admin-nav [aria-current] { font-weight:700; color:var(--fg); box-shadow:inset 0 -3px 0 var(--accent); }
.admin-nav summary { cursor:pointer; color:var(--accent); list-style:none; }
.admin-nav summary::-webkit-details-marker { display:none; }
.admin-nav summary::after { content:""; display:inline-block; margin-left:.4rem; border:.3rem solid transparent; border-top-color:currentColor; border-bottom:0; vertical-align:.15rem; }
.admin-nav details[open] > summary::after { border-top:0; border-bottom:.3rem solid currentColor; }
.admin-nav summary.current { font-weight:700; color:var(--fg); box-shadow:inset 0 -3px 0 var(--accent); }
.admin-nav .nav-group { position:relative; }
.admin-nav .nav-group ul { display:grid; gap:.1rem; padding:.3rem 0; }
.admin-nav .nav-group ul a { display:block; padding:.45rem 1rem; white-space:nowrap; }
.admin-nav .nav-group ul [aria-current] { box-shadow:inset 3px 0 0 var(--accent); }
.admin-nav .nav-account { display:flex; flex-wrap:wrap; align-items:center; gap:.3rem .6rem; font-size:.9rem; }
.admin-nav .nav-account button { padding:.3rem .7rem; font-size:.9rem; }
@media (min-width: 40rem) {
  .admin-nav .nav-group ul { position:absolute; top:100%; left:0; z-index:20; min-width:14rem; background:var(--bg); border:1px solid var(--line); border-radius:6px; box-shadow:0 6px 18px rgb(0 0 0 / 12%); }
}
@media (max-width: 39.99rem) {
  .admin-nav .nav-primary { gap:0; }
  .admin-nav .nav-group:has(> details[open]) { flex-basis:100%; }
  .admin-nav .nav-group ul { border-left:2px solid var(--line); margin-left:.6rem; }
}
form.inline { display:inline; }
code.secret { display:block; padding:.75rem; background:var(--soft); border:1px solid var(--line); word-break:break-all; font-size:1rem; }
.release-body img { display:block; max-width:100%; height:auto; margin:1.25rem 0; border-radius:4px; background:var(--soft); }
.release-body blockquote { border-left:4px solid var(--line); margin:1rem 0; padding:.25rem 1rem; color:#333; }
/* public pages */
.box > h2:first-child, .card > :first-child { margin-top:0; }
.card > :last-child { margin-bottom:0; }
.contacts, .plain-list, .files { list-style:none; padding:0; margin:0; }
.contacts li, .files li { margin:0 0 .75rem; }
.filters { display:flex; flex-wrap:wrap; gap:.75rem 1rem; align-items:flex-end; margin:0 0 1.25rem; }
.filters .field { margin:0; }
.filters select { width:auto; min-width:12rem; }
.card-image { display:block; width:100%; height:auto; aspect-ratio:16/9; object-fit:cover; border-radius:4px; margin:.25rem 0 .5rem; background:var(--soft); }
@media (min-width: 40rem) {
  .card.with-image { display:grid; grid-template-columns:13.75rem minmax(0,1fr); column-gap:1.25rem; align-items:start; }
  .card.with-image > * { grid-column:2; }
  .card.with-image > .card-image { grid-column:1; grid-row:1 / span 6; margin:0; }
}
.lead-image { margin:0 0 1.25rem; }
.lead-image img, .media-item img { display:block; width:100%; height:auto; border-radius:4px; background:var(--soft); }
figure video { display:block; width:100%; max-height:28rem; background:#000; border-radius:4px; }
.downloads { margin:.35rem 0 0; font-size:.9rem; }
.downloads-label { font-weight:600; color:var(--fg); }
.licence { display:block; margin-top:.2rem; }
.media-grid { list-style:none; padding:0; margin:1.5rem 0; display:grid; grid-template-columns:repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); gap:1.5rem; }
.media-item { border:1px solid var(--line); border-radius:6px; padding:.75rem; background:#fff; }
.media-item figure { margin:0; }
.media-item img { aspect-ratio:4/3; object-fit:cover; }
.media-item .meta { margin:.5rem 0 0; font-size:.9rem; }
.video-link a { display:flex; align-items:center; justify-content:center; aspect-ratio:16/9; background:var(--soft); border:1px dashed var(--line); border-radius:4px; padding:1rem; text-align:center; font-weight:600; }
/* feeds: /{lang}/feeds and a feed opened in a browser (feed.xsl) */
.feed-groups { display:grid; gap:1rem; grid-template-columns:repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); align-items:start; }
.feed-group h3 { margin-top:0; }
.feed-list { list-style:none; padding:0; margin:0 0 .5rem; }
.feed-list li { padding:.2rem 0; }
.feed-group details { margin-top:.5rem; }
.feed-group summary { cursor:pointer; font-weight:600; padding:.2rem 0; }
.feed-notice { margin-bottom:1.5rem; }
.feed-notice p:first-child { margin-top:0; }
.feed-address { overflow-wrap:anywhere; }
`

/** The favicon of pages that belong to no newsroom with a logo: a neutral folded page. */
export const defaultFavicon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b5394"/><path d="M9 8h10l4 4v12H9z" fill="#fff"/><path d="M12 15h8M12 18h8M12 21h5" stroke="#0b5394" stroke-width="1.5"/></svg>'
