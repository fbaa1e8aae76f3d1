/*
 * The site's search, behind Material's search box.
 *
 * Material's page script sends each query to this worker and renders the answer: the box, the
 * result list and the keyboard stay as readers know them. The answers come from Pagefind's index
 * (kb/search_index.py writes it per language), whose fragments are fetched only when a reader
 * searches, and only those the query needs. Around Pagefind, for readers' words:
 *   - quotation marks (« » „ “ ” " ' ‘ ’) are no part of a word: «Digifrid» is Digifrid;
 *   - a glossary term's search words bring its own forms ("sykehjem" -> "velferdsteknologi");
 *   - a compound the site never writes is split into words it has ("gevinstrealiseringsplan" ->
 *     "gevinstrealisering plan");
 *   - when nothing matches, the nearest words of the site are suggested (kb-search-ui.js shows
 *     them, with links to the glossary and the criteria).
 * Each result opens its best-matching section; its page stays above it, as in Material.
 *
 * Messages: Material's (SETUP 0, READY 1, QUERY 2, RESULT 3). The words file and Pagefind are
 * fetched with the first query, not when a page loads.
 */
"use strict"

const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

/* This file is assets/javascripts/workers/kb-search.js in its language's site. */
const SITE = new URL("../../../", self.location.href)
const MAX_PAGES = 10          /* pages whose text is fetched for one query (Material shows ten at first); the rest are counted */
const MAX_SECTIONS = 4        /* sections shown under a page */
const SYNONYM_WEIGHT = 0.5    /* a page found through a reader's word ranks below one found as typed */
const PHRASE_WEIGHT = 2       /* a page with the query's words together ranks above one with them apart */
/* Each search's scores are scaled to at most 0.99, so a page found a better way ranks first. */
const PAUSE_MS = 200          /* a pause in typing that starts a search */
const MIN_PART = 3            /* the shortest word a compound is split into */
const QUOTES = /[«»„“”"'‘’‹›]/gu
const WORD = /[\p{L}\p{N}]+(?:[-–][\p{L}\p{N}]+)*/gu
/* Endings of an inflected form: a query word is looked up by its base, the shortest word of the
   site it is a form of ("innbyggerne" -> "innbygger"), so every form finds the same pages. */
const ENDINGS = {
  nb: ["e", "n", "r", "s", "a", "t", "en", "et", "er", "ne", "es", "ene", "ere", "ens", "ets", "ers", "erne", "enes", "ernes"],
  en: ["s", "es", "ies"],
}
/* Words that say nothing of a page (every page has them): left out of the query, as Pagefind
   would otherwise also find every word that begins with them ("av" -> "avgang"). */
const STOP_WORDS = {
  nb: ["av", "og", "i", "på", "til", "for", "med", "om", "som", "en", "et", "ei", "den", "det", "de", "er", "å", "at", "fra", "hva", "hvordan", "seg"],
  en: ["a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "by", "is", "are", "how", "what", "as", "at", "from"],
}
const SYNONYM_ENDING = 4      /* letters a reader's word may have beyond its listed form ("sykehjemmet") */
const LINKS = ["", "s", "e"]  /* what may join the parts of a Norwegian compound */

let language = "en"
let ready = null              /* the promise of Pagefind and the words, once a query asked */
const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("kb-search") : null

/* ---------------------------------------------------------------------------------------------- */

function load() {
  if (!ready) ready = Promise.all([
    import(new URL("pagefind/pagefind.js", SITE).href).then(async pagefind => {
      await pagefind.options({ basePath: new URL("pagefind/", SITE).pathname, baseUrl: SITE.pathname })
      await pagefind.init()
      return pagefind
    }),
    fetch(new URL("search/words.json", SITE)).then(response => response.json()),
  ]).then(([pagefind, words]) => ({ pagefind, words: words.words, synonyms: words.synonyms }))
  return ready
}

/* The words of a query as a reader means them: lower case, without quotation marks. */
function queryWords(query) {
  return (query.normalize("NFC").toLowerCase().replace(QUOTES, " ").match(WORD) || [])
}

/* The first index in the sorted `words` at which `prefix` could stand. */
function lowerBound(words, prefix) {
  let low = 0
  let high = words.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (words[middle] < prefix) low = middle + 1
    else high = middle
  }
  return low
}

function isWord(words, word) {
  const at = lowerBound(words, word)
  return words[at] === word
}

/* Some word of the site begins with `word` (Pagefind finds it then, as it is or by its stem). */
function known(words, word) {
  const at = lowerBound(words, word)
  return at < words.length && words[at].startsWith(word)
}

/* `word` is a reader's `listed` word in one of its forms. */
function formOf(word, listed) {
  return word.startsWith(listed) && word.length - listed.length <= SYNONYM_ENDING
}

/* The query with each reader's word (or phrase) replaced by the forms of its term: [words, weight]. */
function synonymQueries(qwords, synonyms) {
  const found = []
  for (const [key, forms] of Object.entries(synonyms)) {
    const keyWords = key.split(/\s+/)
    for (let i = 0; i + keyWords.length <= qwords.length; i++) {
      if (!keyWords.every((k, j) => formOf(qwords[i + j], k))) continue
      for (const form of forms)
        found.push([[...qwords.slice(0, i), ...queryWords(form), ...qwords.slice(i + keyWords.length)], SYNONYM_WEIGHT])
    }
  }
  return found
}

/* A query word as the index is asked for it: its base if it is an inflected form of a site word. */
function baseOf(words, word) {
  let base = word
  for (const ending of ENDINGS[language] || []) {
    const stem = word.slice(0, -ending.length)
    if (word.endsWith(ending) && stem.length >= MIN_PART + 1 && stem.length < base.length && isWord(words, stem))
      base = stem
  }
  return base
}

/* A word the site never writes as the parts it does: the fewest parts, the longer first. */
function splitCompound(words, word) {
  const best = new Array(word.length + 1).fill(null)
  best[0] = []
  for (let start = 0; start < word.length; start++) {
    if (!best[start]) continue
    for (let end = start + MIN_PART; end <= word.length; end++) {
      const part = word.slice(start, end)
      if (!isWord(words, part)) continue
      for (const link of LINKS) {
        const next = end + link.length
        if (next > word.length || word.slice(end, next) !== link) continue
        const parts = [...best[start], part]
        if (!best[next] || parts.length < best[next].length
            || (parts.length === best[next].length && part.length > best[next][best[next].length - 1].length))
          best[next] = parts
      }
    }
  }
  const parts = best[word.length]
  return parts && parts.length > 1 ? parts : null
}

/* The words of a query to ask the index for: without stop words, each by its base. A word no site
   word begins with (a compound the site never writes, a misspelling) is split into words the site
   has, or else left `unknown`: asking the index for it would find whatever begins like it. */
function plan(qwords, words) {
  const stop = STOP_WORDS[language] || []
  const meant = qwords.filter(word => !stop.includes(word))
  const ask = []
  const unknown = []
  for (const word of (meant.length ? meant : qwords)) {
    const base = baseOf(words, word)
    if (known(words, base)) { ask.push(base); continue }
    const parts = splitCompound(words, word)
    if (parts) ask.push(...parts)
    else unknown.push(word)
  }
  return { ask, unknown }
}

/* Levenshtein distance, stopping early beyond `limit`. */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      rowMin = Math.min(rowMin, current[j])
    }
    if (rowMin > limit) return limit + 1
    previous = current
  }
  return previous[b.length]
}

/* "Did you mean": for each word the site does not know, its nearest words; the query rewritten. */
function suggestions(qwords, words) {
  const options = qwords.map(word => {
    if (known(words, word)) return [word]
    const limit = word.length < 5 ? 1 : 2
    const near = []
    for (const candidate of words) {
      const d = distance(word, candidate, limit)
      if (d <= limit) near.push([d, candidate])
    }
    near.sort((x, y) => x[0] - y[0] || x[1].length - y[1].length || (x[1] < y[1] ? -1 : 1))
    return near.slice(0, 3).map(([, candidate]) => candidate)
  })
  if (options.some(choices => choices.length === 0) || options.every((choices, i) => choices[0] === qwords[i]))
    return []
  /* One suggestion per choice of the first unknown word, the others at their best. */
  const first = options.findIndex((choices, i) => choices[0] !== qwords[i])
  return options[first].map(choice => options.map((choices, i) => (i === first ? choice : choices[0])).join(" "))
}

/* ---------------------------------------------------------------------------------------------- */

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[c])
}

/* Pagefind's excerpt as safe HTML: its text escaped, only its <mark> kept. */
function teaser(excerpt) {
  return (excerpt || "").split(/(<\/?mark>)/).map(part => (
    part === "<mark>" || part === "</mark>" ? part : escapeHtml(part.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({ amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'" })[e]))
  )).join("")
}

function sectionScore(section) {
  return (section.weighted_locations || []).reduce((sum, location) => sum + (location.balanced_score || 0), 0)
}

/* One page as Material's result group: the page, then its sections. The best section scores
   above the page, so Enter (Material opens the highest score) opens that section. */
function resultGroup(data, rank, total, terms) {
  const score = total - rank
  const page = { location: data.url, title: escapeHtml(data.meta.title || data.url), text: teaser(data.excerpt), score, terms }
  const sections = (data.sub_results || [])
    .filter(section => section.url.includes("#") && (section.title || "").trim() && section.title !== data.meta.title)
    .map(section => [sectionScore(section), section])
    .filter(([sectionRank]) => sectionRank > 0)
    .sort((a, b) => b[0] - a[0])
    .slice(0, MAX_SECTIONS)
    .map(([, section], i) => ({
      location: section.url,
      title: escapeHtml(section.title),
      text: teaser(section.excerpt),
      score: i === 0 ? score + 0.5 : score - 0.5,
      terms,
    }))
  return [page, ...sections]
}

async function run(pagefind, terms) {
  const search = await pagefind.search(terms)
  return search ? search.results : []
}

/* The pages for a query, best first. Asked of the index: the query's words (their bases, a
   compound's parts) and, for two words or more, the same as a phrase, which ranks pages that have
   the words together first; and each reader's word's term. A query with a word the site does not
   know finds only what its readers' words find, and otherwise suggests the nearest words. */
async function answer(query, stale) {
  const qwords = queryWords(query)
  if (!qwords.length) return { items: [], total: 0, suggest: [] }
  const { pagefind, words, synonyms } = await load()
  const scores = new Map()
  const results = new Map()
  /* Ranked by how a page was found first (the weights), then by Pagefind's score in that search. */
  const add = (found, weight) => {
    const top = found.length ? found[0].score || 1 : 1
    for (const result of found) {
      const score = weight + 0.99 * (result.score / top)
      if (!scores.has(result.id) || scores.get(result.id) < score) {
        scores.set(result.id, score)
        results.set(result.id, result)
      }
    }
  }
  const asked = [[plan(qwords, words), 1]]
  for (const [alternative, weight] of synonymQueries(qwords, synonyms))
    asked.push([plan(alternative, words), weight])
  const done = new Set()  /* a term's forms often come to the same base: ask once */
  for (const [{ ask, unknown }, weight] of asked) {
    if (unknown.length || !ask.length || done.has(ask.join(" "))) continue
    done.add(ask.join(" "))
    const phrase = `"${ask.join(" ")}"`
    if (weight < 1) {  /* a term's form is a phrase of its own: "welfare technology", not its words apart */
      add(await run(pagefind, ask.length > 1 ? phrase : ask[0]), weight)
      continue
    }
    add(await run(pagefind, ask.join(" ")), weight)
    if (ask.length > 1) add(await run(pagefind, phrase), weight * PHRASE_WEIGHT)
  }
  const ranked = [...results.values()].sort((a, b) => scores.get(b.id) - scores.get(a.id))
  if (stale()) return null  /* the reader typed on: fetch no page texts for this query */
  const shown = await Promise.all(ranked.slice(0, MAX_PAGES).map(result => result.data()))
  const terms = Object.fromEntries(qwords.map(word => [word, true]))
  return {
    items: shown.map((data, rank) => resultGroup(data, rank, shown.length, terms)),
    total: ranked.length,
    suggest: ranked.length ? [] : suggestions(qwords, words),
  }
}

/* ---------------------------------------------------------------------------------------------- */

let latest = 0  /* answers to older queries are dropped: the reader typed on */

addEventListener("message", async ev => {
  const message = ev.data
  if (!message) return
  if (message.type === SETUP) {
    language = ((message.data && message.data.config && message.data.config.lang) || ["en"])[0]
    postMessage({ type: READY })
  } else if (message.type === QUERY && typeof message.data === "string") {
    const query = message.data
    const mine = ++latest
    /* Material asks on every key-up: wait until the reader pauses, so the letters typed on the
       way ("e", "el", "ele" …) fetch nothing. */
    await new Promise(resolve => setTimeout(resolve, PAUSE_MS))
    if (mine !== latest) return
    let result
    try {
      result = await answer(query, () => mine !== latest)
    } catch (error) {
      console.error("kb-search:", error)
      result = { items: [], total: 0, suggest: [] }
    }
    if (mine !== latest || !result) return
    postMessage({ type: RESULT, data: { items: result.items } })
    if (channel) channel.postMessage({ query, total: result.total, shown: result.items.length, suggest: result.suggest })
  }
})
