/*
 * Search worker wrapper: inflected queries for Material's search.
 *
 * Material indexes whole words (no stemmer) and turns every query word into a prefix search
 * ("gevinstene" -> "gevinstene*"), so an inflected form finds only words that start with it.
 * Here each plain query word is replaced by its stem before Material sees it ("gevinstene" ->
 * "gevinst", "kommunen" -> "kommun"), and Material's prefix search then finds every form
 * that shares the stem ("gevinst", "Gevinster", "gevinstene"). The stemmer is the one Material
 * already loads for the site's language (lunr-languages' Norwegian, or lunr's English one).
 *
 * Material's own worker is loaded below, unchanged; its file name (which carries a hash) is
 * passed in the query string by overrides/main.html.
 */
"use strict"

const SETUP = 0                    /* SearchMessageType.SETUP in Material's source */
const QUERY = 2                    /* SearchMessageType.QUERY */
const MIN_WORD = 4                 /* shorter words are left as typed: their stems match too much */
let language = "en"

function stemmerFor(lang) {
  if (lang === "en") return self.lunr && self.lunr.stemmer
  return self.lunr && self.lunr[lang] && self.lunr[lang].stemmer
}

/* One query word -> its stem; words with search syntax (+, -, *, ~, ^, :) are left alone. */
function stemWord(word) {
  const stemmer = stemmerFor(language)
  if (!stemmer || word.length < MIN_WORD || !/^[\p{L}\p{N}]+$/u.test(word))
    return word
  const stem = stemmer(new self.lunr.Token(word.toLowerCase())).toString()
  return stem.length >= MIN_WORD - 1 ? stem : word
}

function stemQuery(query) {
  return query.split(/(\s+|"[^"]*")/).map(part => (
    part.startsWith("\"") ? part : stemWord(part)
  )).join("")
}

/* Registered before Material's listener, so it runs first and rewrites the message in place. */
addEventListener("message", ev => {
  const message = ev.data
  if (message && message.type === SETUP)
    language = (message.data.config.lang || ["en"])[0]
  if (message && message.type === QUERY && typeof message.data === "string")
    message.data = stemQuery(message.data)
})

const material = new URL(self.location.href).searchParams.get("material") || ""
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
  throw new Error("kb-search.js: expected ?material=search.<hash>.min.js")
importScripts(material)
